import {execFile} from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readFileSync as readFixture,
  statSync,
  writeFileSync,
} from 'node:fs';
import {createServer as createHttpServer} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createServer as createTlsServer} from 'node:tls';
import {describe, expect, it} from 'vitest';
import {PlatformClient} from '../source/platform/index.js';
import {networkError} from '../source/platform/network-errors.js';
import {switchAndVerify} from '../source/procedure/index.js';
import {startSandbox} from '../source/sandbox/index.js';
import {
  cliPath,
  newConfigDirectory,
  runInFreshShell,
  runInProcess,
  spawnSwitch as spawnSwitchProcess,
} from './helpers/cli.js';
import {movableClock, requestLines, sandboxPerFile, tenantId} from './helpers/sandbox.js';

// The fault matrix of issue 5: each row drives the `switch`/`status` command (or the client, where the fault is
// below it) against the sandbox, and checks what the operator sees, the exit code, the tenant's final state on the
// sandbox, and how many PUTs reached it. Every output is kept; the last test greps them all for the secret.
const secret = 'tm-MATRIX-SECRET-51c7e2-never-shown';
const sandbox = sandboxPerFile();
const seen: string[] = [];
const configDirectories: string[] = [];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A command run in-process against the file's sandbox, on its clock (retry waits cost no time). */
async function tenantMode(
  args: string[],
  options: {env?: Record<string, string>; url?: string; clientId?: string} = {},
): Promise<Run> {
  const config = newConfigDirectory();
  configDirectories.push(config);
  const client = sandbox.current.world.clients.get(sandbox.current.clientId);
  if (client) client.secret = secret;
  const full = [
    ...args,
    '--url',
    options.url ?? sandbox.current.url,
    '--client-id',
    options.clientId ?? sandbox.current.clientId,
  ];
  const run = await runInProcess(
    full,
    {TENANT_MODE_CLIENT_SECRET: secret, TENANT_MODE_CONFIG_DIR: config, ...options.env},
    {clock: sandbox.current.clock},
  );
  seen.push(run.stdout, run.stderr);
  return run;
}

const modeOf = (name: string) =>
  sandbox.current.world.tenants.get(tenantId(sandbox.current, name))?.pricing.mode;
const putsSince = (from: number) =>
  requestLines(sandbox.current, from).filter((line) => line.startsWith('PUT')).length;
const errorBody = (code: string, message: string) => ({
  error: {code, domain: 'PlatformAccountServer', message, details: {info: null}},
});
const html = (title: string) => `<html><head><title>${title}</title></head><body>${title}</body></html>`;

/** Gives a trial customer back its trial (rows switch and re-use the same few tenants). */
function resetToTrial(name: string): void {
  const tenant = sandbox.current.world.tenants.get(tenantId(sandbox.current, name));
  if (!tenant) return;
  tenant.pricing.mode = 'trial';
  tenant.pricing.production_start_date = new Date(sandbox.current.clock.now() + 20 * 86_400_000)
    .toISOString()
    .slice(0, 19);
}

describe('the token endpoint', () => {
  it.each([
    [
      'a wrong secret (401, OAuth body)',
      {env: {TENANT_MODE_CLIENT_SECRET: 'wrong-secret'}},
      undefined,
      3,
      'Invalid client credentials',
    ],
    [
      'an unknown client',
      {clientId: '11111111-2222-4333-8444-555555555555'},
      undefined,
      3,
      'Invalid client credentials',
    ],
    ['a 5xx', {}, {status: 503, body: errorBody('down', 'Token service down.')}, 4, 'Token service down.'],
    ['an HTML page', {}, {status: 502, body: html('502 Bad Gateway')}, 4, 'an HTML page ("502 Bad Gateway")'],
    ['a timeout', {env: {}}, {delayMs: 3000}, 4, 'did not answer within 1 s'],
  ])('%s', async (_row, options, fault, code, message) => {
    resetToTrial('Acme Corp');
    if (fault) sandbox.current.faults.add({path: '/idp/token', times: 1, ...fault});
    const from = sandbox.current.requests.length;
    const run = await tenantMode(['switch', 'Acme Corp', '--yes', '--timeout', '1'], options);
    expect(run.code).toBe(code);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(putsSince(from)).toBe(0);
    expect(modeOf('Acme Corp')).toBe('trial');
  });
});

