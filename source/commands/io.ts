import type {ApplyProgress, Clock} from '../procedure/index.js';

/** Where a command writes: a process's stdout or stderr, or a test's buffer. */
export interface TextSink {
  write(text: string): unknown;
  /** A person may be watching (progress lines and prompts only then). */
  readonly isTTY?: boolean;
  /** A terminal's width (help is wrapped to it). */
  readonly columns?: number;
}

/**
 * Everything a command takes from the world, injected so that a test can run it in-process: the streams, the
 * environment, the one clock, and the signal that Ctrl+C or SIGTERM aborts. cli.tsx makes the process's.
 */
export interface CommandIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly stdin: NodeJS.ReadableStream & {readonly isTTY?: boolean};
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock: Clock;
  /** Aborted when the operator interrupts (Ctrl+C, SIGTERM). */
  readonly interrupt: AbortSignal;
  /**
   * The words that run this tool from a fresh shell (commands/program.ts), for the commands it prints; `tenant-mode`
   * when not given (tests in-process).
   */
  readonly program?: readonly string[];
}

/** The program of the commands a command prints. */
export function programOf(io: CommandIo): readonly string[] {
  return io.program ?? ['tenant-mode'];
}

/** A live view of an apply's progress on a terminal (Ink: wizard/ApplyProgressView.tsx, loaded by cli.tsx). */
export type ShowApplyProgress = (
  title: string,
  first: ApplyProgress,
) => Promise<{
  update(progress: ApplyProgress): void;
  close(last: ApplyProgress, ending?: string): Promise<void>;
}>;
