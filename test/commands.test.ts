import {execFileSync, spawn} from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {CredentialStore} from '../source/store/index.js';
import {newConfigDirectory, runCli, runInProcess, sandboxCli} from './helpers/cli.js';
import {clientFor, requestLines, sandboxPerFile, tenantId} from './helpers/sandbox.js';
import {cliSchemaErrors} from './helpers/schemas.js';

const sandbox = sandboxPerFile();
const puts = (from: number) => requestLines(sandbox.current, from).filter((line) => line.startsWith('PUT'));
const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown>;

describe('tenant-mode status', () => {
  it('by name and by UUID: the tenant and its pricing', async () => {
    const cli = sandboxCli(sandbox.current);
    const byName = await cli(['status', 'Acme Corp', '--json']);
    expect(byName.code).toBe(0);
    const document = json(byName.stdout);
    expect(cliSchemaErrors('status', document)).toEqual([]);
    expect(document).toMatchObject({
      tenant: {name: 'Acme Corp', kind: 'customer', path: ['Northwind Partners']},
      pricing: {mode: 'trial'},
    });
    const byUuid = await cli(['status', tenantId(sandbox.current, 'Fabrikam Stores')]);
    expect(byUuid.code).toBe(0);
    expect(byUuid.stdout).toContain('Fabrikam Stores (customer)');
    expect(byUuid.stdout).toContain('path     Northwind Partners / Retail');
  });

  it('an ambiguous name is an error listing the candidates with their UUIDs, never a guess', async () => {
    const run = await sandboxCli(sandbox.current)(['status', 'Contoso', '--json']);
    expect(run.code).toBe(2);
    const document = json(run.stdout);
    expect(cliSchemaErrors('error', document)).toEqual([]);
    expect(document).toMatchObject({error: {reason: 'ambiguous'}});
    expect((document.error as {candidates: unknown[]}).candidates).toHaveLength(2);
    expect(run.stderr).toContain(tenantId(sandbox.current, 'Contoso'));
    expect(run.stderr).toContain('Northwind Partners / Retail');
  });

  it.each([
    [['status', 'Nobody'], 2, 'No tenant is named "Nobody"'],
    [['status', '00000000-0000-4000-8000-000000000000'], 1, 'status 404'],
    [['status', '12345678-zz'], 2, 'looks like a UUID but is not one'],
    [['status', 'x'.repeat(500)], 2, 'at most 255 characters'],
    [['status'], 2, 'takes one tenant name or UUID'],
    [['list', '--mode', 'paused'], 2, '--mode must be one of trial, production, suspended'],
  ])('%j exits %i: %s', async (args, code, message) => {
    const run = await sandboxCli(sandbox.current)(args);
    expect(run.code).toBe(code);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a tenant outside your subtree: 403, exit 1', async () => {
    const run = await sandboxCli(sandbox.current)(['status', tenantId(sandbox.current, 'Hooli'), '--json']);
    expect(run.code).toBe(1);
    expect(json(run.stdout)).toMatchObject({error: {kind: 'http', status: 403, code: 'access_denied'}});
  });

  it('credentials: none is exit 2, a wrong secret exit 3, an unreachable data center exit 4', async () => {
    const none = await runCli(['status', 'Acme Corp'], {
      TENANT_MODE_CONFIG_DIR: newConfigDirectory(),
      TENANT_MODE_CLIENT_SECRET: '',
    });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('No credentials');
    const wrong = await sandboxCli(sandbox.current)(['status', 'Acme Corp', '--json'], {
      TENANT_MODE_CLIENT_SECRET: 'nope',
    });
    expect(wrong.code).toBe(3);
    expect(json(wrong.stdout)).toMatchObject({error: {kind: 'oauth', status: 401}});
    const unreachable = await runCli(
      ['status', 'Acme Corp', '--url', 'http://127.0.0.1:9', '--client-id', sandbox.current.clientId],
      {
        TENANT_MODE_CLIENT_SECRET: 'x',
        TENANT_MODE_CONFIG_DIR: newConfigDirectory(),
      },
    );
    expect(unreachable.code).toBe(4);
    expect(unreachable.stderr).toContain('Could not connect to 127.0.0.1:9');
  });
});

