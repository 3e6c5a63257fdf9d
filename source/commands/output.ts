import {
  AccountConflict,
  AccountNotFound,
  AppendLockHeld,
  AuditWriteError,
  exitCodeFor,
  exitCodes,
  explainError,
  fileSystemFailure,
  interruptedText,
  isFileSystemError,
  JournalError,
  jsonText,
  LocalFilesError,
  PlatformError,
  printable,
  printableLines,
  TenantNotFound,
  UnsafeFolderError,
} from '../procedure/index.js';
import {bugExitCode, bugText, CommandError} from './command-error.js';
import type {CommandIo} from './io.js';

export {CommandError, exitCodes};

/**
 * Our own files failed us (the audit log, a results file, the config folder, a lock): the operator's to fix, exit 2,
 * never a bug. Each message names the file and the cause.
 */
function ownFilesFailed(error: unknown): error is Error {
  return (
    error instanceof LocalFilesError ||
    error instanceof AuditWriteError ||
    error instanceof JournalError ||
    error instanceof UnsafeFolderError ||
    error instanceof AppendLockHeld
  );
}

const ownFilesNextStep =
  'Fix the file or folder named above, or set TENANT_MODE_CONFIG_DIR to a folder of your own (docs/faults.md).';

/** The `{"error": {…}}` document of `--json`: status and platform code, never a secret. */
export function errorJson(error: unknown): Record<string, unknown> {
  if (error instanceof CommandError) return {error: {message: error.message, ...error.details}};
  if (error instanceof LocalFilesError) return {error: {message: error.message, reason: error.reason}};
  if (error instanceof AccountNotFound) {
    return {error: {message: error.message, reason: 'unknown-account', accounts: error.known}};
  }
  if (error instanceof AccountConflict) return {error: {message: error.message, reason: 'account-conflict'}};
  if (ownFilesFailed(error)) return {error: {message: error.message, reason: 'local-files'}};
  if (isFileSystemError(error)) return {error: {message: fileSystemFailure(error), reason: 'local-files'}};
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
function errorText(error: unknown): string {
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
  if (
    error instanceof LocalFilesError ||
    error instanceof TenantNotFound ||
    error instanceof AccountNotFound ||
    error instanceof AccountConflict
  )
    return `Error: ${error.message}`;
  if (ownFilesFailed(error)) return `Error: ${error.message}\n${ownFilesNextStep}`;
  if (isFileSystemError(error)) return `Error: ${fileSystemFailure(error)}\n${ownFilesNextStep}`;
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
 * Runs a command body; any failure leaves it as one CommandError with its exit code, words and JSON document, which
 * commands/main.ts (the one place that turns failures into output) prints. Ctrl+C and SIGTERM abort what is in
 * flight through `io.interrupt`; a body that sent a switch says so itself.
 */
export async function runCommand(
  io: CommandIo,
  body: (signal: AbortSignal) => Promise<number>,
  /** Fields every JSON error document of this command carries (switch: whether a PUT was sent). */
  extra: () => Record<string, unknown> = () => ({}),
): Promise<number> {
  try {
    return await body(io.interrupt);
  } catch (error) {
    throw asCommandError(error, extra());
  }
}

/** Any failure of a command as what it means to the operator: exit code, words, JSON document. */
export function asCommandError(error: unknown, extra: Record<string, unknown> = {}): CommandError {
  if (error instanceof PlatformError && error.kind === 'aborted') {
    const message = interruptedText();
    return new CommandError(message, exitCodes.interrupted, {}, [], {
      text: message,
      document: {error: {kind: 'aborted', message}, ...extra},
    });
  }
  const code =
    error instanceof CommandError
      ? error.exitCode
      : error instanceof TenantNotFound ||
          error instanceof AccountNotFound ||
          error instanceof AccountConflict ||
          ownFilesFailed(error) ||
          isFileSystemError(error)
        ? exitCodes.usage
        : error instanceof PlatformError
          ? exitCodeFor(error)
          : bugExitCode;
  const message = error instanceof Error ? error.message : String(error);
  return new CommandError(message, code, {}, [], {
    text: printableLines(errorText(error)),
    document: {...errorJson(error), ...extra},
  });
}
