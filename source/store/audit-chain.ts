import {createHash} from 'node:crypto';
import {fstatSync, readSync} from 'node:fs';
import {jsonText} from '../text/index.js';
import {jsonObject, maxLineBytes} from './lines.js';

// The audit log's hash chain (docs/audit-log.md): every line tenant-mode writes starts with `seq` (its place in the
// chain, from 1) and `prev` (the SHA-256 of the whole line before it, as its bytes stand in the file), so that an
// edited, removed, reordered or inserted line breaks the chain where it happened (audit-verify.ts). The first
// chained line also says how many lines came before the chain (`chained_after`): a log written by an earlier version
// is continued, not rewritten. Anyone who can write the file can also rewrite the whole chain: what makes that show
// is a hash kept elsewhere — the one a receipt quotes (`audit --verify --receipt`).

/** The chain fields of a line, as written first in it. */
export interface ChainFields {
  readonly seq: number;
  /** The SHA-256 (hex) of the line before; null for the first line of a new log. */
  readonly prev: string | null;
  /** Only on the first chained line: how many lines of the file came before it, unchained. */
  readonly chained_after?: number;
}

/** The SHA-256 of a line as it stands in the file (without its line feed), in hex. */
export function lineHash(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const isHash = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);

/** The chain fields of a parsed line, when it has well-formed ones. */
export function chainFieldsOf(line: Record<string, unknown> | undefined): ChainFields | undefined {
  if (!line) return undefined;
  const {seq, prev, chained_after: after} = line;
  if (!Number.isSafeInteger(seq) || (seq as number) < 1) return undefined;
  if (!(isHash(prev) || (prev === null && seq === 1))) return undefined;
  if (after !== undefined && !(Number.isSafeInteger(after) && (after as number) >= 0)) return undefined;
  return {seq: seq as number, prev, ...(after === undefined ? {} : {chained_after: after as number})};
}

/**
 * The text of `lines`, each with its chain fields, to be appended to the file open at `descriptor`. Called under
 * the append lock (append-only.ts), so that concurrent writers (apply's journal, a `switch` in another terminal)
 * keep one chain. `torn`: the file ends in a line without its line feed, which the writer closes off first; that
 * line is not linked (a reader reports it as torn), the last whole line before it is.
 */
export function chainedText(lines: readonly object[], descriptor: number, torn: boolean): string {
  let next = nextLink(descriptor, torn);
  let text = '';
  for (const line of lines) {
    const own = jsonText({
      seq: next.seq,
      prev: next.prev,
      ...(next.chainedAfter === undefined ? {} : {chained_after: next.chainedAfter}),
      ...line,
    });
    text += `${own}\n`;
    next = {seq: next.seq + 1, prev: lineHash(own)};
  }
  return text;
}

interface Link {
  readonly seq: number;
  readonly prev: string | null;
  readonly chainedAfter?: number;
}

/** Where the next line joins the chain: after the last whole line of the file. */
function nextLink(descriptor: number, torn: boolean): Link {
  const size = fstatSync(descriptor).size;
  const last = lastWholeLine(descriptor, size, torn);
  if (!last) {
    // A new log, or one with only blank lines or a torn line in it (closed off, it is a line before the chain).
    return {
      seq: 1,
      prev: null,
      chainedAfter: size === 0 ? 0 : scanFile(descriptor, size).lines + (torn ? 1 : 0),
    };
  }
  const fields = chainFieldsOf(jsonObject(last.toString('utf8')));
  if (fields) return {seq: fields.seq + 1, prev: lineHash(last)};
  // The last whole line is not ours (a log of an earlier version, or a line someone added): the whole file is
  // read once to find the chain, if there is one.
  const scan = scanFile(descriptor, size);
  const lines = scan.lines + (torn ? 1 : 0);
  if (scan.lastSeq === undefined) return {seq: 1, prev: lineHash(last), chainedAfter: lines};
  return {seq: scan.lastSeq + 1, prev: lineHash(last)};
}

const stepBytes = 64 * 1024;

/** The bytes of the last line that ends with a line feed (blank lines skipped), or undefined when there is none. */
function lastWholeLine(descriptor: number, size: number, torn: boolean): Buffer | undefined {
  // Walk back from the end, a step at a time, collecting bytes until a whole non-blank line is seen.
  let collected: Buffer = Buffer.alloc(0);
  let position = size;
  while (position > 0 && collected.length <= maxLineBytes + stepBytes) {
    const from = Math.max(0, position - stepBytes);
    const chunk = Buffer.alloc(position - from);
    readSync(descriptor, chunk, 0, chunk.length, from);
    collected = Buffer.concat([chunk, collected]);
    position = from;
    const line = wholeLineIn(collected, position === 0, torn);
    if (line) return line;
  }
  return undefined;
}

/**
 * In `bytes` (the end of the file), the last non-blank line that ends with a line feed, once it is wholly there
 * (its start is a line feed or, `atStart`, the start of the file).
 */
function wholeLineIn(bytes: Buffer, atStart: boolean, torn: boolean): Buffer | undefined {
  let end = bytes.length;
  if (torn) {
    const feed = bytes.lastIndexOf(0x0a);
    if (feed === -1) return undefined;
    end = feed + 1;
  }
  for (;;) {
    // `end` is just after a line feed (or the end of the file when not torn, which then ends with one).
    const lineEnd = end - 1;
    if (lineEnd < 0) return undefined;
    const start = bytes.lastIndexOf(0x0a, lineEnd - 1);
    if (start === -1 && !atStart) return undefined;
    const line = bytes.subarray(start + 1, lineEnd);
    if (line.toString('utf8').trim() !== '') return line;
    if (start === -1) return undefined;
    end = start + 1;
  }
}

/**
 * One pass over the file: how many lines end in it (blank ones too: a line's number is its place in the file), and
 * the `seq` of the last chained line in it.
 */
function scanFile(descriptor: number, size: number): {lines: number; lastSeq?: number} {
  const chunk = Buffer.alloc(1024 * 1024);
  let lines = 0;
  let lastSeq: number | undefined;
  let carry: Buffer = Buffer.alloc(0);
  for (let position = 0; position < size; ) {
    const read = readSync(descriptor, chunk, 0, chunk.length, position);
    if (read === 0) break;
    position += read;
    let from = 0;
    const bytes =
      carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, read)]) : chunk.subarray(0, read);
    for (;;) {
      const feed = bytes.indexOf(0x0a, from);
      if (feed === -1) break;
      const line = bytes.subarray(from, feed);
      lines += 1;
      // Ours start with the chain's first field: only those are parsed.
      if (line.subarray(0, 7).toString() === '{"seq":') {
        const fields = chainFieldsOf(jsonObject(line.toString('utf8')));
        if (fields) lastSeq = fields.seq;
      }
      from = feed + 1;
    }
    // A line longer than we read is not ours: its start is not kept beyond the longest line.
    carry = Buffer.from(bytes.subarray(from).subarray(0, maxLineBytes));
  }
  return {lines, ...(lastSeq === undefined ? {} : {lastSeq})};
}