describe('--client-secret-file, for unattended runs', () => {
  const secretFile = (content: string, mode: number) => {
    const path = join(mkdtempSync(join(tmpdir(), 'tenant-mode-secret-')), 'secret');
    writeFileSync(path, content, {mode});
    chmodSync(path, mode);
    return path;
  };
  const withFile = (path: string, env: Record<string, string | undefined> = {}) =>
    sandboxCli(sandbox.current)(['status', 'Acme Corp', '--client-secret-file', path], {
      TENANT_MODE_CLIENT_SECRET: undefined,
      ...env,
    });

  it('signs in with the secret of a 0600 file, its trailing newline not part of it', async () => {
    const run = await withFile(secretFile(`${sandbox.current.clientSecret}\n`, 0o600));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Acme Corp (customer)');
  });

  it.skipIf(process.platform === 'win32')(
    'takes it from a named pipe whose writer comes a moment later',
    async () => {
      const pipe = join(mkdtempSync(join(tmpdir(), 'tenant-mode-secret-')), 'pipe');
      execFileSync('mkfifo', ['-m', '600', pipe]);
      const writer = spawn('sh', ['-c', 'sleep 0.3; printf "%s\\n" "$SECRET" > "$PIPE"'], {
        env: {...process.env, SECRET: sandbox.current.clientSecret, PIPE: pipe},
      });
      const written = new Promise((resolve) => writer.on('exit', resolve));
      const run = await withFile(pipe);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(await written).toBe(0);
    },
  );

  it.skipIf(process.platform === 'win32')(
    'refuses a file others can read, a missing, empty or many-line file, and two secrets: exit 2, nothing sent',
    async () => {
      const before = sandbox.current.requests.length;
      const secret = sandbox.current.clientSecret;
      const open = secretFile(`${secret}\n`, 0o644);
      const readable = await withFile(open);
      expect(readable.code).toBe(2);
      expect(readable.stderr).toBe(
        `The client secret file ${open} can be read or written by others (mode 0644); make it yours alone: chmod 600 ${open}\n`,
      );
      const missing = await withFile('/nonexistent/secret');
      expect(missing.stderr).toContain(
        'Cannot read the client secret file /nonexistent/secret: there is no such file.',
      );
      const empty = await withFile(secretFile('\n', 0o600));
      expect(empty.stderr).toMatch(/is empty\.$/m);
      const twoLines = await withFile(secretFile(`${secret}\nsecond\n`, 0o600));
      expect(twoLines.stderr).toContain('holds more than one line');
      const both = await withFile(secretFile(`${secret}\n`, 0o600), {TENANT_MODE_CLIENT_SECRET: secret});
      expect(both.stderr).toContain('The client secret is given twice');
      for (const run of [missing, empty, twoLines, both]) expect(run.code).toBe(2);
      for (const run of [readable, missing, empty, twoLines, both]) {
        expect(run.stdout + run.stderr).not.toContain(secret);
      }
      expect(sandbox.current.requests.length).toBe(before);
    },
  );
});

describe('tenant-mode list', () => {
  it('every customer of the whole subtree, in a stable order, with dates; --mode filters', async () => {
    const cli = sandboxCli(sandbox.current);
    const first = await cli(['list', '--json']);
    expect(first.code).toBe(0);
    const document = json(first.stdout) as {tenants: Array<{name: string; path: string[]; mode: string}>};
    expect(cliSchemaErrors('list', document)).toEqual([]);
    const names = document.tenants.map((tenant) => [...tenant.path, tenant.name].join(' / '));
    expect(names).toContain('Northwind Partners / Retail / Contoso');
    expect(names).not.toContain('Northwind Partners / Retail'); // a folder is not a customer
    expect(names.some((name) => name.includes('Hooli'))).toBe(false);
    expect((await cli(['list', '--json'])).stdout).toBe(first.stdout);

    const trial = await cli(['list', '--mode', 'trial']);
    expect(trial.stdout).toMatch(
      /trial\s+Northwind Partners \/ Globex {2}— switches by itself on 29 Nov 2026/,
    );
    expect(trial.stdout).not.toContain('Initech');

    // A name with a line feed in it stays on its row: shown, never a line break that could fake a row.
    sandbox.current.world.addTenant({
      name: 'Line one\n00000000-0000-0000-0000-000000000000  production  Fake',
      kind: 'customer',
      parentId: sandbox.current.tenantId,
    });
    const crafted = await cli(['list']);
    const lines = crafted.stdout.split('\n');
    expect(lines.some((line) => line.includes('Line one⏎00000000-0000-0000-0000-000000000000'))).toBe(true);
    expect(lines.some((line) => line.startsWith('00000000-0000-0000-0000-000000000000'))).toBe(false);
  });
});

