import {createHash} from 'node:crypto';
import {constants, type promises as fs} from 'node:fs';
import {open} from 'node:fs/promises';

/**
 * The longest line read from one of our JSON-lines files (the audit log, a results file). Ours are a few KiB; a
 * longer one was not written by tenant-mode and is skipped unread, so that a hostile or damaged file of any size is
 * read in flat memory: one chunk and at most one line at a time.
 */
export const maxLineBytes = 1024 * 1024;

const chunkBytes = 1024 * 1024;

/** One line of a file: its number (from 1), where it starts, and its text — undefined when it was too long to read. */
export interface FileLine {
  readonly number: number;
  readonly offset: number;
  readonly text?: string;
  /** The SHA-256 (hex) of its bytes as they stand in the file, when asked for (the audit log's chain). */
  readonly hash?: string;
}

/** Opens one of our files for reading: never through a symbolic link, never blocking on a FIFO, regular files only. */
export async function openForReading(path: string): Promise<fs.FileHandle> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    if (!(await handle.stat()).isFile()) throw Object.assign(new Error('not a file'), {code: 'ENOTFILE'});
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * The lines of an open file, a chunk at a time. Empty lines are left out; a last line without its line feed (torn
 * by a crash, or being written) is given as it is; a line longer than `maxLineBytes` is given without its text.
 */
export async function* linesOf(
  handle: fs.FileHandle,
  options: {readonly hash?: boolean} = {},
): AsyncGenerator<FileLine> {
  const chunk = Buffer.alloc(chunkBytes);
  // The start of a line that began in an earlier chunk (copied: the chunk is reused); empty for most lines, which
  // are decoded straight from the chunk.
  let parts: Buffer[] = [];
  let partBytes = 0;
  let tooLong = false;
  let number = 1;
  let lineStart = 0;
  let position = 0;
  const finish = (rest: Buffer): FileLine | undefined => {
    const line: FileLine = {number, offset: lineStart};
    number += 1;
    if (tooLong || partBytes + rest.length > maxLineBytes) {
      tooLong = false;
      parts = [];
      partBytes = 0;
      return line;
    }
    const bytes = partBytes === 0 ? rest : Buffer.concat([...parts, rest]);
    const text = bytes.toString('utf8');
    parts = [];
    partBytes = 0;
    if (text.trim() === '') return undefined;
    return options.hash
      ? {...line, text, hash: createHash('sha256').update(bytes).digest('hex')}
      : {...line, text};
  };
  for (;;) {
    const {bytesRead} = await handle.read(chunk, 0, chunkBytes, position);
    if (bytesRead === 0) break;
    let from = 0;
    for (;;) {
      const end = chunk.indexOf(0x0a, from);
      if (end === -1 || end >= bytesRead) {
        // The line goes on in the next chunk: keep its start, unless it is already too long to read.
        if (!tooLong && partBytes + (bytesRead - from) > maxLineBytes) {
          tooLong = true;
          parts = [];
          partBytes = 0;
        } else if (!tooLong) {
          parts.push(Buffer.from(chunk.subarray(from, bytesRead)));
          partBytes += bytesRead - from;
        }
        break;
      }
      const line = finish(chunk.subarray(from, end));
      if (line) yield line;
      from = end + 1;
      lineStart = position + from;
    }
    position += bytesRead;
  }
  if (partBytes > 0 || tooLong) {
    const line = finish(Buffer.alloc(0));
    if (line) yield line;
  }
}

/** The line that starts at `offset`: read again to show it (the audit log's newest first). */
export async function lineAt(handle: fs.FileHandle, offset: number): Promise<string | undefined> {
  return (await lineBytesAt(handle, offset))?.toString('utf8');
}

/** The bytes of the line that starts at `offset` (without its line feed), as they stand in the file. */
export async function lineBytesAt(handle: fs.FileHandle, offset: number): Promise<Buffer | undefined> {
  const parts: Buffer[] = [];
  let bytes = 0;
  for (let position = offset; bytes <= maxLineBytes; ) {
    // Our lines are a few KiB: read in small steps, not a whole chunk of the scan.
    const chunk = Buffer.allocUnsafe(16 * 1024);
    const {bytesRead} = await handle.read(chunk, 0, chunk.length, position);
    if (bytesRead === 0) break;
    const end = chunk.subarray(0, bytesRead).indexOf(0x0a);
    parts.push(chunk.subarray(0, end === -1 ? bytesRead : end));
    bytes += end === -1 ? bytesRead : end;
    if (end !== -1) break;
    position += bytesRead;
  }
  return bytes > maxLineBytes ? undefined : Buffer.concat(parts);
}

/** A JSON object, or undefined for anything else (torn, edited, not JSON, an array, a number). */
export function jsonObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** "812, 1,044, 1,045" — at most ten line numbers, then how many more. */
export function lineNumbers(numbers: readonly number[], total = numbers.length): string {
  const shown = numbers.slice(0, 10).map((number) => number.toLocaleString('en'));
  return total > shown.length ? `${shown.join(', ')} and ${total - shown.length} more` : shown.join(', ');
}

/** Unreadable lines as counted while reading: all of them, and the numbers of the first hundred. */
export class SkippedLines {
  count = 0;
  readonly numbers: number[] = [];

  add(number: number): void {
    this.count += 1;
    if (this.numbers.length < 100) this.numbers.push(number);
  }

  /** "3 unreadable lines skipped: 812, 1,044, 1,045", or undefined when none was. */
  sentence(): string | undefined {
    if (this.count === 0) return undefined;
    const lines = this.count === 1 ? 'line' : 'lines';
    return `${this.count.toLocaleString('en')} unreadable ${lines} skipped: ${lineNumbers(this.numbers, this.count)}`;
  }
}
