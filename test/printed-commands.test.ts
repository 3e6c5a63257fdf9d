import {execFile} from 'node:child_process';
import {mkdtempSync, realpathSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {systemClock} from '../source/clock.js';
import {programWords} from '../source/commands/program.js';
import {cliPath, newConfigDirectory, runInFreshShell, runInProcess} from './helpers/cli.js';
import {sandboxPerFile} from './helpers/sandbox.js';

// Issue "Keys that arrive together…", point 2: every command the tool prints runs as printed from a fresh shell, in
// another folder, with only the secret set. The sandbox runs on the machine's clock here, as the spawned tool does.
const sandbox = sandboxPerFile({clock: systemClock});

describe('commands the tool prints', () => {
  it('plan --out prints an apply command that runs from another folder (here with --check added)', async () => {
    const {url, clientId, clientSecret} = sandbox.current;
    // A relative plan path, from a folder of its own: the printed command names the file absolutely.
    const folder = mkdtempSync(join(tmpdir(), 'tenant-mode-plan-'));
    const planned = await new Promise<{code: number; stdout: string; stderr: string}>((resolve) => {
      execFile(
        process.execPath,
        [cliPath, 'plan', '--out', 'next.json', '--url', url, '--client-id', clientId],
        {
          cwd: folder,
          env: {
            ...process.env,
            TENANT_MODE_CLIENT_SECRET: clientSecret,
            TENANT_MODE_CONFIG_DIR: newConfigDirectory(),
          },
        },
        (error, stdout, stderr) =>
          resolve({code: error ? Number((error as {code?: number}).code ?? 1) : 0, stdout, stderr}),
      );
    });
    expect(planned.stderr).toBe('');
    const printed = /run:\n {2}(.+)/.exec(planned.stdout)?.[1] ?? '';
    expect(printed).toContain(
      `apply ${join(folder, 'next.json')} --url ${url}/api/2 --client-id ${clientId}`,
    );
    expect(printed).not.toMatch(/^npx /);
    const check = await runInFreshShell(`${printed} --check`, clientSecret);
    expect(check.stdout).toContain('Check (nothing sent)');
    expect([0, 1]).toContain(check.code);
  });

  it('status with --url and --client-id but no secret says only the secret is missing (exit 2)', async () => {
    const run = await runInProcess(
      ['status', 'Acme Corp', '--url', sandbox.current.url, '--client-id', sandbox.current.clientId],
      {TENANT_MODE_CONFIG_DIR: newConfigDirectory()},
      {clock: systemClock},
    );
    expect(run.stderr).toContain(
      'No client secret: set TENANT_MODE_CLIENT_SECRET in the environment or pass --client-secret-file FILE',
    );
    expect(run.stderr).not.toContain('pass --url');
    expect(run.code).toBe(2);
  });

  it('names the program tenant-mode when that name on PATH is this bundle, else node and its path — never npx', () => {
    const bin = mkdtempSync(join(tmpdir(), 'tenant-mode-bin-'));
    symlinkSync(cliPath, join(bin, 'tenant-mode'));
    expect(programWords({PATH: `${bin}:${process.env.PATH}`}, cliPath)).toEqual(['tenant-mode']);
    const other = mkdtempSync(join(tmpdir(), 'tenant-mode-bin-'));
    writeFileSync(join(other, 'tenant-mode'), '#!/bin/sh\n', {mode: 0o755});
    const words = programWords({PATH: `${other}:${dirname(process.execPath)}`}, cliPath);
    expect(words).toEqual(['node', realpathSync(cliPath)]);
    expect(programWords({PATH: other}, cliPath)).toEqual([process.execPath, realpathSync(cliPath)]);
  });
});
