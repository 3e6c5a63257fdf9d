import {execFile} from 'node:child_process';
import {mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync} from 'node:fs';
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

  it('audit prints, for an attempt without an outcome, a status command that runs from another folder', async () => {
    const {url, clientId, clientSecret} = sandbox.current;
    const config = newConfigDirectory();
    mkdirSync(config, {recursive: true, mode: 0o700});
    const acme = [...sandbox.current.world.tenants.values()].find((tenant) => tenant.name === 'Acme Corp');
    const attempt = {
      kind: 'attempt',
      attempt_id: 'killed-mid-switch',
      time: '2026-11-26T09:00:00.000Z',
      via: 'command',
      data_center: `${url}/api/2`,
      client_id: clientId,
      tenant_id: acme?.id,
      tenant_name: 'Acme Corp',
      pricing_before: {mode: 'trial', version: 1, currency: null, production_start_date: null},
      request: {version: 1, mode: 'production'},
    };
    writeFileSync(join(config, 'audit.log'), `${JSON.stringify(attempt)}\n`, {mode: 0o600});
    const audit = await new Promise<{stdout: string}>((resolve) => {
      execFile(
        process.execPath,
        [cliPath, 'audit'],
        {env: {...process.env, TENANT_MODE_CONFIG_DIR: config}},
        (_e, stdout) => resolve({stdout}),
      );
    });
    const printed = /check with (.+?)\s{2}/.exec(audit.stdout)?.[1] ?? '';
    expect(printed).toContain(`status ${acme?.id} --url ${url}/api/2 --client-id ${clientId}`);
    const status = await runInFreshShell(printed, clientSecret);
    expect(status.stdout).toContain('Acme Corp');
    expect(status.code).toBe(0);
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
