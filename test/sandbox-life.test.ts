// The sandbox as a trainer uses it across a day (docs/sandbox.md): `--state FILE` keeps its world between runs, and
// `--login` remembers it as the account "sandbox" while it runs.
import {spawn} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createInterface} from 'node:readline';
import {describe, expect, it} from 'vitest';
import {ManualClock} from '../source/clock.js';
import {startSandbox} from '../source/sandbox/index.js';
import {cliPath, newConfigDirectory, runCli} from './helpers/cli.js';
import {clientFor, fixedNow, tenantId} from './helpers/sandbox.js';

const day = 24 * 60 * 60_000;

describe('sandbox --state FILE', () => {
  it('keeps the tenants across a restart — modes and versions — and trials whose month ended meanwhile have switched', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'tenant-mode-state-')), 'world.json');
    const clock = new ManualClock(fixedNow);
    const morning = await startSandbox({clock, statePath: state});
    const acme = tenantId(morning, 'Acme Corp');
    const contoso = tenantId(morning, 'Contoso');
    const client = clientFor(morning);
    const before = await client.getPricing(acme);
    const switched = await client.switchToProduction(acme, before.version);
    await morning.close();

    // The afternoon: the same tenants, Acme Corp as it was left.
    const afternoon = await startSandbox({clock, statePath: state});
    try {
      const again = await clientFor(afternoon).getPricing(acme);
      expect(again).toMatchObject({mode: 'production', version: switched.version});
      expect((await clientFor(afternoon).getPricing(contoso)).mode).toBe('trial');
    } finally {
      await afternoon.close();
    }

    // Two months on: Contoso's trial has ended by itself, as the platform does; Acme Corp is still as it was.
    const later = await startSandbox({clock: new ManualClock(fixedNow + 62 * day), statePath: state});
    try {
      expect((await clientFor(later).getPricing(contoso)).mode).toBe('production');
      expect((await clientFor(later).getPricing(acme)).version).toBe(switched.version);
    } finally {
      await later.close();
    }
  });

  it('keeps a customer created in the morning, its user and its edition, for the afternoon', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'tenant-mode-state-')), 'world.json');
    const clock = new ManualClock(fixedNow);
    const morning = await startSandbox({clock, statePath: state});
    const bearer = (await clientFor(morning).authenticate()).value;
    const created = await fetch(`${morning.url}/api/2/tenants`, {
      method: 'POST',
      headers: {Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json'},
      body: JSON.stringify({name: 'Morning Customer', parent_id: morning.tenantId, kind: 'customer'}),
    });
    const {id} = (await created.json()) as {id: string};
    const headers = {Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json'};
    // A user of it, and the standard edition turned on for it, as the vendor's examples do.
    const user = (await (
      await fetch(`${morning.url}/api/2/users`, {
        method: 'POST',
        headers,
        body: JSON.stringify({tenant_id: id, login: 'morning-user'}),
      })
    ).json()) as {id: string};
    const available = (await (
      await fetch(
        `${morning.url}/api/2/tenants/${morning.tenantId}/offering_items/available_for_child?edition=standard`,
        {headers},
      )
    ).json()) as {items: {application_id: string; name: string}[]};
    await fetch(`${morning.url}/api/2/tenants/${id}/offering_items`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({
        offering_items: available.items.map(({application_id, name}) => ({application_id, name})),
      }),
    });
    await morning.close();
    const afternoon = await startSandbox({clock, statePath: state});
    try {
      expect((await clientFor(afternoon).getTenant(id)).name).toBe('Morning Customer');
      expect((await clientFor(afternoon).getPricing(id)).mode).toBe('trial');
      const again = {Authorization: `Bearer ${(await clientFor(afternoon).authenticate()).value}`};
      const read = await fetch(`${afternoon.url}/api/2/users/${user.id}`, {headers: again});
      expect(((await read.json()) as {login: string}).login).toBe('morning-user');
      const items = (await (
        await fetch(`${afternoon.url}/api/2/tenants/${id}/offering_items?edition=standard`, {headers: again})
      ).json()) as {items: {status: number}[]};
      expect(items.items.length).toBeGreaterThan(0);
      expect(items.items.every((item) => item.status === 1)).toBe(true);
    } finally {
      await afternoon.close();
    }
  });

  it('refuses a file that is not its state, and says why (exit 2)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tenant-mode-state-'));
    const file = join(folder, 'not-state.json');
    const {writeFileSync} = await import('node:fs');
    writeFileSync(file, '{"tenants": 3}');
    const run = await runCli(['sandbox', '--state', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not a state file of this sandbox');
  });
});

