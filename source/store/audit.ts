import {closeSync, type promises as fs, fstatSync, fsyncSync, openSync} from 'node:fs';
import {join} from 'node:path';
import {isDataCenterUrl, isUuid} from '../text/index.js';
import {appendOnlyFlags, appendWhole} from './append-only.js';
import {chainedText, chainFieldsOf, lineHash} from './audit-chain.js';
import {fileProblem} from './file-problem.js';
import {Journal, JournalError} from './journal.js';
import {jsonObject, lineBytesAt, linesOf, openForReading, SkippedLines} from './lines.js';
import {ensurePrivateFolder} from './private-folder.js';
import type {ErrorRecord} from './results-file.js';

/** What became of one switch attempt. */
export type AuditOutcome =
  /** The platform answered 200 with the pricing in production. */
  | 'switched'
  /** The answer was lost, failed or unclear, and the pricing read again shows production. */
  | 'switched-confirmed-by-reread'
  /** The platform refused, and the re-read shows someone else had switched it already. */
  | 'already-production'
  /** The platform refused, or the re-read shows nothing changed. */
  | 'failed'
  /** Neither the answer nor a re-read tells what happened. */
  | 'unknown'
  /** The operator did not confirm; nothing was sent. */
  | 'cancelled-by-operator';

/** Who asked to switch which tenant, from which reading: written and flushed before the PUT is sent. */
export interface AuditAttempt {
  readonly kind: 'attempt';
  /** Shared with the outcome line that follows it. */
  readonly attempt_id: string;
  readonly time: string;
  readonly via: 'wizard' | 'command' | 'apply';
  readonly data_center: string;
  readonly client_id: string;
  /** The remembered account's name (docs/accounts.md), when the switch was sent with one. */
  readonly account?: string;
  readonly tenant_id: string;
  readonly tenant_name: string;
  /** The names of the tenants above it, from the operator's own down (since 0.4). */
  readonly tenant_path?: readonly string[];
  /** Who ran it: the OS user and the host's name (since 0.4). */
  readonly os_user?: string;
  readonly host?: string;
  /** What the switch bills: the sentence the confirmation showed (since 0.4). */
  readonly billing?: string;
  /** A rehearsal: sent to the embedded sandbox or a data center marked as a sandbox; no customer was switched. */
  readonly rehearsal?: true;
  readonly pricing_before: unknown;
  /** The body that is sent. */
  readonly request: unknown;
  /** Sent by `apply`: the SHA-256 of its plan file. */
  readonly plan_sha256?: string;
}

/** What became of an attempt, once known. */
export interface AuditResult {
  readonly kind: 'outcome';
  readonly attempt_id: string;
  readonly time: string;
  readonly tenant_id: string;
  /** HTTP status of the (last) PUT; null when no answer came. */
  readonly status: number | null;
  readonly pricing_after: unknown;
  readonly outcome: Exclude<AuditOutcome, 'cancelled-by-operator'>;
  /** How many PUTs were sent for this attempt (2 only after a 401, which proves the first had no effect). */
  readonly puts: number;
  /** Sent by `apply`: the SHA-256 of its plan file. */
  readonly plan_sha256?: string;
  readonly error?: ErrorRecord;
}

/**
 * A whole attempt in one line: the operator left the confirmation without confirming (nothing sent). Lines of
 * earlier versions, which had no `kind`, are read as whole attempts too, with the outcome they recorded.
 */
export type AuditWhole = Omit<AuditAttempt, 'kind' | 'attempt_id'> & {
  readonly kind: 'cancelled';
  readonly outcome: AuditOutcome;
  readonly status: number | null;
  readonly pricing_after: unknown;
};

export type AuditLine = AuditAttempt | AuditResult | AuditWhole;

/** One attempt as `audit` shows it: the attempt and its outcome joined, or `not-recorded` when none followed. */
export type AuditEntry = Omit<AuditAttempt, 'kind' | 'attempt_id'> & {
  readonly attempt_id?: string;
  /** The attempt's line in the hash chain (docs/audit-log.md): its SHA-256, and its place when it is chained. */
  readonly attempt_line?: ChainedLine;
  readonly outcome_line?: ChainedLine;
  readonly status: number | null;
  readonly pricing_after: unknown;
  readonly outcome: AuditOutcome | 'not-recorded';
  readonly puts?: number;
  readonly error?: AuditResult['error'];
  /** Sent by `apply`: the SHA-256 of its plan file. */
  readonly plan_sha256?: string;
};

/** A line of the log as a receipt quotes it: its SHA-256 and its place in the chain (absent before the chain). */
export interface ChainedLine {
  readonly sha256: string;
  readonly seq?: number;
}

