import {
  closeSync,
  existsSync,
  fchmodSync,
  fstatSync,
  fsyncSync,
  openSync,
  readFileSync,
  readSync,
  writeSync,
} from 'node:fs';
import {join} from 'node:path';
import {ensurePrivateFolder} from './private-folder.js';

/** What became of one switch attempt. */
export type AuditOutcome =
  /** The platform answered 200. */
  | 'switched'
  /** The answer was lost or failed, and the pricing read again shows production. */
  | 'switched-confirmed-by-reread'
  /** Refused, and the re-read shows someone else had switched it already. */
  | 'already-production'
  /** The platform refused, or the re-read shows nothing changed. */
  | 'failed'
  /** Neither the answer nor a re-read tells what happened. */
  | 'unknown'
  /** The operator did not confirm; nothing was sent. */
  | 'cancelled-by-operator';

/** One line of the audit log. No secrets and no tokens, ever. */
export interface AuditEntry {
  readonly time: string;
  readonly via: 'wizard' | 'command';
  readonly data_center: string;
  readonly client_id: string;
  readonly tenant_id: string;
  readonly tenant_name: string;
  readonly pricing_before: unknown;
  /** The body that was (or would have been) sent. */
  readonly request: unknown;
  /** HTTP status of the PUT; null when none was sent or no answer came. */
  readonly status: number | null;
  readonly pricing_after: unknown;
  readonly outcome: AuditOutcome;
  readonly error?: {
    readonly kind: string;
    readonly status?: number;
    readonly code?: string | number;
    readonly message: string;
  };
}

/**
 * An append-only JSON-lines file beside the credentials, 0600 in a 0700 folder. Each entry is one write of one
 * line, flushed to disk; earlier lines are never rewritten. A line torn by a crash is left as it is and skipped
 * on reading; the next entry starts on a new line so that it is not glued to the torn one.
 */
export class AuditLog {
  readonly path: string;

  constructor(readonly directory: string) {
    this.path = join(directory, 'audit.log');
  }

  append(entry: AuditEntry): void {
    ensurePrivateFolder(this.directory);
    const descriptor = openSync(this.path, 'a+', 0o600);
    try {
      fchmodSync(descriptor, 0o600);
      const line = `${JSON.stringify(entry)}\n`;
      writeSync(descriptor, endsWithNewline(descriptor) ? line : `\n${line}`);
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
  }

  /** Entries oldest first, and how many lines could not be read (torn by a crash, edited by hand). */
  read(): {entries: AuditEntry[]; unreadable: number} {
    if (!existsSync(this.path)) return {entries: [], unreadable: 0};
    const entries: AuditEntry[] = [];
    let unreadable = 0;
    for (const line of readFileSync(this.path, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      try {
        entries.push(JSON.parse(line) as AuditEntry);
      } catch {
        unreadable += 1;
      }
    }
    return {entries, unreadable};
  }
}

function endsWithNewline(descriptor: number): boolean {
  const size = fstatSync(descriptor).size;
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  readSync(descriptor, last, 0, 1, size - 1);
  return last[0] === 0x0a;
}
