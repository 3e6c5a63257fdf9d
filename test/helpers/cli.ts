import {execFile, spawn} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Readable} from 'node:stream';
import {fileURLToPath} from 'node:url';
import type {Clock} from '../../source/clock.js';
import type {CommandIo, TextSink} from '../../source/commands/io.js';
import {main} from '../../source/commands/main.js';
import type {Sandbox} from '../../source/sandbox/index.js';

/** The bundled CLI (`npm test` builds it before the suite). */
export const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `tenant-mode …` as a process to its end, without a terminal, with the given environment on top of ours. */
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

export interface InProcessOptions {
  readonly clock: Clock;
  /** Abort it to interrupt the command as Ctrl+C would. */
  readonly interrupt?: AbortSignal;
  /** stdout and stderr are an 80-column terminal (stdin is not: nothing can be typed). */
  readonly terminal?: boolean;
}

/**
 * Runs `tenant-mode …` in this process, as cli.tsx would run it but with the test's clock, environment (only what
 * is given) and buffers instead of the process's streams; no terminal. The wizard is never started here.
 */
export async function runInProcess(
  args: string[],
  env: Record<string, string | undefined>,
  options: InProcessOptions,
): Promise<CliRun> {
  const stdout = buffer(options.terminal);
  const stderr = buffer(options.terminal);
  const io: CommandIo = {
    stdout,
    stderr,
    stdin: Readable.from([]),
    env,
    clock: options.clock,
    interrupt: options.interrupt ?? new AbortController().signal,
  };
  const code = await main(args, io, () => Promise.reject(new Error('the wizard does not run in-process')));
  return {code, stdout: stdout.text(), stderr: stderr.text()};
}

function buffer(terminal = false): TextSink & {text(): string} {
  const chunks: string[] = [];
  return {
    isTTY: terminal,
    columns: terminal ? 80 : undefined,
    write: (text: string) => chunks.push(text),
    text: () => chunks.join(''),
  };
}

/**
 * Runs a command in-process, signed in to the sandbox with flags and TENANT_MODE_CLIENT_SECRET, in its own config
 * folder, on the sandbox's clock.
 */
export function sandboxCli(sandbox: Sandbox, configDirectory = newConfigDirectory()) {
  return (args: string[], env: Record<string, string | undefined> = {}) =>
    runInProcess(
      [...args, '--url', sandbox.url, '--client-id', sandbox.clientId],
      {
        TENANT_MODE_CLIENT_SECRET: sandbox.clientSecret,
        TENANT_MODE_CONFIG_DIR: configDirectory,
        ...env,
      },
      {clock: sandbox.clock},
    );
}

export function newConfigDirectory(): string {
  return join(mkdtempSync(join(tmpdir(), 'tenant-mode-cli-')), 'config');
}

/** Starts `tenant-mode switch NAME --yes` as a process against the sandbox, for tests that signal it mid-way. */
export function spawnSwitch(sandbox: Sandbox, name: string, env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    [cliPath, 'switch', name, '--yes', '--url', sandbox.url, '--client-id', sandbox.clientId],
    {env: {...process.env, ...env}},
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return {child, exit, stderr: () => stderr};
}

/**
 * Runs a command line the tool printed, as an operator pastes it: `sh -c`, in a new empty folder, with a new HOME
 * and only PATH and the secret in the environment.
 */
export function runInFreshShell(command: string, secret: string): Promise<CliRun> {
  const folder = mkdtempSync(join(tmpdir(), 'tenant-mode-shell-'));
  return new Promise((resolve) => {
    execFile(
      '/bin/sh',
      ['-c', command],
      {cwd: folder, env: {PATH: process.env.PATH ?? '', HOME: folder, TENANT_MODE_CLIENT_SECRET: secret}},
      (error, stdout, stderr) => {
        const code = error ? ((error as {code?: number}).code ?? 1) : 0;
        resolve({code: typeof code === 'number' ? code : 1, stdout, stderr});
      },
    );
  });
}

/**
 * `tenant-mode login --sandbox` to the sandbox, its secret in the file (no keyring in these tests): an account
 * marked as a sandbox, whose switches are rehearsals (docs/audit-log.md).
 */
export function loginMarkedSandbox(sandbox: Sandbox, config: string, name?: string): Promise<CliRun> {
  return runInProcess(
    [
      'login',
      '--url',
      sandbox.url,
      '--client-id',
      sandbox.clientId,
      '--sandbox',
      '--insecure-storage',
      ...(name ? ['--name', name] : []),
    ],
    {TENANT_MODE_CONFIG_DIR: config, TENANT_MODE_CLIENT_SECRET: sandbox.clientSecret},
    {clock: sandbox.clock},
  );
}
