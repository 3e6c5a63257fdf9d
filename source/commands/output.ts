import {explainError, PlatformError} from '../platform/index.js';

/** Exit codes of the scripting commands (readme.md and --help say the same). */
export const exitCodes = {
  done: 0,
  refused: 1,
  usage: 2,
  authentication: 3,
  unreachable: 4,
  unknownOutcome: 5,
  interrupted: 130,
} as const;

/** A failure a command reports: a message for people, a JSON error for scripts, an exit code. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function exitCodeFor(error: PlatformError): number {
  switch (error.kind) {
    case 'invalid-input':
      return exitCodes.usage;
    case 'oauth':
      return exitCodes.authentication;
    case 'aborted':
      return exitCodes.interrupted;
    case 'http':
      if (error.status === 401) return exitCodes.authentication;
      if (error.status === 429 || (error.status ?? 0) >= 500) return exitCodes.unreachable;
      return exitCodes.refused;
    default:
      return exitCodes.unreachable;
  }
}

/** The `{"error": {…}}` document of `--json`: status and platform code, never a secret. */
export function errorJson(error: unknown): Record<string, unknown> {
  if (error instanceof CommandError) return {error: {message: error.message, ...error.details}};
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
  return {error: {message: error instanceof Error ? error.message : String(error)}};
}

/** The lines a person reads for a failure. */
export function errorText(error: unknown): string {
  if (error instanceof PlatformError) {
    const lines = [`Error: ${error.message}`];
    if (error.status)
      lines.push(
        `  status ${error.status}${error.code !== undefined ? `, platform code ${error.code}` : ''}`,
      );
    if (error.info) lines.push(`  ${error.info}`);
    const {meaning, next} = explainError(error);
    lines.push(`  ${meaning} ${next}`);
    return lines.join('\n');
  }
  return `Error: ${error instanceof Error ? error.message : String(error)}`;
}

export interface Output {
  readonly json: boolean;
  /** The result: text on stdout; with --json, JSON on stdout and the text on stderr for the person watching. */
  result(text: string, document: unknown): void;
  /** Human text that is not the result (plans, warnings): always stderr. */
  note(text: string): void;
  /** Progress, only where a person watches (stderr is a terminal). */
  progress(text: string): void;
}

export function makeOutput(json: boolean): Output {
  return {
    json,
    result(text, document) {
      if (json) {
        process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
        process.stderr.write(`${text}\n`);
      } else {
        process.stdout.write(`${text}\n`);
      }
    },
    note(text) {
      process.stderr.write(`${text}\n`);
    },
    progress(text) {
      if (process.stderr.isTTY) process.stderr.write(`${text}\n`);
    },
  };
}

/**
 * Runs a command body, turning any failure into its message and exit code. Ctrl+C and SIGTERM abort what is in
 * flight through the signal given to the body; a body that sent a switch says so itself.
 */
export async function runCommand(
  output: Output,
  body: (signal: AbortSignal) => Promise<number>,
): Promise<number> {
  const interrupt = new AbortController();
  const onSignal = () => interrupt.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await body(interrupt.signal);
  } catch (error) {
    if (error instanceof PlatformError && error.kind === 'aborted') {
      process.stderr.write('Interrupted. No switch was sent.\n');
      if (output.json)
        process.stdout.write(
          `${JSON.stringify({error: {kind: 'aborted', message: 'Interrupted. No switch was sent.'}}, null, 2)}\n`,
        );
      return exitCodes.interrupted;
    }
    if (output.json) process.stdout.write(`${JSON.stringify(errorJson(error), null, 2)}\n`);
    process.stderr.write(`${errorText(error)}\n`);
    if (error instanceof CommandError) return error.exitCode;
    if (error instanceof PlatformError) return exitCodeFor(error);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