describe('tenant-mode switch', () => {
  it('--dry-run says what would be sent and sends nothing', async () => {
    const from = sandbox.current.requests.length;
    const run = await sandboxCli(sandbox.current)(['switch', 'Wayne Enterprises', '--dry-run', '--json']);
    expect(run.code).toBe(0);
    const document = json(run.stdout);
    expect(cliSchemaErrors('switch', document), JSON.stringify(document)).toEqual([]);
    expect(document).toMatchObject({
      dry_run: true,
      sent: false,
      request: {method: 'PUT', body: {mode: 'production'}},
    });
    // With --json the look is the document; in words (without it) the facts come first, on stderr.
    expect(run.stderr).toBe('');
    const words = await sandboxCli(sandbox.current)(['switch', 'Wayne Enterprises', '--dry-run']);
    expect(words.stderr).toContain('Not reversible');
    expect(words.stdout).toBe('Dry run: nothing was sent.\n');
    expect(puts(from)).toEqual([]);
  });

  it('without --yes and without a terminal: refuses, exit 2, nothing sent', async () => {
    const from = sandbox.current.requests.length;
    const run = await sandboxCli(sandbox.current)(['switch', 'Wayne Enterprises']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Pass --yes to confirm in a script');
    expect(puts(from)).toEqual([]);
  });

  it('--yes switches once; a second run finds it in production and sends nothing (exit 0)', async () => {
    const configDirectory = newConfigDirectory();
    const cli = sandboxCli(sandbox.current, configDirectory);
    const from = sandbox.current.requests.length;
    const run = await cli(['switch', 'Müller Bäckerei GmbH', '--yes', '--json']);
    expect(run.code).toBe(0);
    const document = json(run.stdout);
    expect(cliSchemaErrors('switch', document)).toEqual([]);
    expect(document).toMatchObject({
      outcome: 'switched',
      status: 200,
      sent: true,
      pricing_after: {mode: 'production'},
    });
    expect(puts(from)).toHaveLength(1);

    const again = await cli(['switch', 'Müller Bäckerei GmbH', '--yes']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('is already in production: nothing was sent.');
    expect(puts(from)).toHaveLength(1);
  });

  it.each([
    ['Retail', 'This is a folder tenant'],
    ['Umbrella Health', 'Suspended'],
    ['Wayne R&D', 'This is a unit tenant'],
  ])('%s cannot be switched: exit 2, nothing sent', async (name, message) => {
    const from = sandbox.current.requests.length;
    const run = await sandboxCli(sandbox.current)(['switch', name, '--yes']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(puts(from)).toEqual([]);
  });

  it('refused by the platform (409): exit 1, says so, never resends', async () => {
    sandbox.current.faults.add({
      method: 'PUT',
      path: /\/pricing$/,
      status: 409,
      body: {
        error: {
          code: 'version_conflict',
          domain: 'PlatformAccountServer',
          message: 'Changed by someone else.',
          details: {info: null},
        },
      },
    });
    const from = sandbox.current.requests.length;
    const run = await sandboxCli(sandbox.current)(['switch', 'Acme Corp', '--yes', '--json']);
    expect(run.code).toBe(1);
    expect(json(run.stdout)).toMatchObject({outcome: 'failed', status: 409, pricing_after: {mode: 'trial'}});
    expect(run.stdout).toContain('version_conflict');
    expect(puts(from)).toHaveLength(1);
  });

  it('a 503: exit 4 once the re-read shows nothing changed', async () => {
    sandbox.current.faults.add({
      method: 'PUT',
      path: /\/pricing$/,
      status: 503,
      body: '<html><title>503</title></html>',
    });
    const run = await sandboxCli(sandbox.current)(['switch', 'Acme Corp', '--yes']);
    expect(run.code).toBe(4);
    expect(run.stdout).toContain(
      'Read again: Acme Corp is still in trial; nothing was changed by this request.',
    );
  });

  it('the answer lost after the switch happened: the re-read confirms it, exit 0', async () => {
    sandbox.current.faults.add({method: 'PUT', path: /\/pricing$/, drop: 'after', times: 1});
    const run = await sandboxCli(sandbox.current)(['switch', 'Acme Corp', '--yes', '--json']);
    expect(run.code).toBe(0);
    expect(json(run.stdout)).toMatchObject({
      outcome: 'switched-confirmed-by-reread',
      pricing_after: {mode: 'production'},
    });
  });

  it('no answer and no re-read: outcome unknown, exit 5', async () => {
    const id = tenantId(sandbox.current, 'Contoso');
    sandbox.current.faults.add({method: 'PUT', path: /\/pricing$/, drop: 'before', times: 1});
    // The read before the switch goes through; the re-read after it fails, retries included.
    sandbox.current.faults.add({
      method: 'GET',
      path: `/tenants/${id}/pricing`,
      status: 500,
      body: {},
      skip: 1,
    });
    const run = await sandboxCli(sandbox.current)(['switch', id, '--yes', '--json', '--timeout', '5']);
    expect(run.code).toBe(5);
    expect(json(run.stdout)).toMatchObject({outcome: 'unknown', sent: true});
    expect(run.stderr).toContain('The outcome is unknown');
  }, 20_000);
});

describe('the audit log', () => {
  const refuseNextSwitch = () =>
    sandbox.current.faults.add({
      method: 'PUT',
      path: /\/pricing$/,
      status: 409,
      body: {error: {code: 'x', domain: null, message: 'm', details: {info: null}}},
      times: 1,
    });

  it('has one line per attempt, newest first, no secrets, 0600; a torn line is skipped', async () => {
    const configDirectory = newConfigDirectory();
    const cli = sandboxCli(sandbox.current, configDirectory);
    await cli(['switch', 'Wayne Enterprises', '--yes']);
    refuseNextSwitch();
    await cli(['switch', 'Fabrikam Stores', '--yes']);
    await cli(['switch', 'Wayne Enterprises', '--yes']); // already production: not an attempt

    const path = join(configDirectory, 'audit.log');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(sandbox.current.clientSecret);
    for (const token of sandbox.current.world.tokens.keys()) expect(text).not.toContain(token);

    // A crash mid-write leaves a torn last line; the next entry must not be glued to it.
    appendFileSync(path, '{"time": "2026-11-26T09:0');
    refuseNextSwitch();
    await cli(['switch', 'Fabrikam Stores', '--yes']);

    const audit = await runCli(['audit', '--json'], {TENANT_MODE_CONFIG_DIR: configDirectory});
    expect(audit.code).toBe(0);
    const document = json(audit.stdout) as {
      entries: Array<{tenant_name: string; outcome: string; status: number}>;
      unreadable_lines: number;
    };
    expect(cliSchemaErrors('audit', document)).toEqual([]);
    expect(document.entries.map((entry) => [entry.tenant_name, entry.outcome, entry.status])).toEqual([
      ['Fabrikam Stores', 'failed', 409],
      ['Fabrikam Stores', 'failed', 409],
      ['Wayne Enterprises', 'switched', 200],
    ]);
    expect(document.unreadable_lines).toBe(1);
    expect(audit.stderr).toContain('1 unreadable line skipped: 5 (torn by a crash');
    expect(existsSync(path)).toBe(true);
  });

  it('--since DAY keeps the attempts of that day (UTC) and later; a day that does not exist is exit 2', async () => {
    const configDirectory = newConfigDirectory();
    sandbox.current.world.addTenant({
      name: 'Audit Since',
      kind: 'customer',
      parentId: sandbox.current.tenantId,
    });
    const switched = await sandboxCli(sandbox.current, configDirectory)(['switch', 'Audit Since', '--yes']);
    expect(switched.code).toBe(0);
    const env = {TENANT_MODE_CONFIG_DIR: configDirectory};
    const today = new Date(sandbox.current.clock.now()).toISOString().slice(0, 10);
    const tomorrow = new Date(sandbox.current.clock.now() + 86_400_000).toISOString().slice(0, 10);

    const fromToday = await runCli(['audit', '--since', today, '--json'], env);
    expect(fromToday.code).toBe(0);
    expect(cliSchemaErrors('audit', json(fromToday.stdout))).toEqual([]);
    expect(json(fromToday.stdout)).toMatchObject({since: today, entries: [{tenant_name: 'Audit Since'}]});
    const fromTomorrow = await runCli(['audit', '--since', tomorrow], env);
    expect(fromTomorrow.code).toBe(0);
    expect(fromTomorrow.stdout).toContain(`No switch attempts since ${tomorrow} (UTC) of 1 recorded`);
    for (const wrong of ['2027-02-29', '1.12.2026', '2026-12-1']) {
      const run = await runCli(['audit', '--since', wrong], env);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`--since must be a day as YYYY-MM-DD, e.g. 2026-12-01 (got ${wrong}).\n`);
    }
  });
});

describe('round trips', () => {
  it('switch NAME with flags and no cached token: 5 requests (token, own tenant id, search, pricing, PUT)', async () => {
    sandbox.current.world.addTenant({
      name: 'Round Trip One',
      kind: 'customer',
      parentId: sandbox.current.tenantId,
    });
    const from = sandbox.current.requests.length;
    const run = await sandboxCli(sandbox.current)(['switch', 'Round Trip One', '--yes', '--json']);
    expect(run.code).toBe(0);
    expect(requestLines(sandbox.current, from).map((line) => line.replace(/[0-9a-f-]{36}/g, '<id>'))).toEqual(
      [
        'POST /idp/token',
        'GET /clients/<id>',
        'GET /search',
        'GET /tenants/<id>/pricing',
        'PUT /tenants/<id>/pricing',
      ],
    );
  });

  it('with a saved profile and its token still alive: 3 requests, and config.json is not written again', async () => {
    sandbox.current.world.addTenant({
      name: 'Round Trip Two',
      kind: 'customer',
      parentId: sandbox.current.tenantId,
    });
    const config = newConfigDirectory();
    const client = clientFor(sandbox.current);
    const token = await client.authenticate();
    const {store} = CredentialStore.open(config, sandbox.current.clock);
    store.save({
      dataCenter: client.baseUrl,
      clientId: client.clientId,
      clientSecret: sandbox.current.clientSecret,
      token,
      tenantId: sandbox.current.tenantId,
    });
    const written = statSync(join(config, 'config.json')).mtimeMs;
    const from = sandbox.current.requests.length;
    const run = await runInProcess(
      ['switch', 'Round Trip Two', '--yes'],
      {TENANT_MODE_CONFIG_DIR: config},
      {clock: sandbox.current.clock},
    );
    expect(run.code).toBe(0);
    expect(requestLines(sandbox.current, from).map((line) => line.replace(/[0-9a-f-]{36}/g, '<id>'))).toEqual(
      ['GET /search', 'GET /tenants/<id>/pricing', 'PUT /tenants/<id>/pricing'],
    );
    expect(statSync(join(config, 'config.json')).mtimeMs).toBe(written);
  });
});

describe('names without their accents', () => {
  // Ø does not decompose: the folding table maps it to O.
  it('status finds "orsted brod aps"; switch --yes refuses it and names the exact name; --dry-run takes it', async () => {
    sandbox.current.world.addTenant({
      name: 'Ørsted Brød ApS',
      kind: 'customer',
      parentId: sandbox.current.tenantId,
    });
    const cli = sandboxCli(sandbox.current);
    const status = await cli(['status', 'orsted brod aps', '--json']);
    expect(status.code).toBe(0);
    expect(json(status.stdout)).toMatchObject({tenant: {name: 'Ørsted Brød ApS'}});
    const from = sandbox.current.requests.length;
    const refused = await cli(['switch', 'orsted brod aps', '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('No tenant is named exactly "orsted brod aps". "Ørsted Brød ApS"');
    expect(requestLines(sandbox.current, from).filter((line) => line.startsWith('PUT'))).toEqual([]);
    const dry = await cli(['switch', 'orsted brod aps', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain('Switch Ørsted Brød ApS');
  });
});
