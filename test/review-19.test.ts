// From the hostile review of "One record of a switch, commands declared once…": what an operator's odd setup or
// slip met — a FIFO where a file should be, a proxy variable that is no URL, a name too long, a bad fault file —
// is said with a documented exit code, never a hang and never "a bug" (exit 70).
import {execFileSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {loadFaultFile} from '../source/sandbox/fault-file.js';
import {configDirectory} from '../source/store/location.js';
import {newConfigDirectory, runCli, runInProcess} from './helpers/cli.js';
import {sandboxPerFile, tenantId} from './helpers/sandbox.js';

const sandbox = sandboxPerFile();
const savedEnv = {...process.env};
afterEach(() => {
  process.env = {...savedEnv};
});

function cli(args: string[], config = newConfigDirectory()) {
  return runInProcess(
    [...args, '--url', sandbox.current.url, '--client-id', sandbox.current.clientId],
    {TENANT_MODE_CLIENT_SECRET: sandbox.current.clientSecret, TENANT_MODE_CONFIG_DIR: config},
    {clock: sandbox.current.clock},
  );
}

function withFifo(config: string, name: string): void {
  mkdirSync(config, {recursive: true, mode: 0o700});
  execFileSync('mkfifo', ['-m', '600', join(config, name)]);
}

describe('a FIFO where one of our files should be', () => {
  it('config.json: not opened (a FIFO waits for a writer for good); said, and the command goes on', async () => {
    const config = newConfigDirectory();
    withFifo(config, 'config.json');
    const run = await cli(['status', 'Acme Corp'], config);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('config.json cannot be used (it is not a regular file)');
  }, 10_000);

  it("a tenant's lock: nothing sent, the lock named, exit 2", async () => {
    const config = newConfigDirectory();
    const id = tenantId(sandbox.current, 'Müller Bäckerei GmbH');
    withFifo(config, `switch-${id}.lock`);
    const run = await cli(['switch', id, '--yes', '--json'], config);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({sent: false});
    expect(run.stderr).toContain(`switch-${id}.lock`);
    expect(run.stderr).toContain('it is not a regular file');
  }, 10_000);
});

describe('what is no bug', () => {
  it.each([
    ['a proxy URL that is none', 'http://[::1'],
    ['a port beyond 65535', 'http://127.0.0.1:99999'],
    ['a socks proxy', 'socks5://127.0.0.1:1080'],
  ])('HTTPS_PROXY is %s: exit 2, said without echoing it', async (_what, proxy) => {
    process.env.HTTPS_PROXY = `${proxy.replace('//', '//ops:hunter2@')}`;
    const run = await runInProcess(
      [
        'status',
        'Acme Corp',
        '--url',
        'https://eu2-cloud.acronis.com',
        '--client-id',
        sandbox.current.clientId,
      ],
      {TENANT_MODE_CLIENT_SECRET: 's', TENANT_MODE_CONFIG_DIR: newConfigDirectory()},
      {clock: sandbox.current.clock},
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('HTTPS_PROXY (or HTTP_PROXY) is not a proxy tenant-mode can use');
    expect(run.stderr).not.toContain('hunter2');
  });

  it('a plan file name too long for the file system: exit 2, the cause in words', async () => {
    const folder = newConfigDirectory();
    mkdirSync(folder, {recursive: true});
    const run = await cli(['plan', '--out', join(folder, `${'x'.repeat(300)}.json`)]);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain('bug');
    expect(run.stderr).toContain('its name is too long');
  });

  it('an empty HOME is refused as a relative one is, not taken as the current folder', () => {
    expect(() => configDirectory({HOME: ''})).toThrow('HOME is empty');
  });
});

describe('a fault file', () => {
  it.each([
    [{'bad header': 'v'}, '"headers" has "bad header", which is not a header name'],
    [{'X-Test': 'a\nb'}, 'the header "X-Test" must be a string on one line'],
  ])('with headers %j is refused when it is loaded, not when the sandbox answers', (headers, said) => {
    const file = join(newConfigDirectory(), 'faults.json');
    mkdirSync(join(file, '..'), {recursive: true});
    writeFileSync(file, JSON.stringify([{path: '.*', status: 500, headers}]));
    expect(() => loadFaultFile(file)).toThrow(said);
  });
});

describe('flags', () => {
  it.each([
    [['status', '--help=1'], '--help takes no value.'],
    [['status', 'x', '--timeout', '0x10'], '--timeout must be a number of seconds from 1 to 600 (got 0x10).'],
    [['status', 'x', '--timeout', '1e1'], '--timeout must be a number of seconds from 1 to 600 (got 1e1).'],
    [['list', `a${'\n'}b`], 'Unexpected argument "a⏎b".'],
  ])('%j: %s', async (args, said) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(said);
  });

  it('after --, --json is a tenant name, not a flag', async () => {
    const run = await runInProcess(
      ['status', '--url', sandbox.current.url, '--client-id', sandbox.current.clientId, '--', '--json'],
      {TENANT_MODE_CLIENT_SECRET: sandbox.current.clientSecret, TENANT_MODE_CONFIG_DIR: newConfigDirectory()},
      {clock: sandbox.current.clock},
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--json');
  });
});

describe("the sandbox's own count", () => {
  it('counts a PUT carried out whose answer a fault dropped as applied', async () => {
    const {summarize} = await import('../source/sandbox/summary.js');
    const name = 'Wayne Enterprises';
    const id = tenantId(sandbox.current, name);
    const from = sandbox.current.requests.length;
    sandbox.current.faults.add({
      method: 'PUT',
      path: new RegExp(`^/tenants/${id}/pricing$`),
      drop: 'after',
      times: 1,
    });
    await cli(['switch', id, '--yes', '--json']);
    const summary = summarize(sandbox.current.requests.slice(from));
    expect(summary).toMatchObject({puts: 1, puts_applied: 1, tenants_changed_twice: 0});
  });
});

describe('part of an account given', () => {
  it.each([
    [
      ['--url', 'https://eu2-cloud.acronis.com'],
      'Missing --client-id: an account is its data center, client id and secret together',
    ],
    [['--client-id', '0b1c2d3e-1b2a-4c3d-8e9f-0a1b2c3d4e5f'], 'Missing --url: an account is'],
  ])('%j with a secret and nothing saved: says which part is missing, exit 2', async (flags, said) => {
    const run = await runInProcess(
      ['status', 'Acme Corp', ...flags],
      {TENANT_MODE_CLIENT_SECRET: 's', TENANT_MODE_CONFIG_DIR: newConfigDirectory()},
      {clock: sandbox.current.clock},
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(said);
  });
});