/** The audit log could not be written (or read): the message names the file and the cause. */
export class AuditWriteError extends Error {
  override readonly name = 'AuditWriteError';
  constructor(
    readonly path: string,
    readonly reason: string,
    doing: 'written' | 'read' = 'written',
  ) {
    super(`The audit log ${path} cannot be ${doing} (${reason}).`);
  }
}

/**
 * The attempts of the log, found by one pass over it: where each attempt's line and its outcome's line start, kept
 * in two arrays of numbers (not the lines themselves), so that a log of any size is indexed in little memory. An
 * entry is read again from the file when it is shown.
 */
export interface AuditIndex {
  /** The attempts kept (those `keep` accepted), oldest first. */
  readonly count: number;
  /** Every attempt in the log, kept or not. */
  readonly total: number;
  /** Lines that are no audit line (torn, edited, not JSON, over-long, a field of the wrong type), by number. */
  readonly skipped: SkippedLines;
  /** Attempt `index` (0 is the oldest kept) joined with its outcome; undefined if the file changed meanwhile. */
  entry(index: number): Promise<AuditEntry | undefined>;
  close(): Promise<void>;
}

/** Attempts whose outcome is still awaited while reading; beyond this many the oldest is taken as not recorded. */
const awaitedAtMost = 10_000;

/**
 * An append-only JSON-lines file beside the credentials, 0600 in a private folder. Each line is one write, flushed
 * to disk before `append` returns (the attempt line of a switch is on disk before its PUT is sent); earlier lines
 * are never rewritten. Lines go through the one append-only writer (append-only.ts): a line torn by a crash or by
 * another program is closed off, never glued to ours, and skipped on reading. Never follows a symlink, never writes
 * into a FIFO or a folder. Read as hostile: a line at a time, each field checked before use.
 */
export class AuditLog {
  readonly path: string;

  constructor(readonly directory: string) {
    this.path = join(directory, 'audit.log');
  }

  /**
   * The log as a journal that flushes lines in groups (store/journal.ts), for a run of many switches (apply); each
   * line is still on disk before its `append` resolves.
   */
  async openJournal(): Promise<Journal<AuditLine>> {
    try {
      ensurePrivateFolder(this.directory);
    } catch (error) {
      throw new AuditWriteError(this.path, fileProblem(error));
    }
    try {
      return await Journal.open<AuditLine>(this.path, chainedText);
    } catch (error) {
      throw new AuditWriteError(this.path, error instanceof JournalError ? error.reason : fileProblem(error));
    }
  }

  /** Appends one line and flushes it; throws AuditWriteError when it cannot (nothing half-written is left). */
  append(line: AuditLine): void {
    let descriptor: number | undefined;
    try {
      ensurePrivateFolder(this.directory);
      descriptor = openSync(this.path, appendOnlyFlags, 0o600);
      if (!fstatSync(descriptor).isFile()) throw Object.assign(new Error('not a file'), {code: 'ENOTFILE'});
      appendWhole(descriptor, this.path, (at, torn) => chainedText([line], at, torn));
      fsyncSync(descriptor);
    } catch (error) {
      if (error instanceof AuditWriteError) throw error;
      throw new AuditWriteError(this.path, fileProblem(error));
    } finally {
      if (descriptor !== undefined) closeSync(descriptor);
    }
  }

  /** Every attempt, oldest first, with its outcome, and how many lines were skipped (small logs: tests, a wizard). */
  async read(): Promise<{entries: AuditEntry[]; unreadable: number}> {
    const index = await this.index();
    try {
      const entries: AuditEntry[] = [];
      for (let at = 0; at < index.count; at++) {
        const entry = await index.entry(at);
        if (entry) entries.push(entry);
      }
      return {entries, unreadable: index.skipped.count};
    } finally {
      await index.close();
    }
  }

  /**
   * Indexes the attempts (those `keep` accepts: a day, a plan), each with its outcome line when one follows. Throws
   * AuditWriteError ("cannot be read") when the file cannot be; a missing log has no attempts.
   */
  async index(keep: (attempt: AuditAttemptLike) => boolean = () => true): Promise<AuditIndex> {
    let handle: fs.FileHandle | undefined;
    try {
      handle = await openForReading(this.path);
    } catch (error) {
      if ((error as {code?: string}).code === 'ENOENT') return emptyIndex();
      throw new AuditWriteError(this.path, fileProblem(error), 'read');
    }
    try {
      return await indexOf(handle, keep);
    } catch (error) {
      await handle.close();
      throw new AuditWriteError(this.path, fileProblem(error), 'read');
    }
  }
}

/** An attempt line or a whole (cancelled) line: what `keep` decides on. */
export type AuditAttemptLike = AuditAttempt | AuditWhole;