describe('sandbox --login', () => {
  it('is the account "sandbox" while it runs, never the default, and forgotten when it stops', async () => {
    const config = newConfigDirectory();
    const env = {...process.env, TENANT_MODE_CONFIG_DIR: config};
    const child = spawn(process.execPath, [cliPath, 'sandbox', '--login', '--json'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let said = '';
    child.stderr.on('data', (chunk) => {
      said += chunk;
    });
    const first = await new Promise<string>((resolve) =>
      createInterface({input: child.stdout}).once('line', resolve),
    );
    const {url} = JSON.parse(first);
    try {
      const status = await runCli(['status', 'Acme Corp', '--account', 'sandbox', '--json'], {
        TENANT_MODE_CONFIG_DIR: config,
      });
      expect(status.code, status.stderr).toBe(0);
      const accounts = JSON.parse(
        (await runCli(['accounts', '--json'], {TENANT_MODE_CONFIG_DIR: config})).stdout,
      ).accounts;
      expect(accounts).toEqual([
        expect.objectContaining({
          name: 'sandbox',
          default: false,
          data_center: `${url}/api/2`,
          sandbox: true,
        }),
      ]);
      // Its switches are rehearsals: apart from the real ones in the audit log.
      const switched = await runCli(['switch', 'Acme Corp', '--yes', '--account', 'sandbox'], {
        TENANT_MODE_CONFIG_DIR: config,
      });
      expect(switched.code, switched.stderr).toBe(0);
      const audit = await runCli(['audit', '--rehearsals', '--json'], {TENANT_MODE_CONFIG_DIR: config});
      expect(JSON.parse(audit.stdout).entries).toEqual([
        expect.objectContaining({tenant_name: 'Acme Corp', rehearsal: true, account: 'sandbox'}),
      ]);
    } finally {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGINT');
      await exited;
    }
    // The vendor's scripts' two files, as commands to run in their folder.
    expect(said).toContain('> api_client.json');
    expect(said).toContain(`'{"base_url":"${url}/"}' > cyber.platform.cfg.json`);
    const after = JSON.parse(
      (await runCli(['accounts', '--json'], {TENANT_MODE_CONFIG_DIR: config})).stdout,
    ).accounts;
    expect(after).toEqual([]);
  });
});

describe('sandbox --login and an account of your own called "sandbox"', () => {
  it('leaves it alone when it is not marked as a sandbox, even on a loopback address', async () => {
    const config = newConfigDirectory();
    const other = await startSandbox({clock: new ManualClock(fixedNow)});
    try {
      const login = await runCli(
        [
          'login',
          '--url',
          other.url,
          '--client-id',
          other.clientId,
          '--name',
          'sandbox',
          '--insecure-storage',
        ],
        {TENANT_MODE_CONFIG_DIR: config, TENANT_MODE_CLIENT_SECRET: other.clientSecret},
      );
      expect(login.code, login.stderr).toBe(0);
      const child = spawn(process.execPath, [cliPath, 'sandbox', '--login', '--json'], {
        env: {...process.env, TENANT_MODE_CONFIG_DIR: config},
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let said = '';
      child.stderr.on('data', (chunk) => {
        said += chunk;
      });
      await new Promise<string>((resolve) => createInterface({input: child.stdout}).once('line', resolve));
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGINT');
      await exited;
      expect(said).toContain('An account named "sandbox" is remembered and is no sandbox');
      const accounts = JSON.parse(
        (await runCli(['accounts', '--json'], {TENANT_MODE_CONFIG_DIR: config})).stdout,
      ).accounts;
      expect(accounts).toEqual([
        expect.objectContaining({name: 'sandbox', data_center: `${other.url}/api/2`}),
      ]);
    } finally {
      await other.close();
    }
  });
});

// From a hostile tester's review of the sandbox.
describe('the sandbox, as a hostile tester found it', () => {
  it('keeps a deleted seed tenant deleted across a restart, and lets one sandbox at a time use a state file', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'tenant-mode-state-')), 'world.json');
    const clock = new ManualClock(fixedNow);
    const first = await startSandbox({clock, statePath: state});
    // A second sandbox on the same file would overwrite the first's changes: refused.
    await expect(startSandbox({clock, statePath: state})).rejects.toThrow('another sandbox');
    const initech = tenantId(first, 'Initech');
    const bearer = (await clientFor(first).authenticate()).value;
    const version = (await clientFor(first).getTenant(initech)).version;
    const deleted = await fetch(`${first.url}/api/2/tenants/${initech}?version=${version}`, {
      method: 'DELETE',
      headers: {Authorization: `Bearer ${bearer}`},
    });
    expect(deleted.status).toBe(204);
    await first.close();
    const again = await startSandbox({clock, statePath: state});
    try {
      const read = await fetch(`${again.url}/api/2/tenants/${initech}`, {
        headers: {Authorization: `Bearer ${(await clientFor(again).authenticate()).value}`},
      });
      expect(read.status).toBe(404);
    } finally {
      await again.close();
    }
  });

  it('refuses a state file whose parents go round, and one with a kind it does not know', async () => {
    const {readFileSync, writeFileSync} = await import('node:fs');
    const state = join(mkdtempSync(join(tmpdir(), 'tenant-mode-state-')), 'world.json');
    const clock = new ManualClock(fixedNow);
    await (await startSandbox({clock, statePath: state})).close();
    const good = JSON.parse(readFileSync(state, 'utf8'));
    const [a, b] = good.tenants.filter((tenant: {kind: string}) => tenant.kind === 'customer');
    const round = structuredClone(good);
    for (const tenant of round.tenants) {
      if (tenant.id === a.id) tenant.parent_id = b.id;
      if (tenant.id === b.id) tenant.parent_id = a.id;
    }
    writeFileSync(state, JSON.stringify(round));
    await expect(startSandbox({clock, statePath: state})).rejects.toThrow('go round');
    const bogus = structuredClone(good);
    bogus.tenants[2].kind = 'bogus';
    writeFileSync(state, JSON.stringify(bogus));
    await expect(startSandbox({clock, statePath: state})).rejects.toThrow('fields of other types');
  });

  it('answers 413 to a body over 1 MiB and goes on; a scoped client never signs in by itself', async () => {
    const box = await startSandbox({clock: new ManualClock(fixedNow)});
    try {
      const big = await fetch(`${box.url}/api/2/tenants`, {
        method: 'POST',
        headers: {'Content-Type': 'application/json'},
        body: 'a'.repeat(2 * 1024 * 1024),
      });
      expect(big.status).toBe(413);
      expect((await clientFor(box).getTenant(box.tenantId)).id).toBe(box.tenantId);
      const bearer = (await clientFor(box).authenticate()).value;
      const acme = tenantId(box, 'Acme Corp');
      const scoped = await fetch(`${box.url}/api/2/idp/token`, {
        method: 'POST',
        headers: {'Content-Type': 'application/x-www-form-urlencoded'},
        body: new URLSearchParams({
          grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
          assertion: bearer,
          scope: `urn:acronis.com:tenant-id:${acme}`,
        }).toString(),
      });
      expect(scoped.status).toBe(200);
      const bySecret = await fetch(`${box.url}/api/2/idp/token`, {
        method: 'POST',
        headers: {'Content-Type': 'application/x-www-form-urlencoded'},
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: `${box.clientId}:${acme}`,
          client_secret: '',
        }).toString(),
      });
      expect(bySecret.status).toBe(401);
    } finally {
      await box.close();
    }
  });
});
