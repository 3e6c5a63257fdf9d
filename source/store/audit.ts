import {closeSync, fstatSync, fsyncSync, openSync, readFileSync, readSync, writeSync} from 'node:fs';
import {join} from 'node:path';
import {jsonText} from '../platform/index.js';
import {appendOnlyFlags} from './append-only.js';
import {fileProblem} from './file-problem.js';
import {Journal, JournalError} from './journal.js';
import {ensurePrivateFolder} from './private-folder.js';

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
  readonly tenant_id: string;
  readonly tenant_name: string;
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
  readonly error?: {
    readonly kind: string;
    readonly status?: number;
    readonly code?: string | number;
    readonly message: string;
  };
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
  readonly status: number | null;
  readonly pricing_after: unknown;
  readonly outcome: AuditOutcome | 'not-recorded';
  readonly puts?: number;
  readonly error?: AuditResult['error'];
  /** Sent by `apply`: the SHA-256 of its plan file. */
  readonly plan_sha256?: string;
};

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
 * An append-only JSON-lines file beside the credentials, 0600 in a private folder. Each line is one write, flushed
 * to disk before `append` returns (the attempt line of a switch is on disk before its PUT is sent); earlier lines
 * are never rewritten. A line torn by a crash is left as it is and skipped on reading; the next line starts on a
 * new line so that it is not glued to the torn one. Never follows a symlink, never writes into a FIFO or a folder.
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
  async openJournal(): Promise<Journal> {
    try {
      ensurePrivateFolder(this.directory);
    } catch (error) {
      throw new AuditWriteError(this.path, fileProblem(error));
    }
    try {
      return await Journal.open(this.path);
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
      const text = `${jsonText(line)}\n`;
      writeSync(descriptor, endsWithNewline(descriptor) ? text : `\n${text}`);
      fsyncSync(descriptor);
    } catch (error) {
      if (error instanceof AuditWriteError) throw error;
      throw new AuditWriteError(this.path, fileProblem(error));
    } finally {
      if (descriptor !== undefined) closeSync(descriptor);
    }
  }

  /**
   * Attempts oldest first, each joined with its outcome line, and how many lines could not be used (torn by a
   * crash, edited by hand, or not an audit line at all).
   */
  read(): {entries: AuditEntry[]; unreadable: number} {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as {code?: string}).code === 'ENOENT') return {entries: [], unreadable: 0};
      throw new AuditWriteError(this.path, fileProblem(error), 'read');
    }
    const entries: AuditEntry[] = [];
    const attempts = new Map<string, number>();
    let unreadable = 0;
    for (const raw of text.split('\n')) {
      if (raw.trim() === '') continue;
      const line = parse(raw);
      if (!line) {
        unreadable += 1;
      } else if (line.kind === 'outcome') {
        const index = attempts.get(line.attempt_id);
        const attempt = index === undefined ? undefined : entries[index];
        if (index === undefined || !attempt) unreadable += 1;
        else {
          const {kind: _, time: __, tenant_id: ___, ...result} = line;
          entries[index] = {...attempt, ...result};
        }
      } else if (line.kind === 'attempt') {
        const {kind: _, ...attempt} = line;
        attempts.set(line.attempt_id, entries.length);
        entries.push({...attempt, status: null, pricing_after: null, outcome: 'not-recorded'});
      } else {
        const {kind: _, ...cancelled} = line;
        entries.push(cancelled);
      }
    }
    return {entries, unreadable};
  }
}

/** One line of the log, or undefined when it is not one we can show (null, torn, a data center that is no URL). */
function parse(raw: string): AuditLine | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const line = value as Record<string, unknown>;
  if (line.kind === 'outcome') {
    const usable = typeof line.attempt_id === 'string' && typeof line.outcome === 'string';
    return usable ? (line as unknown as AuditResult) : undefined;
  }
  const shown =
    typeof line.tenant_id === 'string' &&
    typeof line.tenant_name === 'string' &&
    typeof line.time === 'string' &&
    URL.canParse(String(line.data_center));
  if (!shown) return undefined;
  if (line.kind === 'attempt') {
    return typeof line.attempt_id === 'string' ? (line as unknown as AuditAttempt) : undefined;
  }
  const whole = (line.kind === 'cancelled' || line.kind === undefined) && typeof line.outcome === 'string';
  return whole ? ({...line, kind: 'cancelled'} as unknown as AuditWhole) : undefined;
}

function endsWithNewline(descriptor: number): boolean {
  const size = fstatSync(descriptor).size;
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  readSync(descriptor, last, 0, 1, size - 1);
  return last[0] === 0x0a;
}
