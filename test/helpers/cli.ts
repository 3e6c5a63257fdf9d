import {execFile} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {Sandbox} from '../../source/sandbox/index.js';

/** The bundled CLI (`npm test` builds it before the suite). */
export const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `tenant-mode …` to its end, without a terminal, with the given environment on top of ours. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cliPath, ...args],
      {env: {...process.env, ...env}},
      (error, stdout, stderr) => {
        const code = error ? ((error as {code?: number}).code ?? 1) : 0;
        resolve({code: typeof code === 'number' ? code : 1, stdout, stderr});
      },
    );
  });
}

/** Runs a command signed in to the sandbox with flags and TENANT_MODE_CLIENT_SECRET, in its own config folder. */
export function sandboxCli(sandbox: Sandbox, configDirectory = newConfigDirectory()) {
  return (args: string[], env: Record<string, string | undefined> = {}) =>
    runCli([...args, '--url', sandbox.url, '--client-id', sandbox.clientId], {
      TENANT_MODE_CLIENT_SECRET: sandbox.clientSecret,
      TENANT_MODE_CONFIG_DIR: configDirectory,
      ...env,
    });
}

export function newConfigDirectory(): string {
  return join(mkdtempSync(join(tmpdir(), 'tenant-mode-cli-')), 'config');
}
