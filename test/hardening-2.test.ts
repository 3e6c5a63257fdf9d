import {describe, expect, it} from 'vitest';
import {sandboxCli} from './helpers/cli.js';
import {requestLines, sandboxPerFile, tenantId} from './helpers/sandbox.js';

// Issue "Hardening, second round": a switch that happened is never an error, odd answers are the platform's fault.
// Each row makes the sandbox answer one odd (but schema-valid) way and checks what the operator sees and the exit code.
const sandbox = sandboxPerFile({tenants: 3});

const world = () => sandbox.current.world;
const pricingPath = (name: string) => `/tenants/${tenantId(sandbox.current, name)}/pricing`;
const modeOf = (name: string) => world().tenants.get(tenantId(sandbox.current, name))?.pricing.mode;

let spare = 0;
function freshTrial(): string {
  const name = `Second round ${++spare}`;
  world().addTenant({name, kind: 'customer', parentId: sandbox.current.tenantId});
  return name;
}

async function switchTenant(name: string, extra: string[] = []) {
  const from = sandbox.current.requests.length;
  const run = await sandboxCli(sandbox.current)(['switch', name, '--yes', ...extra]);
  const puts = requestLines(sandbox.current, from).filter((line) => line.startsWith('PUT')).length;
  return {...run, puts};
}

describe('a switch that happened is never reported as an error', () => {
  it.each([
    ['an ISO 8601 basic-form zone (+0000)', '2026-12-06T02:40:00+0000', '6 Dec 2026, 02:40 UTC'],
    ['a text that is no date', 'soon, probably', '"soon, probably" (as the platform wrote it)'],
    [
      'a date beyond what a Date holds',
      '999999-01-01T00:00:00',
      '"999999-01-01T00:00:00" (as the platform wrote it)',
    ],
  ])(
    'a 200 in production whose production_start_date is %s: exit 0, the date shown as sent',
    async (_what, date, shown) => {
      const name = freshTrial();
      const version = world().tenants.get(tenantId(sandbox.current, name))?.pricing.version ?? 0;
      const body = {mode: 'production', currency: null, version: version + 1, production_start_date: date};
      sandbox.current.faults.add({method: 'PUT', path: pricingPath(name), applied: true, status: 200, body});
      const text = await switchTenant(name);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain(`${name} is now in production. Status 200 OK.`);
      expect(text.stdout).toContain(`Production since ${shown}`);
      expect(text.stderr).not.toContain('Error');
      expect(text.puts).toBe(1);
      expect(modeOf(name)).toBe('production');
    },
  );

  it('--json: the document says switched, with no error, and exit 0', async () => {
    const name = freshTrial();
    const body = {
      mode: 'production',
      currency: null,
      version: 99,
      production_start_date: '2026-12-06T02:40:00+0000',
    };
    sandbox.current.faults.add({method: 'PUT', path: pricingPath(name), applied: true, status: 200, body});
    const run = await switchTenant(name, ['--json']);
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(document).toMatchObject({outcome: 'switched', sent: true, status: 200});
    expect(document).not.toHaveProperty('error');
  });
});

describe('odd answers are platform faults, not the operator’s', () => {
  it('a listing item without pricing_mode: list shows "not given", --json says null, exit 0', async () => {
    const name = freshTrial();
    const id = tenantId(sandbox.current, name);
    sandbox.current.faults.add({
      method: 'GET',
      path: '/tenants',
      status: 200,
      body: {
        items: [
          {
            id,
            parent_id: sandbox.current.tenantId,
            name,
            kind: 'customer',
            version: 1,
            enabled: true,
            created_at: '2026-11-01T00:00:00',
            updated_at: '2026-11-01T00:00:00',
            deleted_at: null,
            contacts: [],
            offering_items: [],
          },
        ],
      },
      times: 1,
    });
    const text = await sandboxCli(sandbox.current)(['list']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`${id}  not given   ${name}`);
    sandbox.current.faults.add({
      method: 'GET',
      path: '/tenants',
      status: 200,
      body: {items: [{id, parent_id: sandbox.current.tenantId, name, kind: 'customer'}]},
      times: 1,
    });
    const json = await sandboxCli(sandbox.current)(['list', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({tenants: [{id, mode: null}]});
  });

  it('a tenant whose parent_id is not a UUID: the platform is named, exit 4 (not 2)', async () => {
    const name = freshTrial();
    const id = tenantId(sandbox.current, name);
    const tenant = {id, parent_id: 'root', name, kind: 'customer', version: 1, has_children: false};
    sandbox.current.faults.add({method: 'GET', path: `/tenants/${id}`, status: 200, body: tenant});
    const run = await sandboxCli(sandbox.current)(['status', id]);
    expect(run.stderr).toContain(
      'The platform answered in an unexpected shape: parent_id is "root", not a UUID.',
    );
    expect(run.stderr).not.toContain('Correct the value');
    expect(run.code).toBe(4);
  });

  it('a pricing version that is an object: the platform is named, exit 4, no raw JavaScript error', async () => {
    const name = freshTrial();
    sandbox.current.faults.add({
      method: 'GET',
      path: pricingPath(name),
      status: 200,
      body: {mode: 'trial', currency: null, production_start_date: null, version: {toString: 1}},
    });
    const run = await sandboxCli(sandbox.current)(['status', name]);
    expect(run.stderr).toContain(
      'The platform answered in an unexpected shape: version is an object ({"toString":1})',
    );
    expect(run.stderr).not.toContain('Cannot convert');
    expect(run.code).toBe(4);
  });
});
