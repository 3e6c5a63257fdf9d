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

/** How much of the end of the file is looked at for the last chained line before the whole file is read. */
const tailBytes = 4 * 1024 * 1024;

/**
 * Where the next line joins the chain: after the last line of the chain in the file. Lines that are not part of it
 * — a crash's torn line, junk someone added — are passed over, never linked: `--verify` names them. A last line that
 * lost only its line feed (a crash between the two) is whole: it is linked. A log with no chained line yet (an
 * earlier version's) is continued after its last whole line.
 */
function nextLink(descriptor: number, torn: boolean): Link {
  const size = fstatSync(descriptor).size;
  if (size === 0) return {seq: 1, prev: null, chainedAfter: 0};
  const from = Math.max(0, size - tailBytes);
  const tail = Buffer.alloc(size - from);
  readSync(descriptor, tail, 0, tail.length, from);
  const segments = splitLines(tail, from === 0);
  const partial = torn ? segments.pop() : undefined;
  if (partial) {
    const fields = chainFieldsOf(jsonObject(partial.toString('utf8')));
    if (fields) return {seq: fields.seq + 1, prev: lineHash(partial)};
  }
  for (let at = segments.length - 1; at >= 0; at--) {
    const line = segments[at] as Buffer;
    const fields = line[0] === 0x7b ? chainFieldsOf(jsonObject(line.toString('utf8'))) : undefined;
    if (fields) return {seq: fields.seq + 1, prev: lineHash(line)};
  }
  const scan = scanFile(descriptor, size);
  if (scan.last) return {seq: scan.last.seq + 1, prev: scan.last.hash};
  // No chain yet: it starts after the last whole line, counting every line before it.
  const lines = scan.lines + (torn ? 1 : 0);
  const last = [...segments].reverse().find((line) => line.toString('utf8').trim() !== '');
  return {seq: 1, prev: last ? lineHash(last) : null, chainedAfter: lines};
}

/**
 * The lines of the end of a file (each without its line feed); the first is left out unless `atStart` (it may be
 * the end of a longer line). A last element without a line feed after it is kept: the torn line, if any.
 */
function splitLines(bytes: Buffer, atStart: boolean): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (;;) {
    const feed = bytes.indexOf(0x0a, start);
    if (feed === -1) break;
    lines.push(bytes.subarray(start, feed));
    start = feed + 1;
  }
  lines.push(bytes.subarray(start));
  if (!atStart) lines.shift();
  // The element after the last line feed: empty when the file ends with one.
  if ((lines.at(-1)?.length ?? 0) === 0) lines.pop();
  return lines;
}

/**
 * One pass over the file: how many lines end in it (blank ones too: a line's number is its place in the file), and
 * the `seq` of the last chained line in it.
 */
function scanFile(
  descriptor: number,
  size: number,
): {lines: number; last?: {readonly seq: number; readonly hash: string}} {
  const chunk = Buffer.alloc(1024 * 1024);
  let lines = 0;
  let last: {seq: number; hash: string} | undefined;
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
        if (fields) last = {seq: fields.seq, hash: lineHash(line)};
      }
      from = feed + 1;
    }
    // A line longer than we read is not ours: its start is not kept beyond the longest line.
    carry = Buffer.from(bytes.subarray(from).subarray(0, maxLineBytes));
  }
  return {lines, ...(last ? {last} : {})};
}
