import type {promises as fs} from 'node:fs';
import {type ChainFields, chainFieldsOf} from './audit-chain.js';
import {fileProblem} from './file-problem.js';
import {type FileLine, jsonObject, linesOf, openForReading} from './lines.js';

// Reading the audit log's hash chain back (audit-chain.ts writes it; docs/audit-log.md). One pass, a line at a
// time: memory stays flat whatever the log's size; only where the chain breaks are the next lines (at most
// `lookahead`) kept, to tell an edited line from a removed, reordered or inserted one.

/** What broke the chain, in the words `audit --verify` uses. */
export type ChainProblem = 'edited' | 'removed' | 'reordered' | 'inserted' | 'broken';

/** A line of the log as the check knows it: where it is, what it hashes to, and its chain fields. */
export interface CheckedLine {
  readonly number: number;
  readonly hash?: string;
  readonly json: boolean;
  readonly fields?: ChainFields;
  /** The `time` it records, when it has one. */
  readonly time?: string;
  /** Its first characters: a torn line of ours starts as every line of ours does, `{"seq":N,`. */
  readonly head: string;
}

export interface ChainReport {
  /** Non-blank lines read. */
  readonly lines: number;
  /** Lines before the chain began (written by an earlier version). */
  readonly unchained: number;
  /** Lines in the chain, up to where it broke. */
  readonly chained: number;
  /** Lines torn by a crash mid-write (closed off and not linked): not tampering. */
  readonly torn: readonly number[];
  readonly first?: CheckedLine;
  /** The last line of the chain checked (the last line of the log when it is intact). */
  readonly last?: CheckedLine;
  /** Where the chain breaks: the first line found edited, removed, reordered or inserted. */
  readonly broken?: {readonly line: number; readonly problem: ChainProblem; readonly detail: string};
  /** Of the hashes asked for (a receipt's), those found in the log, with the line each is on. */
  readonly found: ReadonlyMap<string, number>;
}

/** Lines kept after a break to say what broke it: a swap or a removal shows within a few lines. */
const lookahead = 1000;

/** The log cannot be read (not the same as a broken chain). */
export class ChainReadError extends Error {
  override readonly name = 'ChainReadError';
}

/** Checks the chain of the log at `path`; `wanted`: hashes to look for (a receipt's). A missing log is empty. */
export async function verifyChain(
  path: string,
  wanted: ReadonlySet<string> = new Set(),
  signal?: AbortSignal,
): Promise<ChainReport> {
  let handle: fs.FileHandle;
  try {
    handle = await openForReading(path);
  } catch (error) {
    if ((error as {code?: string}).code === 'ENOENT')
      return {lines: 0, unchained: 0, chained: 0, torn: [], found: new Map()};
    throw new ChainReadError(`The audit log ${path} cannot be read (${fileProblem(error)}).`);
  }
  try {
    return await check(linesOf(handle, {hash: true}), wanted, signal);
  } catch (error) {
    if (error instanceof ChainReadError) throw error;
    throw new ChainReadError(`The audit log ${path} cannot be read (${fileProblem(error)}).`);
  } finally {
    await handle.close();
  }
}

function checked(line: FileLine): CheckedLine {
  const object = jsonObject(line.text);
  const fields = chainFieldsOf(object);
  const time = typeof object?.time === 'string' ? object.time : undefined;
  return {
    number: line.number,
    ...(line.hash === undefined ? {} : {hash: line.hash}),
    json: object !== undefined,
    ...(fields ? {fields} : {}),
    ...(time === undefined ? {} : {time}),
    head: (line.text ?? '').slice(0, 24),
  };
}

/**
 * Whether a line is what a crash leaves of a line of ours at `seq`: not JSON, and the start of `{"seq":<seq>,` (all
 * of it, or as much as was written). Anything else that is not in the chain was put there: inserted.
 */
function isTear(line: CheckedLine, seq: number): boolean {
  if (line.json || line.head === '') return false;
  const start = `{"seq":${seq},`;
  return line.head.length >= start.length ? line.head.startsWith(start) : start.startsWith(line.head);
}

