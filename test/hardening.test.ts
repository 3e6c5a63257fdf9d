import {execFile, execFileSync, spawn} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {AuditLog} from '../source/store/index.js';
import {
  cliPath,
  newConfigDirectory,
  runInProcess,
  sandboxCli,
  spawnSwitch as spawnSwitchProcess,
} from './helpers/cli.js';
import {clientFor, requestLines, sandboxPerFile, tenantId} from './helpers/sandbox.js';

// Issue "Hardening": each row makes the sandbox (or the machine) misbehave one way and checks what the operator
// sees, the exit code, the tenant's final mode on the sandbox, and how many PUTs reached it.
const sandbox = sandboxPerFile({tenants: 3});
const sleepers: Array<{kill: () => void}> = [];
afterAll(() => {
  for (const sleeper of sleepers) sleeper.kill();
});

const world = () => sandbox.current.world;
const stored = (name: string) => {
  const tenant = world().tenants.get(tenantId(sandbox.current, name));
  if (!tenant) throw new Error(`no ${name}`);
  return tenant;
};
const modeOf = (name: string) => stored(name).pricing.mode;
const putsSince = (from: number) =>
  requestLines(sandbox.current, from).filter((line) => line.startsWith('PUT'));
const pricingPath = (name: string) => `/tenants/${tenantId(sandbox.current, name)}/pricing`;

/** A trial customer of its own for each row: rows switch tenants, and must not depend on one another. */
let spare = 0;
function freshTrial(): string {
  const name = `Hardening row ${++spare}`;
  world().addTenant({name, kind: 'customer', parentId: sandbox.current.tenantId});
  return name;
}

async function switchTenant(name: string, options: {config?: string; extra?: string[]} = {}) {
  const from = sandbox.current.requests.length;
  const run = await sandboxCli(
    sandbox.current,
    options.config,
  )(['switch', name, '--yes', '--json', ...(options.extra ?? [])]);
  const document = run.stdout ? (JSON.parse(run.stdout) as Record<string, unknown>) : {};
  return {...run, document, puts: putsSince(from).length};
}

