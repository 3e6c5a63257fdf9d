import {type ChildProcess, spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createInterface} from 'node:readline';
import {describe, expect, it} from 'vitest';
import packageJson from '../package.json' with {type: 'json'};
import {systemClock} from '../source/clock.js';
import {PlatformClient} from '../source/platform/index.js';
import {cliPath, runCli} from './helpers/cli.js';

describe('tenant-mode CLI', () => {
  it('--version prints the package version', async () => {
    expect(await runCli(['--version'])).toEqual({code: 0, stdout: `${packageJson.version}\n`, stderr: ''});
  });

  it('--help lists the commands', async () => {
    const {code, stdout} = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('$ tenant-mode sandbox');
    expect(stdout).toContain('--client-id <uuid>');
  });

  it('refuses an unknown flag or command with exit code 2 and no stack trace', async () => {
    const flag = await runCli(['--frobnicate']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('Unknown flag');
    expect(flag.stderr).not.toMatch(/\n\s+at /);
    const command = await runCli(['frobnicate']);
    expect(command).toMatchObject({code: 2, stderr: expect.stringContaining('Unknown command "frobnicate"')});
  });

  it('refuses a bad --port', async () => {
    const {code, stderr} = await runCli(['sandbox', '--port', '70000']);
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be a whole number from 0 to 65535 (got 70000)');
  });

  it('sandbox --json prints one JSON line that a client can sign in with, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [cliPath, 'sandbox', '--port', '0', '--json'], {stdio: 'pipe'});
    try {
      const line = await firstLine(child);
      const info = JSON.parse(line) as {
        url: string;
        client_id: string;
        client_secret: string;
        tenant_id: string;
      };
      expect(Object.keys(info)).toEqual(['url', 'client_id', 'client_secret', 'tenant_id']);
      expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const client = new PlatformClient({
        clock: systemClock,
        dataCenter: info.url,
        clientId: info.client_id,
        clientSecret: info.client_secret,
      });
      expect((await client.whoAmI()).tenant_id).toBe(info.tenant_id);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
  });
});

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) return reject(new Error('no stdout'));
    createInterface({input: child.stdout}).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing`)));
  });
}

describe('the wizard without a terminal', () => {
  it('does not start when piped: says so, points to scripting, exit code 2, no stack trace', async () => {
    const {code, stderr, stdout} = await runCli([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('The wizard needs an interactive terminal');
    expect(stderr).not.toContain('Raw mode');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('tenant-mode sandbox --faults', () => {
  it("applies a trainer's fault file", async () => {
    const {mkdtempSync, writeFileSync} = await import('node:fs');
    const {tmpdir} = await import('node:os');
    const {join} = await import('node:path');
    const file = join(mkdtempSync(join(tmpdir(), 'tenant-mode-faults-')), 'faults.json');
    writeFileSync(
      file,
      JSON.stringify([
        {comment: 'token service down', method: 'POST', path: '/idp/token', status: 503, body: {}, times: 1},
      ]),
    );
    const child = spawn(process.execPath, [cliPath, 'sandbox', '--port', '0', '--json', '--faults', file], {
      stdio: 'pipe',
    });
    try {
      const info = JSON.parse(await firstLine(child)) as {
        url: string;
        client_id: string;
        client_secret: string;
      };
      const client = new PlatformClient({
        clock: systemClock,
        dataCenter: info.url,
        clientId: info.client_id,
        clientSecret: info.client_secret,
      });
      await expect(client.authenticate()).rejects.toMatchObject({kind: 'http', status: 503});
      await expect(client.authenticate()).resolves.toMatchObject({value: expect.any(String)});
    } finally {
      child.kill('SIGTERM');
    }
  });

  it.each([
    ['[{"path": "("}]', 'rule 1: "(" is not a regular expression'],
    ['{"path": "/x"}', 'must hold a JSON array of rules'],
    ['[{"path": "/x", "status": 99}]', 'rule 1: "status" must be a whole number from 100 to 599'],
    ['[{"path": "/x", "colour": "red"}]', 'rule 1 has unknown fields: colour'],
    ['not json', 'is not valid JSON'],
  ])('refuses a bad fault file %s with exit 2', async (content, message) => {
    const {mkdtempSync, writeFileSync} = await import('node:fs');
    const {tmpdir} = await import('node:os');
    const {join} = await import('node:path');
    const file = join(mkdtempSync(join(tmpdir(), 'tenant-mode-faults-')), 'faults.json');
    writeFileSync(file, content);
    const run = await runCli(['sandbox', '--faults', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

describe("Node's compile cache", () => {
  it('is kept in the user’s own cache folder (0700) where Node has it, and nowhere on Node 20', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'tenant-mode-cache-'));
    const {code} = await runCli(['--help'], {XDG_CACHE_HOME: cache, NODE_COMPILE_CACHE: undefined});
    expect(code).toBe(0);
    const folder = join(cache, 'tenant-mode', 'node-compile-cache');
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    if (major > 22 || (major === 22 && minor >= 1)) {
      expect(statSync(folder).mode & 0o777).toBe(0o700);
      // Node writes the compiled chunks there as the process exits.
      expect(readdirSync(folder, {recursive: true}).length).toBeGreaterThan(1);
    } else {
      expect(existsSync(join(cache, 'tenant-mode'))).toBe(false);
    }
  });
});
