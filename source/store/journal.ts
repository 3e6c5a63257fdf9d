import {constants, type promises as fs} from 'node:fs';
import {open} from 'node:fs/promises';
import {jsonText} from '../platform/index.js';
import {appendOnlyFlags} from './append-only.js';
import {fileProblem} from './file-problem.js';

/** A journal that cannot be opened, written or read: the message names the file and the cause. */
export class JournalError extends Error {
  override readonly name = 'JournalError';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path} cannot be written (${reason}).`);
  }
}

interface Waiting {
  readonly text: string;
  readonly done: () => void;
  readonly failed: (error: JournalError) => void;
}

/**
 * An append-only JSON-lines file (0600, never through a symlink, never into a FIFO or a folder) whose `append`
 * resolves once the line is on disk. Lines that arrive while a flush is running go to disk together in the next
 * one: with eight switches in flight, one fdatasync covers up to eight attempt lines, so that an apply of thousands
 * of tenants is not bound by the disk, while no PUT is sent before its own line is flushed. A line torn by a crash
 * is left as it is; the next line starts on a line of its own.
 */
export class Journal {
  readonly #waiting: Waiting[] = [];
  #flushing = false;
  #endsWithNewline: boolean;

  private constructor(
    readonly path: string,
    private readonly handle: fs.FileHandle,
    size: number,
    lastByte: number | undefined,
  ) {
    this.#endsWithNewline = size === 0 || lastByte === 0x0a;
  }

  static async open(path: string): Promise<Journal> {
    let handle: fs.FileHandle | undefined;
    try {
      handle = await open(path, appendOnlyFlags, 0o600);
      const stat = await handle.stat();
      if (!stat.isFile()) throw Object.assign(new Error('not a file'), {code: 'ENOTFILE'});
      let last: number | undefined;
      if (stat.size > 0) {
        const {buffer} = await handle.read(Buffer.alloc(1), 0, 1, stat.size - 1);
        last = buffer[0];
      }
      return new Journal(path, handle, stat.size, last);
    } catch (error) {
      await handle?.close();
      throw new JournalError(path, fileProblem(error));
    }
  }

  /** Appends one line; resolves once it is flushed to disk, rejects with JournalError when it cannot be. */
  append(line: unknown): Promise<void> {
    return new Promise((done, failed) => {
      this.#waiting.push({text: `${jsonText(line)}\n`, done, failed});
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
      const text = batch.map((line) => line.text).join('');
      try {
        const bytes = Buffer.from(this.#endsWithNewline ? text : `\n${text}`);
        // A short write (a disk filling up) left a torn line: it is a failure, and the next line starts anew.
        this.#endsWithNewline = false;
        const {bytesWritten} = await this.handle.write(bytes);
        if (bytesWritten !== bytes.length) throw Object.assign(new Error('short write'), {code: 'ENOSPC'});
        this.#endsWithNewline = true;
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

/** The lines of a JSON-lines file that parse as objects; torn or foreign lines are counted, not used. */
export async function readJournal(
  path: string,
): Promise<{lines: Record<string, unknown>[]; unreadable: number}> {
  let text: string;
  try {
    const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    try {
      if (!(await handle.stat()).isFile()) throw Object.assign(new Error('not a file'), {code: 'ENOTFILE'});
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as {code?: string}).code === 'ENOENT') return {lines: [], unreadable: 0};
    throw new JournalError(path, fileProblem(error));
  }
  const lines: Record<string, unknown>[] = [];
  let unreadable = 0;
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    try {
      const value: unknown = JSON.parse(raw);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        lines.push(value as Record<string, unknown>);
        continue;
      }
    } catch {
      // torn by a crash, or not ours
    }
    unreadable += 1;
  }
  return {lines, unreadable};
}