describe('the audit log is write-ahead', () => {
  it.each([
    ['a folder', (path: string) => mkdirSync(path), 'it is not a regular file'],
    ['a FIFO', (path: string) => execFileSync('mkfifo', [path]), 'it is not a regular file'],
    [
      'a symlink',
      (path: string) => symlinkSync('/tmp/elsewhere.log', path),
      'it is a symbolic link, which is never followed',
    ],
  ])(
    'audit.log is %s: nothing is sent, the file and the cause are named, exit 2',
    async (_what, spoil, cause) => {
      const name = freshTrial();
      const config = newConfigDirectory();
      mkdirSync(config, {recursive: true, mode: 0o700});
      spoil(join(config, 'audit.log'));
      const run = await switchTenant(name, {config});
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`The audit log ${join(config, 'audit.log')} cannot be written (${cause})`);
      expect(run.stderr).toContain('Nothing was sent');
      expect(run.document).toMatchObject({sent: false, error: {reason: 'audit-log'}});
      expect(run.puts).toBe(0);
      expect(modeOf(name)).toBe('trial');
    },
  );

  it('the attempt line is on disk before the PUT; an outcome that cannot be written is a warning, not a failure', async () => {
    const name = freshTrial();
    const config = newConfigDirectory();
    const log = join(config, 'audit.log');
    // While the PUT is on its way, the log is moved away and a folder put in its place.
    sandbox.current.faults.add({method: 'PUT', path: pricingPath(name), delayMs: 300, times: 1});
    const running = switchTenant(name, {config});
    for (
      let tries = 0;
      tries < 200 && !(existsSync(log) && readFileSync(log, 'utf8').includes('"attempt"'));
      tries++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    renameSync(log, `${log}.moved`);
    mkdirSync(log);
    const run = await running;
    expect(run.code).toBe(0);
    expect(run.document).toMatchObject({outcome: 'switched', sent: true});
    expect(run.document.audit_warning).toContain(`could not be added to the audit log ${log}`);
    expect(run.stderr).toContain('could not be added to the audit log');
    expect(modeOf(name)).toBe('production');
    const [attempt] = readFileSync(`${log}.moved`, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(attempt).toMatchObject({kind: 'attempt', tenant_name: name, request: {mode: 'production'}});
  });

  it('audit shows an attempt without an outcome as not recorded, and skips lines it cannot use', async () => {
    const config = newConfigDirectory();
    const attempt = {
      kind: 'attempt',
      attempt_id: 'a1',
      time: '2026-11-26T09:00:00.000Z',
      via: 'command',
      data_center: 'https://eu2-cloud.acronis.com/api/2',
      client_id: sandbox.current.clientId,
      tenant_id: tenantId(sandbox.current, 'Acme Corp'),
      tenant_name: 'Acme Corp',
      pricing_before: {mode: 'trial', version: 1},
      request: {version: 1, mode: 'production'},
    };
    mkdirSync(config, {recursive: true, mode: 0o700});
    const lines = [
      JSON.stringify(attempt),
      'null',
      JSON.stringify({...attempt, kind: 'cancelled', data_center: 'nope'}),
    ];
    writeFileSync(join(config, 'audit.log'), `${lines.join('\n')}\n`);
    const run = await runInProcess(
      ['audit'],
      {TENANT_MODE_CONFIG_DIR: config},
      {clock: sandbox.current.clock},
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`outcome not recorded — check with tenant-mode status ${attempt.tenant_id}`);
    expect(run.stderr).toContain('2 unreadable lines skipped: 2, 3');
  });
});

describe('answers are verified, never taken on trust', () => {
  it('a PUT answered 200 whose body still says trial is re-read, and reported as it is: unknown, exit 5', async () => {
    const name = freshTrial();
    const {version} = stored(name).pricing;
    sandbox.current.faults.add({
      method: 'PUT',
      path: pricingPath(name),
      status: 200,
      body: {mode: 'trial', version, currency: null, production_start_date: null},
      times: 1,
    });
    const run = await switchTenant(name);
    expect(run.code).toBe(5);
    expect(run.document).toMatchObject({outcome: 'unknown', sent: true, pricing_after: {mode: 'trial'}});
    expect(run.stderr).not.toContain('now in production');
    expect(run.puts).toBe(1);
    expect(modeOf(name)).toBe('trial');
  });

  it.each([
    ['frozen', 4, 'unexpected mode: "frozen"'],
    ['Trial', 4, 'unexpected mode: "Trial"'],
    ['production ', 4, 'unexpected mode: "production "'],
    ['suspended', 2, 'Suspended'],
    ['production', 0, 'already in production: nothing was sent'],
  ])('only mode exactly "trial" is switched: %j exits %i', async (mode, code, message) => {
    const name = freshTrial();
    stored(name).pricing.mode = mode as 'trial';
    const run = await switchTenant(name);
    expect(run.code).toBe(code);
    // With --json a person reads the failures on stderr; "nothing to do" only in the document.
    if (code === 0) expect(run.document).toMatchObject({outcome: 'already-production'});
    else expect(run.stderr).toContain(message);
    expect(run.document.sent).toBe(false);
    expect(run.puts).toBe(0);
  });

  it.each([
    ['a number for the mode', {mode: 1, version: 1}, 'mode is a number (1), not a string'],
    ['no mode', {version: 1}, 'mode is missing, not a string'],
    ['no version', {mode: 'trial'}, 'version is missing, not a number'],
  ])('a pricing with %s: nothing is sent, exit 4', async (_what, body, message) => {
    const name = freshTrial();
    sandbox.current.faults.add({method: 'GET', path: pricingPath(name), status: 200, body});
    const run = await switchTenant(name);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain(`The platform answered in an unexpected shape: ${message}`);
    expect(run.document).toMatchObject({sent: false, error: {kind: 'shape'}});
    expect(run.puts).toBe(0);
  });

  it('an answer about another tenant than the one asked is refused: nothing is sent', async () => {
    const asked = freshTrial();
    const other = await clientFor(sandbox.current).getTenant(tenantId(sandbox.current, 'Initech'));
    const id = tenantId(sandbox.current, asked);
    sandbox.current.faults.add({method: 'GET', path: `/tenants/${id}`, status: 200, body: other});
    const run = await switchTenant(id);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain(`answered about tenant ${other.id} when asked about ${id}`);
    expect(run.puts).toBe(0);
    expect(modeOf(asked)).toBe('trial');
  });

  it('search answers that are not a list are said as such, never a TypeError', async () => {
    sandbox.current.faults.add({method: 'GET', path: '/search', status: 200, body: {items: 'none'}});
    const run = await sandboxCli(sandbox.current)(['status', 'Initech']);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('unexpected shape: items is the text "none", not a list');
    expect(run.stderr).not.toMatch(/TypeError|is not a function/);
  });

  it('an answer over 8 MB is not read to its end: exit 4', async () => {
    sandbox.current.faults.add({
      method: 'GET',
      path: '/search',
      status: 200,
      body: {items: [], pad: 'x'.repeat(9e6)},
    });
    const run = await sandboxCli(sandbox.current)(['status', 'Initech']);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('answered with more than 8 MB');
  });

  it('a paging cursor that repeats stops the listing: exit 4 after 2 pages, not an endless loop', async () => {
    const some = await clientFor(sandbox.current).getTenant(tenantId(sandbox.current, 'Initech'));
    sandbox.current.faults.add({
      method: 'GET',
      path: '/tenants',
      status: 200,
      body: {items: [some], paging: {cursors: {after: 'AAAA'}}},
    });
    const from = sandbox.current.requests.length;
    const run = await sandboxCli(sandbox.current)(['list']);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('repeats a cursor');
    expect(requestLines(sandbox.current, from).filter((line) => line === 'GET /tenants')).toHaveLength(2);
  });
});

describe('after a 401 on the PUT', () => {
  it('still trial at the same version: a new token, and the PUT once more (the 401 proves it had no effect)', async () => {
    const name = freshTrial();
    sandbox.current.faults.add({
      method: 'PUT',
      path: pricingPath(name),
      status: 401,
      body: {
        error: {
          code: 'token_expired',
          domain: null,
          message: 'Access token has expired.',
          details: {info: null},
        },
      },
      times: 1,
    });
    const run = await switchTenant(name);
    expect(run.code).toBe(0);
    expect(run.document).toMatchObject({outcome: 'switched', puts: 2});
    expect(run.puts).toBe(2);
    expect(modeOf(name)).toBe('production');
  });

  it('production now: it was our PUT ("confirmed by re-read"), never "someone else switched it"', async () => {
    const name = freshTrial();
    sandbox.current.faults.add({
      method: 'PUT',
      path: pricingPath(name),
      status: 401,
      applied: true,
      times: 1,
    });
    const run = await switchTenant(name);
    expect(run.code).toBe(0);
    expect(run.document).toMatchObject({outcome: 'switched-confirmed-by-reread', puts: 1});
    expect(run.stderr).not.toContain('someone else');
  });

  it('trial at another version: it changed meanwhile; stop, exit 1, one PUT', async () => {
    const name = freshTrial();
    const {version} = stored(name).pricing;
    sandbox.current.faults.add({method: 'PUT', path: pricingPath(name), status: 401, times: 1});
    sandbox.current.faults.add({
      method: 'GET',
      path: pricingPath(name),
      skip: 1,
      times: 1,
      status: 200,
      body: {mode: 'trial', version: version + 1, currency: null, production_start_date: null},
    });
    const run = await switchTenant(name);
    expect(run.code).toBe(1);
    expect(run.document).toMatchObject({outcome: 'failed', puts: 1});
    expect(run.puts).toBe(1);
    expect(modeOf(name)).toBe('trial');
  });

  it('a redirect that arrives after the change was applied: ours, confirmed by re-read', async () => {
    const name = freshTrial();
    sandbox.current.faults.add({
      method: 'PUT',
      path: pricingPath(name),
      status: 307,
      body: '',
      headers: {Location: 'https://elsewhere.example/'},
      applied: true,
      times: 1,
    });
    const run = await switchTenant(name);
    expect(run.code).toBe(0);
    expect(run.document).toMatchObject({outcome: 'switched-confirmed-by-reread'});
  });
});

describe('platform text is data, never terminal control', () => {
  const attack = '\u001b]0;pwned\u0007\u001b[32m✔ Switched OK\u009b31m\u202eevil\u200b';

  it('an error message with escape sequences is shown escaped; --json keeps it faithfully, escaped', async () => {
    const name = freshTrial();
    sandbox.current.faults.add({
      method: 'PUT',
      path: pricingPath(name),
      status: 400,
      body: {error: {code: attack, domain: attack, message: attack, details: {info: attack}}},
      times: 1,
    });
    const run = await switchTenant(name);
    expect(run.code).toBe(1);
    for (const output of [run.stdout, run.stderr]) {
      for (const raw of ['\u001b', '\u0007', '\u009b', '\u202e', '\u200b']) expect(output).not.toContain(raw);
    }
    expect(run.stderr).toContain(
      '\\u001b]0;pwned\\u0007\\u001b[32m✔ Switched OK\\u009b31m\\u202eevil\\u200b',
    );
    expect((run.document.error as {message: string}).message).toBe(attack);
  });

  it('a name with direction-changing characters gets a warning, and its audit line is escaped', async () => {
    const name = freshTrial();
    const config = newConfigDirectory();
    stored(name).name = `${name}\u202e`;
    const run = await switchTenant(tenantId(sandbox.current, `${name}\u202e`), {config});
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('contains invisible or direction-changing characters');
    expect(run.stderr).toContain(`${name}\\u202e`);
    const raw = readFileSync(join(config, 'audit.log'), 'utf8');
    expect(raw).not.toContain('\u202e');
    expect((await new AuditLog(config).read()).entries[0]?.tenant_name).toBe(`${name}\u202e`);
  });
});

describe('two runs, signals, pipes', () => {
  it('a second switch of the same tenant while one runs refuses: pid named, exit 1, nothing sent', async () => {
    const name = freshTrial();
    const config = newConfigDirectory();
    const sleeper = spawn('sleep', ['30']);
    sleepers.push(sleeper);
    mkdirSync(config, {recursive: true, mode: 0o700});
    const lock = join(config, `switch-${tenantId(sandbox.current, name)}.lock`);
    writeFileSync(lock, `${sleeper.pid}\n`);
    const held = await switchTenant(name, {config});
    expect(held.code).toBe(1);
    expect(held.stderr).toContain(`Another switch of this tenant is running (pid ${sleeper.pid})`);
    expect(held.puts).toBe(0);
    sleeper.kill();
    await new Promise((resolve) => sleeper.once('exit', resolve));
    // Its holder is gone: the lock is taken over.
    const after = await switchTenant(name, {config});
    expect(after.code).toBe(0);
    expect(modeOf(name)).toBe('production');
  });

  it('--timeout below 1 s is refused with the range; an upper-case client id is the same id', async () => {
    const run = await sandboxCli(sandbox.current)(['status', 'Initech', '--timeout', '0.001']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--timeout must be a number of seconds from 1 to 600 (got 0.001)');
    const upper = await runInProcess(
      [
        'status',
        'Initech',
        '--url',
        sandbox.current.url,
        '--client-id',
        sandbox.current.clientId.toUpperCase(),
      ],
      {TENANT_MODE_CLIENT_SECRET: sandbox.current.clientSecret, TENANT_MODE_CONFIG_DIR: newConfigDirectory()},
      {clock: sandbox.current.clock},
    );
    expect(upper.code).toBe(0);
  });

  it('--json | a reader that closes at once: the switch still exits 0 (EPIPE changes nothing)', async () => {
    const name = freshTrial();
    const script = `"${process.execPath}" "${cliPath}" switch '${name}' --yes --json --url ${sandbox.current.url} --client-id ${sandbox.current.clientId} | true; echo "exit=\${PIPESTATUS[0]}"`;
    // Not execFileSync: the sandbox answers from this process, whose event loop must keep running.
    const out = await new Promise<string>((resolve) =>
      execFile(
        'bash',
        ['-c', script],
        {
          env: {
            ...process.env,
            TENANT_MODE_CLIENT_SECRET: sandbox.current.clientSecret,
            TENANT_MODE_CONFIG_DIR: newConfigDirectory(),
          },
        },
        (_error, stdout) => resolve(stdout),
      ),
    );
    expect(out.trim()).toBe('exit=0');
    expect(modeOf(name)).toBe('production');
  });
});

describe('signals during the PUT', () => {
  const spawnSwitch = (name: string, config: string) =>
    spawnSwitchProcess(sandbox.current, name, {
      TENANT_MODE_CLIENT_SECRET: sandbox.current.clientSecret,
      TENANT_MODE_CONFIG_DIR: config,
    });

  it.each([
    ['SIGHUP', 129],
    ['SIGQUIT', 130],
  ] as const)(
    '%s while the PUT is in flight: exit %i, the outcome recorded and said on stderr (a pipe: a log)',
    async (signal, code) => {
      const name = freshTrial();
      const config = newConfigDirectory();
      sandbox.current.faults.add({method: 'PUT', path: pricingPath(name), delayMs: 1500, times: 1});
      const from = sandbox.current.requests.length;
      const run = spawnSwitch(name, config);
      for (let tries = 0; tries < 500 && putsSince(from).length === 0; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      run.child.kill(signal);
      expect(await run.exit).toBe(code);
      // stderr is a pipe here, as a cron job's log is: after SIGHUP too it says what happened (on a terminal it
      // stays silent: terminal.test.ts).
      expect(run.stderr()).toContain('it was sent, and its outcome is unknown');
      const entries = (await new AuditLog(config).read()).entries;
      expect(entries.map((entry) => entry.outcome)).toEqual(['unknown']);
      expect(putsSince(from)).toHaveLength(1);
    },
  );
});

describe('the wizard, when the audit log cannot be written', () => {
  it('sends nothing, says why on the confirm step, and does not hang', async () => {
    const {driveWizard} = await import('./helpers/wizard-driver.js');
    const name = freshTrial();
    const config = newConfigDirectory();
    mkdirSync(join(config, 'audit.log'), {recursive: true});
    const wizard = driveWizard(sandbox.current, {services: {audit: new AuditLog(config)}});
    try {
      await wizard.signInToSandbox();
      await wizard.chooseTenant(name);
      await wizard.press('\r');
      await wizard.waitFor('Type the tenant');
      const from = sandbox.current.requests.length;
      await wizard.type(name);
      await wizard.press('\r');
      const frame = await wizard.waitFor('cannot be written');
      expect(frame).toContain('Step 4 of 5');
      expect(frame.replace(/\s+/g, ' ')).toContain('Nothing was sent');
      expect(putsSince(from)).toHaveLength(0);
      expect(modeOf(name)).toBe('trial');
    } finally {
      wizard.instance.unmount();
    }
  });
});

describe('--json is always one document', () => {
  it('for a usage error, and for an interruption during the PUT (which says the PUT was sent)', async () => {
    const usage = await runInProcess(
      ['status', 'x', '--json', '--frobnicate'],
      {},
      {clock: sandbox.current.clock},
    );
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toMatchObject({
      error: {reason: 'usage', message: expect.stringContaining('--frobnicate')},
    });

    const name = freshTrial();
    sandbox.current.faults.add({method: 'PUT', path: pricingPath(name), delayMs: 400, times: 1});
    const interrupt = new AbortController();
    const from = sandbox.current.requests.length;
    const running = runInProcess(
      [
        'switch',
        name,
        '--yes',
        '--json',
        '--url',
        sandbox.current.url,
        '--client-id',
        sandbox.current.clientId,
      ],
      {TENANT_MODE_CLIENT_SECRET: sandbox.current.clientSecret, TENANT_MODE_CONFIG_DIR: newConfigDirectory()},
      {clock: sandbox.current.clock, interrupt: interrupt.signal},
    );
    for (let tries = 0; tries < 200 && putsSince(from).length === 0; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    interrupt.abort('SIGINT');
    const run = await running;
    expect(run.code).toBe(130);
    expect(JSON.parse(run.stdout)).toMatchObject({sent: true, outcome: 'unknown', interrupted: true});
  });
});
