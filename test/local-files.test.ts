import {execFile, spawnSync} from 'node:child_process';
import {chmodSync, chownSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {cliPath} from './helpers/cli.js';
import {requestLines, sandboxPerFile} from './helpers/sandbox.js';

// Issue "Hardening, second round", point 7: our own files cannot be used (HOME read-only or relative, the config
// folder another user's or a file). As root, mode bits stop nothing, so the command runs as an ordinary user
// (uid 65534, "nobody") in a child process; a suite not run as root runs it as itself, where mode bits work.
const sandbox = sandboxPerFile({tenants: 3});
const asOrdinaryUser = process.getuid?.() === 0 ? {uid: 65534, gid: 65534} : {};

// Node and the bundle as the ordinary user can run them: CI's Node 24 lives in a root-only temporary folder, and a
// clone may be in one too; then both are copied where anyone may read them.
let node = process.execPath;
let cli = cliPath;
beforeAll(() => {
  if (asOrdinaryUser.uid === undefined) return;
  if (spawnSync(node, [cli, '--version'], asOrdinaryUser).status === 0) return;
  const place = mkdtempSync(join(tmpdir(), 'tenant-mode-runnable-'));
  chmodSync(place, 0o755);
  node = join(place, 'node');
  copyFileSync(process.execPath, node);
  chmodSync(node, 0o755);
  cpSync(dirname(cliPath), join(place, 'dist'), {recursive: true});
  spawnSync('chmod', ['-R', 'a+rX', join(place, 'dist')]);
  cli = join(place, 'dist', 'cli.js');
});

/** A folder the ordinary user can enter and read, but not write into. */
function base(): string {
  const folder = mkdtempSync(join(tmpdir(), 'tenant-mode-local-'));
  chmodSync(folder, 0o755);
  return folder;
}

function switchAs(env: Record<string, string>, cwd = tmpdir()) {
  const {url, clientId} = sandbox.current;
  return runAs(['switch', 'Acme Corp', '--yes', '--json', '--url', url, '--client-id', clientId], env, cwd);
}

function runAs(args: string[], env: Record<string, string>, cwd = tmpdir()) {
  const {clientSecret} = sandbox.current;
  const from = sandbox.current.requests.length;
  return new Promise<{code: number; stdout: string; stderr: string; puts: number; requests: number}>(
    (resolve) => {
      execFile(
        node,
        [cli, ...args],
        {
          ...asOrdinaryUser,
          cwd,
          env: {PATH: process.env.PATH ?? '', TENANT_MODE_CLIENT_SECRET: clientSecret, ...env},
        },
        (error, stdout, stderr) => {
          const code = error ? Number((error as {code?: number}).code ?? 1) : 0;
          const requests = requestLines(sandbox.current, from);
          const puts = requests.filter((line) => line.startsWith('PUT')).length;
          resolve({code, stdout, stderr, puts, requests: requests.length});
        },
      );
    },
  );
}

describe('local file faults are the operator’s to fix: exit 2, the path and the fix, nothing sent', () => {
  it('HOME cannot be written: the config folder is named, with TENANT_MODE_CONFIG_DIR as the fix', async () => {
    const home = join(base(), 'home');
    mkdirSync(home, {mode: 0o755});
    const run = await switchAs({HOME: home});
    expect(run.stderr).toContain(`${home}/.config/tenant-mode`);
    expect(run.stderr).toContain('Nothing was sent.');
    expect(run.stderr).toContain('set TENANT_MODE_CONFIG_DIR');
    expect(run.stderr).not.toMatch(/EACCES|at .*\.js:\d+/);
    expect(JSON.parse(run.stdout)).toMatchObject({sent: false, error: {reason: 'local-files'}});
    expect(run.code).toBe(2);
    expect(run.puts).toBe(0);
  });

  it('the config folder belongs to another user: said so, exit 2', async () => {
    const config = join(base(), 'config');
    mkdirSync(config, {mode: 0o700});
    const run = await switchAs({TENANT_MODE_CONFIG_DIR: config});
    if (asOrdinaryUser.uid !== undefined) {
      expect(run.stderr).toContain(`the folder ${config} belongs to another user (uid 0)`);
    }
    expect(run.stderr).toContain('Nothing was sent.');
    expect(run.code).toBe(2);
    expect(run.puts).toBe(0);
  });

  it('a file where the config folder should be: said so, exit 2', async () => {
    const folder = base();
    const config = join(folder, 'config');
    writeFileSync(config, 'not a folder\n');
    chmodSync(config, 0o644);
    const run = await switchAs({TENANT_MODE_CONFIG_DIR: config});
    expect(run.stderr).toContain(`${config}: a file is where the folder should be`);
    expect(run.code).toBe(2);
    expect(run.puts).toBe(0);
  });

  it('a relative HOME is refused before anything is read, exit 2', async () => {
    const run = await switchAs({HOME: 'relative/home'}, base());
    expect(run.stderr).toContain('HOME is a relative path ("relative/home")');
    expect(run.stderr).toContain('Nothing was sent.');
    expect(run.code).toBe(2);
    expect(run.requests).toBe(0);
  });

  it('a corrupt config.json in a folder that cannot be written: left as it is, said once, no stack trace', async () => {
    const config = join(base(), 'config');
    mkdirSync(config, {mode: 0o700});
    writeFileSync(join(config, 'config.json'), '{"profiles": not json', {mode: 0o600});
    if (asOrdinaryUser.uid !== undefined) {
      chownSync(config, asOrdinaryUser.uid, asOrdinaryUser.gid);
      chownSync(join(config, 'config.json'), asOrdinaryUser.uid, asOrdinaryUser.gid);
    }
    chmodSync(config, 0o500);
    const logout = await runAs(['logout'], {TENANT_MODE_CONFIG_DIR: config});
    expect(logout.stderr).toContain(
      'is unusable (it is not valid JSON) and cannot be set aside (permission denied)',
    );
    expect(logout.stderr).not.toMatch(/\bat .+:\d+|EACCES|EPERM/);
    expect(logout.code).toBe(0);
    const {url, clientId} = sandbox.current;
    const status = await runAs(['status', 'Acme Corp', '--url', url, '--client-id', clientId], {
      TENANT_MODE_CONFIG_DIR: config,
    });
    expect(status.stderr).toContain(
      'cannot be set aside (permission denied): nothing will be remembered this time',
    );
    expect(status.stdout).toContain('Acme Corp');
    expect(status.code).toBe(0);
  });
});