async function check(
  source: AsyncGenerator<FileLine>,
  wanted: ReadonlySet<string>,
  signal: AbortSignal | undefined,
): Promise<ChainReport> {
  const found = new Map<string, number>();
  const torn: number[] = [];
  let lines = 0;
  let unchained = 0;
  let chained = 0;
  let first: CheckedLine | undefined;
  // The last line linked (the one the next line's `prev` must name) and the one before it.
  let last: CheckedLine | undefined;
  let beforeLast: CheckedLine | undefined;
  // Lines before the chain: the last two, since the first chained line links the last whole one.
  let previous: CheckedLine | undefined;
  let beforePrevious: CheckedLine | undefined;
  const pending: CheckedLine[] = [];
  const iterator = source[Symbol.asyncIterator]();
  const next = async (): Promise<CheckedLine | undefined> => {
    if (pending.length > 0) return pending.shift();
    const result = await iterator.next();
    if (result.done) return undefined;
    lines += 1;
    return checked(result.value);
  };
  const ahead = async (count: number): Promise<CheckedLine[]> => {
    while (pending.length < count) {
      const result = await iterator.next();
      if (result.done) break;
      lines += 1;
      pending.push(checked(result.value));
    }
    return pending.slice(0, count);
  };
  const report = (broken?: ChainReport['broken']): ChainReport => ({
    lines,
    unchained,
    chained,
    torn,
    ...(first ? {first} : {}),
    ...(last ? {last} : {}),
    ...(broken ? {broken} : {}),
    found,
  });

  const walk = async (): Promise<ChainReport> => {
    for (let line = await next(); line; line = await next()) {
      if (signal?.aborted) throw signal.reason;
      if (line.hash && wanted.has(line.hash)) found.set(line.hash, line.number);
      if (!last) {
        // Before the chain: lines of an earlier version, until the first chained one.
        if (!line.fields) {
          unchained += 1;
          beforePrevious = previous;
          previous = line;
          continue;
        }
        const {seq, prev, chained_after: after} = line.fields;
        if (seq !== 1) {
          return report({
            line: line.number,
            problem: 'removed',
            detail: `the chain starts at line ${n(line.number)} with its line ${seq}: ${plural(seq - 1, 'line')} before it ${seq - 1 === 1 ? 'was' : 'were'} removed`,
          });
        }
        if (after !== line.number - 1) {
          return report({
            line: line.number,
            problem: after === undefined || after > line.number - 1 ? 'removed' : 'inserted',
            detail: `line ${n(line.number)} starts the chain and records ${plural(after ?? 0, 'line')} before it; the file has ${line.number - 1}: lines before the chain were ${after === undefined || after > line.number - 1 ? 'removed' : 'added'}`,
          });
        }
        const links =
          prev === (previous?.hash ?? null) ||
          (previous && !previous.json && prev === (beforePrevious?.hash ?? null));
        if (!links) {
          return report({
            line: line.number,
            problem: 'edited',
            detail: `line ${previous?.number ?? 1} is not the line that came before the chain when line ${n(line.number)} was written: it was edited`,
          });
        }
        if (previous && !previous.json && prev !== previous.hash) {
          torn.push(previous.number);
          unchained -= 1;
        }
        first = line;
        last = line;
        chained = 1;
        continue;
      }
      const expected = (last.fields?.seq ?? 0) + 1;
      const fields = line.fields;
      if (fields && fields.seq === expected && fields.prev === last.hash) {
        beforeLast = last;
        last = line;
        chained += 1;
        continue;
      }
      const window = await ahead(lookahead);
      const after = window[0];
      const afterLinksPast = after?.fields?.seq === expected && after.fields.prev === last.hash;
      if (!fields) {
        // A crash mid-write (or several: a disk that stayed full): the next line that is no tear links the last
        // whole line, past this one — or nothing came after.
        const nextWhole = window.find((later) => !isTear(later, expected));
        const linksPast =
          !nextWhole || (nextWhole.fields?.seq === expected && nextWhole.fields.prev === last.hash);
        if (isTear(line, expected) && linksPast) {
          torn.push(line.number);
          continue;
        }
        if (afterLinksPast) {
          return report({
            line: line.number,
            problem: 'inserted',
            detail: `line ${n(line.number)} is not part of the chain: it was inserted`,
          });
        }
        if (after?.fields?.seq === expected + 1 && after.fields.prev !== line.hash) {
          return report({
            line: line.number,
            problem: 'edited',
            detail: `line ${n(line.number)} is not what line ${n(after.number)} recorded of it: it was edited`,
          });
        }
        if (after?.fields?.prev === line.hash) {
          return report({
            line: line.number,
            problem: 'inserted',
            detail: `line ${n(line.number)} was not written by tenant-mode: it was added to the file`,
          });
        }
        return report({
          line: line.number,
          problem: 'broken',
          detail: `the chain breaks at line ${n(line.number)}`,
        });
      }
      // A line from further on, here: moved (swapped) if it is not found again where it belongs, else a copy.
      const movedHere =
        fields.seq > expected &&
        window.some((later) => later.fields?.seq === expected) &&
        !window.some((later) => later.fields?.seq === fields.seq);
      if (movedHere) {
        const missing = window.find((later) => later.fields?.seq === expected) as CheckedLine;
        return report({
          line: line.number,
          problem: 'reordered',
          detail: `line ${n(line.number)} is out of order: line ${n(missing.number)} was written before it`,
        });
      }
      if (afterLinksPast) {
        return report({
          line: line.number,
          problem: 'inserted',
          detail: `line ${n(line.number)} was inserted: line ${n(after.number)} follows line ${n(last.number)} directly`,
        });
      }
      if (fields.seq === expected) {
        // The line before this one is not what was linked: the chain checks out up to the one before it.
        const edited = last;
        last = beforeLast;
        return report({
          line: edited.number,
          problem: 'edited',
          detail: `line ${n(edited.number)} is not what line ${n(line.number)} recorded of it: it was edited`,
        });
      }
      if (fields.seq > expected) {
        if (fields.prev === last.hash && after?.fields?.seq === expected + 1) {
          return report({
            line: line.number,
            problem: 'edited',
            detail: `line ${n(line.number)} is not what line ${n(after.number)} recorded of it: it was edited`,
          });
        }
        const count = fields.seq - expected;
        return report({
          line: line.number,
          problem: 'removed',
          detail: `${plural(count, 'line')} ${count === 1 ? 'was' : 'were'} removed between lines ${n(last.number)} and ${n(line.number)}`,
        });
      }
      if (fields.seq === expected - 1 && fields.prev === beforeLast?.hash) {
        const inserted = last;
        last = beforeLast;
        return report({
          line: inserted.number,
          problem: 'inserted',
          detail: `line ${n(inserted.number)} was inserted: line ${n(line.number)} follows line ${n(beforeLast.number)} directly`,
        });
      }
      return report({
        line: line.number,
        problem: 'reordered',
        detail: `line ${n(line.number)} is out of order: it was written before line ${n(last.number)}`,
      });
    }
    return report();
  };
  const result = await walk();
  // After a break the chain is not checked further, but a receipt's lines are still looked for: found after the
  // break, they are "not vouched for", not "missing".
  if (result.broken && found.size < wanted.size) {
    for (let line = await next(); line; line = await next()) {
      if (signal?.aborted) throw signal.reason;
      if (line.hash && wanted.has(line.hash) && !found.has(line.hash)) found.set(line.hash, line.number);
    }
  }
  return result;
}

/** A line number as people read it: 99,900. */
const n = (value: number | undefined) => (value ?? 0).toLocaleString('en');

function plural(count: number, word: string): string {
  return `${count.toLocaleString('en')} ${word}${count === 1 ? '' : 's'}`;
}
