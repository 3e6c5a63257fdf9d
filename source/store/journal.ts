import type {promises as fs} from 'node:fs';
import {open} from 'node:fs/promises';
import {jsonText} from '../text/index.js';
import {appendOnlyFlags, appendWhole} from './append-only.js';
import {fileProblem} from './file-problem.js';
import {jsonObject, linesOf, openForReading, SkippedLines} from './lines.js';

/** A journal that cannot be opened, written or read: the message names the file and the cause. */
export class JournalError extends Error {
  override readonly name = 'JournalError';
  constructor(
    readonly path: string,
    readonly reason: string,
    doing: 'written' | 'read' = 'written',
  ) {
    super(`${path} cannot be ${doing} (${reason}).`);
  }
}

interface Waiting<Line> {
  readonly line: Line;
  readonly done: () => void;
  readonly failed: (error: JournalError) => void;
}

/** How a group of lines becomes the text appended (under the append lock). */
export type JournalFormat<Line> = (lines: readonly Line[], descriptor: number, torn: boolean) => string;

/** Each line as one JSON line. */
const plainLines = <Line>(lines: readonly Line[]) => lines.map((line) => `${jsonText(line)}\n`).join('');

/**
 * An append-only JSON-lines file (0600, never through a symlink, never into a FIFO or a folder) whose `append`
 * resolves once the line is on disk. Lines that arrive while a flush is running go to disk together in the next
 * one: with eight switches in flight, one fdatasync covers up to eight attempt lines, so that an apply of thousands
 * of tenants is not bound by the disk, while no PUT is sent before its own line is flushed. Each write goes through
 * the one append-only writer (append-only.ts): a line torn by a crash or by another program is closed off, never
 * glued to ours.
 */
export class Journal<Line = unknown> {
  readonly #waiting: Waiting<Line>[] = [];
  #flushing = false;

  private constructor(
    readonly path: string,
    private readonly handle: fs.FileHandle,
    private readonly format: JournalFormat<Line>,
  ) {}

  /** `format`: how a group of lines becomes text, from the file as it is under the append lock (the audit chain). */
  static async open<Line>(path: string, format: JournalFormat<Line> = plainLines): Promise<Journal<Line>> {
    let handle: fs.FileHandle | undefined;
    try {
      handle = await open(path, appendOnlyFlags, 0o600);
      const stat = await handle.stat();
      if (!stat.isFile()) throw Object.assign(new Error('not a file'), {code: 'ENOTFILE'});
      return new Journal<Line>(path, handle, format);
    } catch (error) {
      await handle?.close();
      throw new JournalError(path, fileProblem(error));
    }
  }

  /** Appends one line; resolves once it is flushed to disk, rejects with JournalError when it cannot be. */
  append(line: Line): Promise<void> {
    return new Promise((done, failed) => {
      this.#waiting.push({line, done, failed});
      void this.#flush();
    });
  }

  async close(): Promise<void> {
    while (this.#flushing || this.#waiting.length > 0) await new Promise((resolve) => setImmediate(resolve));
    await this.handle.close();
  }

  async #flush(): Promise<void> {
    if (this.#flushing) return;
    this.#flushing = true;
    while (this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0);
      const lines = batch.map((waiting) => waiting.line);
      try {
        // A short write (a disk filling up) leaves a torn line: it is a failure, and the next write closes it off.
        appendWhole(this.handle.fd, this.path, (descriptor, torn) => this.format(lines, descriptor, torn));
        await this.handle.datasync();
        for (const line of batch) line.done();
      } catch (error) {
        const failure = new JournalError(this.path, fileProblem(error));
        for (const line of batch) line.failed(failure);
      }
    }
    this.#flushing = false;
  }
}

/**
 * Each line of a JSON-lines file that is a JSON object, given to `visit` as it is read (a line at a time, in flat
 * memory whatever the file's size); torn, foreign or over-long lines are skipped and counted with their numbers. A
 * missing file has no lines.
 */
export async function eachJournalLine(
  path: string,
  visit: (line: Record<string, unknown>, number: number) => void,
): Promise<SkippedLines> {
  const skipped = new SkippedLines();
  let handle: fs.FileHandle;
  try {
    handle = await openForReading(path);
  } catch (error) {
    if ((error as {code?: string}).code === 'ENOENT') return skipped;
    throw new JournalError(path, fileProblem(error), 'read');
  }
  try {
    for await (const line of linesOf(handle)) {
      const value = jsonObject(line.text);
      if (value) visit(value, line.number);
      else skipped.add(line.number);
    }
  } catch (error) {
    throw new JournalError(path, fileProblem(error), 'read');
  } finally {
    await handle.close();
  }
  return skipped;
}
