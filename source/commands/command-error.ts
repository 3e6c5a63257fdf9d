/**
 * A failure a command reports on purpose: a message for people, the next steps to take, an exit code, and fields
 * for the `{"error": …}` document of --json. Thrown anywhere below a command's `run`; commands/main.ts is the one
 * place that turns it into output (Shopify cli-kit's `AbortError(message, nextSteps)` is the model).
 * No imports: the flag parser loads it before anything else.
 */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly details: Record<string, unknown> = {},
    /** What to do about it, one line each, printed under the message. */
    readonly nextSteps: readonly string[] = [],
    /**
     * The words and the JSON document exactly as they are to be shown, when a command has composed them itself
     * (commands/output.ts, `asCommandError`: a platform error with its status and meaning, a switch's `sent`).
     */
    readonly said?: {readonly text: string; readonly document: Record<string, unknown>},
  ) {
    super(message);
  }
}

/** Bad usage or input: exit 2, with "See tenant-mode … --help." as the usual next step. */
export class UsageError extends CommandError {
  constructor(message: string, nextSteps: readonly string[] = []) {
    super(message, 2, {reason: 'usage'}, nextSteps);
  }
}

/** The exit code of an error tenant-mode did not expect: a bug (sysexits.h's EX_SOFTWARE). */
export const bugExitCode = 70;

/** The words for an error nobody planned for: it is a bug, and what to send. Never the error's stack. */
export function bugText(error: unknown): string {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return [
    `tenant-mode stopped on an error it did not expect. This is a bug in tenant-mode: ${what}`,
    'Please report it (docs/faults.md, "Reporting a bug") with the command you ran and this message,',
    'leaving out any secret. Run `tenant-mode audit` to see whether a switch was sent.',
  ].join('\n');
}
