import {execFile} from 'node:child_process';
import {appendFileSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {eachJournalLine, Journal} from '../source/store/index.js';
import {cliPath, newConfigDirectory, runInProcess, sandboxCli} from './helpers/cli.js';
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

  it('a tenant whose parent_id is not a UUID: shown with its path cut ("…"), never "correct the value"', async () => {
    const name = freshTrial();
    const id = tenantId(sandbox.current, name);
    const tenant = {id, parent_id: 'root', name, kind: 'customer', version: 1, has_children: false};
    sandbox.current.faults.add({method: 'GET', path: `/tenants/${id}`, status: 200, body: tenant});
    const run = await sandboxCli(sandbox.current)(['status', id, '--json']);
    expect(run.stderr).not.toContain('Correct the value');
    expect(JSON.parse(run.stdout)).toMatchObject({tenant: {id, path: ['…']}});
    expect(run.code).toBe(0);
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

describe('one append-only writer: a foreign partial line is closed off, never glued to', () => {
  it('the journal (apply) looks at the end of the file before every write', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tenant-mode-torn-'));
    const path = join(folder, 'results.jsonl');
    const journal = await Journal.open(path);
    await journal.append({kind: 'outcome', n: 1});
    // Another program appends half a line while the run goes on.
    appendFileSync(path, '{"kind":"outcome","torn');
    await journal.append({kind: 'outcome', n: 2});
    await journal.close();
    expect(readFileSync(path, 'utf8').split('\n')).toEqual([
      '{"kind":"outcome","n":1}',
      '{"kind":"outcome","torn',
      '{"kind":"outcome","n":2}',
      '',
    ]);
    const read: unknown[] = [];
    const skipped = await eachJournalLine(path, (line) => read.push(line.n));
    expect(read).toEqual([1, 2]);
    expect(skipped.sentence()).toBe('1 unreadable line skipped: 2');
  });

  it('during an apply: every outcome stays readable in the audit log, the torn line is named by its number', async () => {
    const config = newConfigDirectory();
    const cli = sandboxCli(sandbox.current, config);
    const names = [freshTrial(), freshTrial(), freshTrial()];
    const plan = join(mkdtempSync(join(tmpdir(), 'tenant-mode-torn-')), 'plan.json');
    const made = await cli([
      'plan',
      '--out',
      plan,
      '--on',
      '2026-12-01',
      ...names.flatMap((name) => ['--only', name]),
    ]);
    expect(made.code).toBe(0);
    sandbox.current.faults.add({method: 'PUT', path: /\/pricing$/, delayMs: 150});
    const log = join(config, 'audit.log');
    let torn = false;
    const tear = setInterval(() => {
      if (!torn && requestLines(sandbox.current).some((line) => line.startsWith('PUT'))) {
        appendFileSync(log, '{"kind":"outcome","attempt_id":"half');
        torn = true;
      }
    }, 5);
    const run = await cli(['apply', plan, '--yes', '--json', '--not-on-date', '--concurrency', '1']);
    clearInterval(tear);
    expect(run.code).toBe(0);
    const audit = await runInProcess(
      ['audit', '--json'],
      {TENANT_MODE_CONFIG_DIR: config},
      {clock: sandbox.current.clock},
    );
    const document = JSON.parse(audit.stdout) as {
      entries: Array<{outcome: string}>;
      unreadable_lines: number;
    };
    expect(document.entries.map((entry) => entry.outcome)).toEqual(['switched', 'switched', 'switched']);
    expect(document.unreadable_lines).toBe(1);
    expect(audit.stderr).toMatch(/1 unreadable line skipped: \d+ \(torn by a crash or by another program/);
  });
});

describe('files we read can be anything', () => {
  const attempt = (id: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      kind: 'attempt',
      attempt_id: id,
      time: '2026-11-26T09:00:00.000Z',
      via: 'command',
      data_center: 'https://eu2-cloud.acronis.com/api/2',
      client_id: 'c',
      tenant_id: '892efe0b-f8da-52dd-a706-6eb3bdac66a2',
      tenant_name: 'Acme Corp',
      pricing_before: {mode: 'trial', version: 1},
      request: {mode: 'production', version: 1},
      ...extra,
    });
  const outcome = (id: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      kind: 'outcome',
      attempt_id: id,
      time: '2026-11-26T09:00:01.000Z',
      status: 200,
      outcome: 'switched',
      puts: 1,
      ...extra,
    });

  it('hand-edited lines: an outcome cannot replace the data center or via; a line of wrong types is skipped', async () => {
    const config = newConfigDirectory();
    mkdirSync(config, {recursive: true, mode: 0o700});
    writeFileSync(
      join(config, 'audit.log'),
      [
        attempt('a'),
        outcome('a', {data_center: 'not a url', via: {toString: 1}}),
        attempt('b', {via: {toString: 1}}),
        attempt('c', {data_center: 'not a url'}),
        outcome('d', {outcome: {toString: 1}}),
        '',
      ].join('\n'),
      {mode: 0o600},
    );
    const run = await runInProcess(
      ['audit'],
      {TENANT_MODE_CONFIG_DIR: config},
      {clock: sandbox.current.clock},
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'switched                      200  Acme Corp (892efe0b-f8da-52dd-a706-6eb3bdac66a2)  via command  eu2-cloud.acronis.com',
    );
    expect(run.stderr).toContain('3 unreadable lines skipped: 3, 4, 5');
    expect(run.stderr).not.toMatch(/Invalid URL|Cannot convert/);
  });

  it('a ~100 MB audit log is read in flat memory (--max-old-space-size=48): newest entries, skipped lines named', async () => {
    const config = newConfigDirectory();
    mkdirSync(config, {recursive: true, mode: 0o700});
    const path = join(config, 'audit.log');
    const pairs = 110_000;
    const padding = 'x'.repeat(600);
    const chunk: string[] = [];
    for (let at = 0; at < pairs; at++) {
      const day = at >= pairs - 3 ? '2026-12-01' : '2026-11-01';
      chunk.push(
        attempt(`id-${at}`, {time: `${day}T00:00:00.000Z`, tenant_name: `Customer ${at}`, note: padding}),
      );
      chunk.push(outcome(`id-${at}`));
      if (at === 5) chunk.push('{"kind":"attempt","torn');
      if (at === 7) chunk.push(`"${'y'.repeat(1_200_000)}"`);
    }
    writeFileSync(path, `${chunk.join('\n')}\n`, {mode: 0o600});
    expect(statSync(path).size).toBeGreaterThan(90_000_000);
    const run = await new Promise<{code: number; stdout: string; stderr: string}>((resolve) => {
      execFile(
        process.execPath,
        ['--max-old-space-size=48', cliPath, 'audit', '--since', '2026-12-01'],
        {env: {...process.env, TENANT_MODE_CONFIG_DIR: config}, maxBuffer: 1024 * 1024},
        (error, stdout, stderr) =>
          resolve({code: error ? Number((error as {code?: number}).code ?? 1) : 0, stdout, stderr}),
      );
    });
    expect(run.stderr).toContain('2 unreadable lines skipped: 13, 18');
    expect(run.stdout.split('\n').filter((line) => line.includes('switched'))).toHaveLength(3);
    expect(run.stdout).toContain(`Customer ${pairs - 1}`);
    expect(run.code).toBe(0);
  }, 60_000);
});