async function indexOf(
  handle: fs.FileHandle,
  keep: (attempt: AuditAttemptLike) => boolean,
): Promise<AuditIndex> {
  const offsets = new GrowingPairs();
  const skipped = new SkippedLines();
  // Attempt id → its index, while its outcome is awaited; ids of attempts not kept (or given up on), so that their
  // outcome lines are not taken for strays.
  const awaited = new Map<string, number>();
  const notKept = new Set<string>();
  const forget = (id: string) => {
    notKept.add(id);
    if (notKept.size > awaitedAtMost) notKept.delete(notKept.values().next().value as string);
  };
  let total = 0;
  for await (const line of linesOf(handle)) {
    const parsed = checkedLine(jsonObject(line.text));
    if (!parsed) {
      skipped.add(line.number);
    } else if (parsed.kind === 'outcome') {
      const index = awaited.get(parsed.attempt_id);
      if (index !== undefined) {
        offsets.setSecond(index, line.offset);
        awaited.delete(parsed.attempt_id);
      } else if (!notKept.has(parsed.attempt_id)) {
        // An outcome without its attempt: not an entry anyone can show.
        skipped.add(line.number);
      }
    } else {
      total += 1;
      if (!keep(parsed)) {
        if (parsed.kind === 'attempt') forget(parsed.attempt_id);
        continue;
      }
      const index = offsets.push(line.offset);
      if (parsed.kind === 'attempt') {
        awaited.set(parsed.attempt_id, index);
        if (awaited.size > awaitedAtMost) {
          const [oldest] = awaited.keys();
          awaited.delete(oldest as string);
          forget(oldest as string);
        }
      }
    }
  }
  return {
    count: offsets.length,
    total,
    skipped,
    async entry(index) {
      const first = await readLine(handle, offsets.first(index));
      const attempt = first?.line;
      if (!first || !attempt || attempt.kind === 'outcome') return undefined;
      if (attempt.kind === 'cancelled') {
        const {kind: _, ...cancelled} = attempt;
        return {...cancelled, attempt_line: first.chained};
      }
      const {kind: _, ...shown} = attempt;
      const waiting: AuditEntry = {
        ...shown,
        attempt_line: first.chained,
        status: null,
        pricing_after: null,
        outcome: 'not-recorded',
      };
      const second = offsets.second(index);
      if (second < 0) return waiting;
      const read = await readLine(handle, second);
      const result = read?.line;
      if (!read || result?.kind !== 'outcome' || result.attempt_id !== attempt.attempt_id) return waiting;
      return {
        ...shown,
        attempt_line: first.chained,
        outcome_line: read.chained,
        status: result.status,
        pricing_after: result.pricing_after,
        outcome: result.outcome,
        puts: result.puts,
        ...(result.plan_sha256 === undefined ? {} : {plan_sha256: result.plan_sha256}),
        ...(result.error === undefined ? {} : {error: result.error}),
      };
    },
    close: () => handle.close(),
  };
}

/** The line at `offset`, checked, with its place in the chain. */
async function readLine(
  handle: fs.FileHandle,
  offset: number,
): Promise<{line: AuditLine | undefined; chained: ChainedLine} | undefined> {
  const bytes = await lineBytesAt(handle, offset);
  if (!bytes) return undefined;
  const object = jsonObject(bytes.toString('utf8'));
  const seq = chainFieldsOf(object)?.seq;
  return {line: checkedLine(object), chained: {sha256: lineHash(bytes), ...(seq === undefined ? {} : {seq})}};
}

function emptyIndex(): AuditIndex {
  return {
    count: 0,
    total: 0,
    skipped: new SkippedLines(),
    entry: async () => undefined,
    close: async () => {},
  };
}

/** Two numbers an entry (where its attempt and its outcome start), in arrays that double as they fill. */
class GrowingPairs {
  #firsts = new Float64Array(1024);
  #seconds = new Float64Array(1024).fill(-1);
  length = 0;

