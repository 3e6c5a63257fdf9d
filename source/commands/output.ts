import {
  exitCodeFor,
  exitCodes,
  explainError,
  interruptedText,
  jsonText,
  LocalFilesError,
  PlatformError,
  printable,
  printableLines,
  TenantNotFound,
} from '../procedure/index.js';
import {bugExitCode, bugText, CommandError} from './command-error.js';
import type {CommandIo} from './io.js';

export {CommandError, exitCodes};

/** The `{"error": {…}}` document of `--json`: status and platform code, never a secret. */
export function errorJson(error: unknown): Record<string, unknown> {
  if (error instanceof CommandError) return {error: {message: error.message, ...error.details}};
  if (error instanceof LocalFilesError) return {error: {message: error.message, reason: error.reason}};
  if (error instanceof TenantNotFound) {
    return {
      error: {
        message: error.message,
        reason: error.reason,
        candidates: error.candidates.map((row) => ({
          id: row.tenant.id,
          name: row.tenant.name,
          kind: row.tenant.kind,
          path: row.path,
        })),
      },
    };
  }
  if (error instanceof PlatformError) {
    return {
      error: {
        kind: error.kind,
        status: error.status ?? null,
        code: error.code ?? null,
        domain: error.domain ?? null,
        message: error.message,
        info: error.info ?? null,
        request: error.request ?? null,
      },
    };
  }
  return {error: {message: bugText(error), reason: 'bug'}};
}

/** The lines a person reads for a failure. */
export function errorText(error: unknown): string {
  if (error instanceof PlatformError) {
    const lines = [`Error: ${printable(error.message)}`];
    if (error.status)
      lines.push(
        `  status ${error.status}${error.code !== undefined ? `, platform code ${printable(String(error.code))}` : ''}`,
      );
    if (error.info) lines.push(`  ${printable(error.info)}`);
    const {meaning, next} = explainError(error);
    lines.push(`  ${meaning} ${next}`);
    return lines.join('\n');
  }
  if (error instanceof CommandError) return [`Error: ${error.message}`, ...error.nextSteps].join('\n');
  if (error instanceof LocalFilesError || error instanceof TenantNotFound) return `Error: ${error.message}`;
  return bugText(error);
}

export interface Output {
  readonly json: boolean;
  /**
   * The result: text on stdout; with --json, the JSON document on stdout, and the text on stderr only when it is
   * bad news (`ok` false: failed, unknown, stopped) — a script's stderr carries what a person must see: warnings,
   * failures, and progress on a terminal (docs/scripting.md).
   */
  result(text: string, document: unknown, ok?: boolean): void;
  /** A warning or what a person must read before answering: always stderr. */
  note(text: string): void;
  /** Human text that is not the result (what is about to happen): stderr; with --json, only on a terminal. */
  info(text: string): void;
  /** Progress, only where a person watches (stderr is a terminal). */
  progress(text: string): void;
}

export function makeOutput(json: boolean, io: CommandIo): Output {
  const {stdout, stderr} = io;
  return {
    json,
    result(text, document, ok = true) {
      if (json) {
        stdout.write(`${jsonText(document, 2)}\n`);
        if (!ok) stderr.write(`${printableLines(text)}\n`);
      } else {
        stdout.write(`${printableLines(text)}\n`);
      }
    },
    note(text) {
      stderr.write(`${printableLines(text)}\n`);
    },
    info(text) {
      if (!json || stderr.isTTY) stderr.write(`${printableLines(text)}\n`);
    },
    progress(text) {
      if (stderr.isTTY) stderr.write(`${printableLines(text)}\n`);
    },
  };
}

/**
 * Runs a command body, turning any failure into its message and exit code. Ctrl+C and SIGTERM abort what is in
 * flight through `io.interrupt`; a body that sent a switch says so itself.
 */
export async function runCommand(
  output: Output,
  io: CommandIo,
  body: (signal: AbortSignal) => Promise<number>,
  /** Fields every JSON error document of this command carries (switch: whether a PUT was sent). */
  extra: () => Record<string, unknown> = () => ({}),
): Promise<number> {
  try {
    return await body(io.interrupt);
  } catch (error) {
    if (error instanceof PlatformError && error.kind === 'aborted') {
      const message = interruptedText();
      io.stderr.write(`${message}\n`);
      if (output.json) io.stdout.write(`${jsonText({error: {kind: 'aborted', message}, ...extra()}, 2)}\n`);
      return exitCodes.interrupted;
    }
    if (output.json) io.stdout.write(`${jsonText({...errorJson(error), ...extra()}, 2)}\n`);
    io.stderr.write(`${printableLines(errorText(error))}\n`);
    if (error instanceof CommandError) return error.exitCode;
    if (error instanceof TenantNotFound || error instanceof LocalFilesError) return exitCodes.usage;
    if (error instanceof PlatformError) return exitCodeFor(error);
    return bugExitCode;
  }
}