describe('a token that expires between reading and switching', () => {
  it('is renewed silently once, then the PUT is sent once', async () => {
    const clock = movableClock();
    const server = await startSandbox({clock, tokenLifetimeSeconds: 600});
    try {
      const client = new PlatformClient({
        dataCenter: server.url,
        clientId: server.clientId,
        clientSecret: server.clientSecret,
        clock,
      });
      const id = [...server.world.tenants.values()].find((tenant) => tenant.name === 'Acme Corp')?.id ?? '';
      const {version} = await client.getPricing(id);
      clock.advance(601_000);
      const outcome = await switchAndVerify(client, id, version);
      expect(outcome.kind).toBe('switched');
      const lines = requestLines(server);
      expect(lines.filter((line) => line === 'POST /idp/token')).toHaveLength(2);
      expect(lines.filter((line) => line.startsWith('PUT'))).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});

describe('reading: GET pricing, tenant and search', () => {
  const pricingPath = () => `/tenants/${tenantId(sandbox.current, 'Initech')}/pricing`;
  it.each([
    [
      '403 (outside your subtree)',
      () => ['status', tenantId(sandbox.current, 'Hooli')],
      undefined,
      1,
      'status 403',
    ],
    ['404', () => ['status', '00000000-0000-4000-8000-000000000000'], undefined, 1, 'status 404'],
    [
      '500 then success (retried)',
      () => ['status', 'Initech'],
      () => ({path: pricingPath(), status: 500, body: errorBody('x', 'Oops'), times: 1}),
      0,
      'trying again in 1.5 s (retry 1)',
    ],
    [
      '502 HTML body (retried twice, then explained)',
      () => ['status', 'Initech'],
      () => ({path: pricingPath(), status: 502, body: html('502 Bad Gateway'), times: 3}),
      4,
      'an HTML page ("502 Bad Gateway")',
    ],
    [
      '429 with Retry-After (honoured)',
      () => ['status', 'Initech'],
      () => ({
        path: pricingPath(),
        status: 429,
        body: errorBody('slow', 'Slow down'),
        headers: {'Retry-After': '1'},
        times: 1,
      }),
      0,
      'The platform asked to wait (429 Too Many Requests): trying again in 1 s',
    ],
    [
      'malformed JSON',
      () => ['status', 'Initech'],
      () => ({path: pricingPath(), status: 200, body: '{"mode": "trial", ', times: 1}),
      4,
      'a body that is not JSON',
    ],
    [
      'an empty body',
      () => ['status', 'Initech'],
      () => ({path: pricingPath(), status: 200, body: '', times: 1}),
      4,
      'without the expected JSON object',
    ],
    [
      'a very slow answer',
      () => ['status', 'Initech', '--timeout', '1'],
      () => ({path: pricingPath(), delayMs: 2500, times: 1}),
      4,
      'did not answer within 1 s',
    ],
    [
      'search 500 then success',
      () => ['status', 'Initech'],
      () => ({path: '/search', status: 500, body: errorBody('x', 'Oops'), times: 1}),
      0,
      'trying again',
    ],
  ])(
    '%s',
    async (_row, args, fault, code, message) => {
      if (fault) sandbox.current.faults.add(fault() as Parameters<typeof sandbox.current.faults.add>[0]);
      const run = await tenantMode(args());
      expect(run.code).toBe(code);
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      if (code === 0) expect(run.stdout).toContain('Initech (customer)');
      sandbox.current.faults.clear();
    },
    15_000,
  );

  it('a refused connection: exit 4', async () => {
    const run = await tenantMode(['status', 'Initech'], {url: 'http://127.0.0.1:9'});
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('Could not connect to 127.0.0.1:9: the connection was refused.');
  });

  it('a DNS failure is explained (no lookup is made: the error Node gives is fed in)', () => {
    const error = networkError(
      Object.assign(new Error('getaddrinfo ENOTFOUND eu9-cloud.acronis.com'), {code: 'ENOTFOUND'}),
      'eu9-cloud.acronis.com',
      {method: 'POST', path: '/api/2/idp/token'},
    );
    expect(error.message).toBe('The host eu9-cloud.acronis.com could not be found (DNS).');
  });

  it('https to a port that speaks http is said plainly, not in the words of OpenSSL', async () => {
    const plain = createHttpServer((_request, response) => response.end('{}'));
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    try {
      const {port} = plain.address() as {port: number};
      const run = await tenantMode(['status', 'Initech'], {url: `https://127.0.0.1:${port}`});
      expect(run.code).toBe(4);
      expect(run.stderr).toContain('did not answer in TLS: it may speak plain http on that port');
      expect(run.stderr).not.toMatch(/wrong version number|SSL routines/);
    } finally {
      plain.close();
    }
  });

  it('a TLS certificate error names NODE_EXTRA_CA_CERTS: exit 4', async () => {
    const fixtures = new URL('./fixtures/', import.meta.url);
    const tls = createTlsServer({
      key: readFixture(new URL('self-signed.key', fixtures)),
      cert: readFixture(new URL('self-signed.crt', fixtures)),
    });
    tls.on('tlsClientError', () => {});
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    try {
      const {port} = tls.address() as {port: number};
      const run = await tenantMode(['status', 'Initech'], {url: `https://127.0.0.1:${port}`});
      expect(run.code).toBe(4);
      expect(run.stderr).toContain('could not be verified');
      expect(run.stderr).toContain('NODE_EXTRA_CA_CERTS');
    } finally {
      tls.close();
    }
  });
});

describe('the switch itself: PUT pricing', () => {
  const put = {method: 'PUT', path: /\/pricing$/};
  it.each([
    [
      '409 stale version: refused, never resent',
      {...put, status: 409, body: errorBody('version_conflict', 'Changed by someone else.'), times: 1},
      1,
      'Conflict',
      'trial',
    ],
    [
      '400 with the platform error body',
      {...put, status: 400, body: errorBody('invalid_body', 'Unknown fields: foo.'), times: 1},
      1,
      'Unknown fields: foo.',
      'trial',
    ],
    [
      '5xx: re-read shows nothing changed',
      {...put, status: 500, body: errorBody('boom', 'Internal error.'), times: 1},
      4,
      'still in trial; nothing was changed',
      'trial',
    ],
    [
      'dropped after it was sent and done: re-read confirms',
      {...put, drop: 'after' as const, times: 1},
      0,
      'IS in production now',
      'production',
    ],
    [
      'dropped before it was handled: unknown, never resent',
      {...put, drop: 'before' as const, times: 1},
      5,
      'The outcome is unknown',
      'trial',
    ],
  ])('%s', async (_row, fault, code, message, finalMode) => {
    resetToTrial('Wayne Enterprises');
    sandbox.current.faults.add(fault);
    const from = sandbox.current.requests.length;
    const run = await tenantMode(['switch', 'Wayne Enterprises', '--yes']);
    expect(run.code).toBe(code);
    expect(`${run.stdout}${run.stderr}`).toContain(message);
    expect(putsSince(from)).toBe(1);
    expect(modeOf('Wayne Enterprises')).toBe(finalMode);
    sandbox.current.faults.clear();
  });

  it('a timeout: re-read, reported unknown (it may still be processed); it is done later on the platform', async () => {
    resetToTrial('Wayne Enterprises');
    sandbox.current.faults.add({...put, delayMs: 2000, times: 1});
    const from = sandbox.current.requests.length;
    const run = await tenantMode(['switch', 'Wayne Enterprises', '--yes', '--timeout', '1']);
    expect(run.code).toBe(5);
    expect(run.stdout).toContain('still in trial for now, but the request may still be processed');
    expect(putsSince(from)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(modeOf('Wayne Enterprises')).toBe('production');
  }, 15_000);

  it('two operators at once: exactly one PUT succeeds, the other says "already in production" with its time', async () => {
    resetToTrial('Müller Bäckerei GmbH');
    // Both read the same version before either PUT is done.
    sandbox.current.faults.add({...put, delayMs: 700, times: 2});
    const from = sandbox.current.requests.length;
    // Without --json, as an operator at a terminal reads it: the result on stdout.
    const runs = await Promise.all([
      tenantMode(['switch', 'Müller Bäckerei GmbH', '--yes']),
      tenantMode(['switch', 'Müller Bäckerei GmbH', '--yes']),
    ]);
    expect(runs.map((run) => run.code)).toEqual([0, 0]);
    const loser = runs.find((run) => run.stdout.includes('already in production'));
    const winner = runs.find((run) => run !== loser);
    expect(winner?.stdout).toContain('Müller Bäckerei GmbH is now in production. Status 200');
    expect(loser?.stdout).toMatch(
      /already in production: someone else switched it first, on \d+ \w+ \d{4}, \d\d:\d\d UTC/,
    );
    const answered = sandbox.current.requests
      .slice(from)
      .filter((request) => request.method === 'PUT')
      .map((request) => request.status)
      .sort();
    expect(answered).toEqual([200, 409]);
  });
});

describe('bad input', () => {
  it.each([
    [['status', ''], 'Give a tenant name or UUID.'],
    [['status', 'y'.repeat(500)], 'at most 255 characters'],
    [['status', 'abcdef12-0000'], 'looks like a UUID but is not one'],
    [['status', 'Initech', '--frobnicate'], 'Unknown flag'],
  ])('%j: exit 2', async (args, message) => {
    const run = await tenantMode(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it.each([
    ['http://eu2-cloud.acronis.com', 'Refusing plain http:// for eu2-cloud.acronis.com'],
    ['ftp://eu2-cloud.acronis.com', 'must start with https:// (got ftp://)'],
    ['https://eu2-cloud.acronis.com/some/path', 'unexpected path "/some/path"'],
  ])('data center %s: exit 2, nothing sent', async (url, message) => {
    const run = await tenantMode(['status', 'Initech'], {url});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('control characters and ANSI escapes in names from the platform are shown, never obeyed', async () => {
    const partner = sandbox.current.tenantId;
    sandbox.current.world.addTenant({
      name: 'Evil\u001B[2J\u001B[31mRed\u0007 Corp',
      kind: 'customer',
      parentId: partner,
    });
    const listed = await tenantMode(['list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('Evil\\u001b[2J\\u001b[31mRed\\u0007 Corp');
    expect(listed.stdout).not.toContain('\u001B');
    expect(listed.stdout).not.toContain('\u0007');
  });

  it.each([
    ['corrupt JSON', (dir: string) => writeFileSync(join(dir, 'config.json'), '{"profiles":'), 'set aside'],
    [
      'wrong types',
      (dir: string) => writeFileSync(join(dir, 'config.json'), '{"profiles": "x"}'),
      'set aside',
    ],
    ['a directory', (dir: string) => mkdirSync(join(dir, 'config.json')), 'it is a folder, not a file'],
    ['a folder that is a file (unusable)', () => undefined, 'cannot be used'],
  ])(
    'a config file that is %s: says so, and the command still works from flags',
    async (what, prepare, message) => {
      const base = mkdtempSync(join(tmpdir(), 'tenant-mode-badconfig-'));
      let dir = join(base, 'config');
      if (what.startsWith('a folder that is a file')) {
        writeFileSync(join(base, 'file'), 'not a folder');
        dir = join(base, 'file');
      } else {
        mkdirSync(dir, {recursive: true});
        prepare(dir);
      }
      const run = await tenantMode(['status', 'Initech'], {env: {TENANT_MODE_CONFIG_DIR: dir}});
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    },
  );
});

describe('signals', () => {
  const spawnSwitch = (name: string, config: string) =>
    spawnSwitchProcess(sandbox.current, name, {
      TENANT_MODE_CLIENT_SECRET: secret,
      TENANT_MODE_CONFIG_DIR: config,
    });

  it('SIGTERM while the PUT is in flight: says it was sent and the outcome is unknown; both audit lines are whole', async () => {
    resetToTrial('Contoso');
    const id = tenantId(sandbox.current, 'Contoso');
    sandbox.current.faults.add({method: 'PUT', path: /\/pricing$/, delayMs: 3000, times: 1});
    const config = newConfigDirectory();
    const from = sandbox.current.requests.length;
    const run = spawnSwitch(id, config);
    const deadline = Date.now() + 10_000;
    while (putsSince(from) === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(130);
    seen.push(run.stderr());
    expect(run.stderr()).toContain('it was sent, and its outcome is unknown');
    // The command it prints runs as printed, from a fresh shell in another folder with only the secret set.
    const printed = /Check before trying again:\n {2}(.+)/.exec(run.stderr())?.[1] ?? '';
    expect(printed).toContain(`status ${id} --url `);
    const again = await runInFreshShell(printed, secret);
    expect(again.stdout).toContain('Contoso');
    expect(again.code).toBe(0);
    const lines = readFileSync(join(config, 'audit.log'), 'utf8').trim().split('\n');
    // Write-ahead: the attempt line, then its outcome line with the same attempt_id.
    const [attempt, outcome] = lines.map((line) => JSON.parse(line));
    expect([attempt.kind, outcome.kind, outcome.outcome]).toEqual(['attempt', 'outcome', 'unknown']);
    expect(outcome.attempt_id).toBe(attempt.attempt_id);
    // Signed in with flags, nothing is remembered: no config.json is written.
    expect(readdirSync(config).sort()).toEqual(['audit.log']);
  });

  it('SIGTERM while reading: no switch was sent', async () => {
    sandbox.current.faults.add({method: 'GET', path: /\/pricing$/, delayMs: 3000, times: 1});
    const config = newConfigDirectory();
    const from = sandbox.current.requests.length;
    const run = spawnSwitch('Initech', config);
    const deadline = Date.now() + 10_000;
    while (
      !requestLines(sandbox.current, from).some((line) => line.endsWith('/pricing')) &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(130);
    seen.push(run.stderr());
    expect(run.stderr()).toContain('Interrupted. No switch was sent.');
    expect(putsSince(from)).toBe(0);
  });
});

describe('security', () => {
  it('the audit file is 0600 in a 0700 folder, also under umask 000 (config.json: test/store.test.ts)', async () => {
    resetToTrial('Fabrikam Stores');
    const config = newConfigDirectory();
    await new Promise<void>((resolve) => {
      execFile(
        '/bin/sh',
        [
          '-c',
          `umask 000; exec "${process.execPath}" "${cliPath}" switch 'Fabrikam Stores' --yes --url ${sandbox.current.url} --client-id ${sandbox.current.clientId}`,
        ],
        {env: {...process.env, TENANT_MODE_CLIENT_SECRET: secret, TENANT_MODE_CONFIG_DIR: config}},
        (_error, stdout, stderr) => {
          seen.push(stdout, stderr);
          resolve();
        },
      );
    });
    expect(statSync(config).mode & 0o777).toBe(0o700);
    expect(statSync(join(config, 'audit.log')).mode & 0o777).toBe(0o600);
    // A command signed in with flags remembers nothing, and so writes no config.json.
    expect(readdirSync(config)).toEqual(['audit.log']);
  });

  it('a redirect to another host is not followed: the Authorization header never leaves', async () => {
    const received: string[] = [];
    const other = createHttpServer((request, response) => {
      received.push(`${request.method} ${request.url} ${request.headers.authorization ?? ''}`);
      response.end('{}');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const {port} = other.address() as {port: number};
      sandbox.current.faults.add({
        method: 'GET',
        path: /\/pricing$/,
        status: 307,
        body: '',
        headers: {Location: `http://127.0.0.1:${port}/steal`},
        times: 1,
      });
      const run = await tenantMode(['status', 'Initech']);
      expect(run.code).toBe(4);
      expect(run.stderr).toContain('answered with a redirect (307');
      expect(received).toEqual([]);
    } finally {
      other.close();
    }
  });
});

describe('the secret, across the whole matrix', () => {
  // Runs last in this file: every output of every row above, and every file they wrote.
  it('appears in no output and no file, and neither does any token', () => {
    const files = configDirectories.flatMap((dir) => {
      try {
        return readdirSync(dir).map((name) => readFileSync(join(dir, name), 'utf8'));
      } catch {
        return [];
      }
    });
    const everything = [...seen, ...files].join('\n');
    expect(seen.length).toBeGreaterThan(60);
    expect(files.length).toBeGreaterThan(5);
    expect(everything.includes(secret)).toBe(false);
    for (const token of sandbox.current.world.tokens.keys()) expect(everything.includes(token)).toBe(false);
  });
});