  push(first: number): number {
    if (this.length === this.#firsts.length) {
      const firsts = new Float64Array(this.length * 2);
      firsts.set(this.#firsts);
      const seconds = new Float64Array(this.length * 2).fill(-1);
      seconds.set(this.#seconds);
      this.#firsts = firsts;
      this.#seconds = seconds;
    }
    this.#firsts[this.length] = first;
    return this.length++;
  }

  setSecond(index: number, second: number): void {
    this.#seconds[index] = second;
  }

  first(index: number): number {
    return this.#firsts[index] ?? 0;
  }

  second(index: number): number {
    return this.#seconds[index] ?? -1;
  }
}

const vias = new Set(['wizard', 'command', 'apply']);
const outcomes = new Set([
  'switched',
  'switched-confirmed-by-reread',
  'already-production',
  'failed',
  'unknown',
  'cancelled-by-operator',
]);
const isText = (value: unknown): value is string => typeof value === 'string';
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const objectOrNull = (value: unknown) => (isObject(value) ? value : null);
/** A time as we write it (ISO 8601 in UTC), that a Date can read. */
const isTime = (value: unknown): value is string =>
  isText(value) && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
const optionalText = (value: unknown) => value === undefined || isText(value);
const statusOrNull = (value: unknown) => value === null || value === undefined || Number.isSafeInteger(value);

/**
 * One line of the log with every field we use checked (a time that starts with a day, a known `via` and outcome, a
 * data center that is a URL, texts that are texts), or undefined when it is not one we can show. Only the fields
 * of its kind are kept: an outcome line cannot change the attempt's data center or `via` when they are joined.
 */
function checkedLine(line: Record<string, unknown> | undefined): AuditLine | undefined {
  if (!line) return undefined;
  if (line.kind === 'outcome') {
    const usable =
      isText(line.attempt_id) &&
      isText(line.outcome) &&
      outcomes.has(line.outcome) &&
      line.outcome !== 'cancelled-by-operator' &&
      statusOrNull(line.status) &&
      (line.puts === undefined || Number.isSafeInteger(line.puts)) &&
      optionalText(line.plan_sha256);
    if (!usable) return undefined;
    const error = line.error;
    const errorShown =
      typeof error === 'object' && error !== null && isText((error as {message?: unknown}).message)
        ? (error as AuditResult['error'])
        : undefined;
    return {
      kind: 'outcome',
      attempt_id: line.attempt_id as string,
      time: isText(line.time) ? line.time : '',
      tenant_id: isText(line.tenant_id) ? line.tenant_id : '',
      status: (line.status ?? null) as number | null,
      pricing_after: objectOrNull(line.pricing_after),
      outcome: line.outcome as AuditResult['outcome'],
      puts: (line.puts ?? 1) as number,
      ...(line.plan_sha256 === undefined ? {} : {plan_sha256: line.plan_sha256 as string}),
      ...(errorShown ? {error: errorShown} : {}),
    };
  }
  const shown =
    isText(line.tenant_id) &&
    isUuid(line.tenant_id) &&
    isText(line.tenant_name) &&
    isTime(line.time) &&
    isObject(line.pricing_before) &&
    isText(line.via) &&
    vias.has(line.via) &&
    isText(line.client_id) &&
    isText(line.data_center) &&
    isDataCenterUrl(line.data_center) &&
    optionalText(line.account) &&
    optionalText(line.plan_sha256) &&
    optionalText(line.os_user) &&
    optionalText(line.host) &&
    optionalText(line.billing) &&
    (line.tenant_path === undefined || (Array.isArray(line.tenant_path) && line.tenant_path.every(isText))) &&
    (line.rehearsal === undefined || line.rehearsal === true);
  if (!shown) return undefined;
  const common = {
    time: line.time as string,
    via: line.via as AuditAttempt['via'],
    data_center: line.data_center as string,
    client_id: line.client_id as string,
    ...(line.account === undefined ? {} : {account: line.account as string}),
    tenant_id: line.tenant_id as string,
    tenant_name: line.tenant_name as string,
    ...(line.tenant_path === undefined ? {} : {tenant_path: line.tenant_path as string[]}),
    ...(line.os_user === undefined ? {} : {os_user: line.os_user as string}),
    ...(line.host === undefined ? {} : {host: line.host as string}),
    ...(line.billing === undefined ? {} : {billing: line.billing as string}),
    ...(line.rehearsal === true ? {rehearsal: true as const} : {}),
    pricing_before: line.pricing_before,
    request: objectOrNull(line.request),
    ...(line.plan_sha256 === undefined ? {} : {plan_sha256: line.plan_sha256 as string}),
  };
  if (line.kind === 'attempt') {
    return isText(line.attempt_id) ? {kind: 'attempt', attempt_id: line.attempt_id, ...common} : undefined;
  }
  // Lines of earlier versions had no `kind`: a whole attempt with the outcome it recorded.
  const whole =
    (line.kind === 'cancelled' || line.kind === undefined) &&
    isText(line.outcome) &&
    outcomes.has(line.outcome) &&
    statusOrNull(line.status);
  if (!whole) return undefined;
  return {
    kind: 'cancelled',
    ...common,
    outcome: line.outcome as AuditOutcome,
    status: (line.status ?? null) as number | null,
    pricing_after: objectOrNull(line.pricing_after),
  };
}
