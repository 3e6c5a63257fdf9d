import {constants, fstatSync, readSync, writeSync} from 'node:fs';
import {TenantLock} from './tenant-lock.js';

/**
 * How our append-only files (the audit log, an apply's results file) are opened: appended to, created 0600 when
 * missing, never through a symlink, and never blocking on a FIFO put in their place.
 */
export const appendOnlyFlags =
  constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** How long an append waits for another process's append to end (2 ms at a time): two seconds. */
const lockTries = 1000;
const pause = new Int32Array(new SharedArrayBuffer(4));

/** The append lock is held by a live process for longer than any append takes. */
export class AppendLockHeld extends Error {
  override readonly name = 'AppendLockHeld';
  readonly code = 'EAPPENDLOCK';
}

/**
 * The one way lines are added to our append-only files, by every writer (the single switch's and apply's): under
 * an append lock (a lock file beside the file, `FILE.append-lock`, taken over when its holder is gone), the end of
 * the file is looked at before each write, and a line someone else left without its line feed (a crash, another
 * program, an editor) is closed off first — never glued to the start of ours, which would make both unreadable.
 * Our lines go in one write each. Returns whether a torn line was closed off (its reader counts it as unreadable).
 * The caller flushes to disk (fsync), after the lock is released.
 */
export function appendWhole(
  descriptor: number,
  path: string,
  /** The text, or how to make it from the file as it is under the lock (the audit log's chain: audit-chain.ts). */
  text: string | ((descriptor: number, torn: boolean) => string),
): {closedTornLine: boolean} {
  const lock = takeAppendLock(`${path}.append-lock`);
  try {
    const torn = !endsWithLineFeed(descriptor);
    const own = typeof text === 'string' ? text : text(descriptor, torn);
    const bytes = Buffer.from(torn ? `\n${own}` : own);
    const written = writeSync(descriptor, bytes);
    if (written !== bytes.length) throw Object.assign(new Error('short write'), {code: 'ENOSPC'});
    return {closedTornLine: torn};
  } finally {
    lock.release();
  }
}

function takeAppendLock(path: string): TenantLock {
  let heldBy = 0;
  for (let tries = 0; tries < lockTries; tries++) {
    const lock = TenantLock.takeFile(path);
    if (lock instanceof TenantLock) return lock;
    heldBy = lock.heldBy;
    Atomics.wait(pause, 0, 0, 2);
  }
  throw new AppendLockHeld(`another process (pid ${heldBy}) has been appending to it for 2 s; see ${path}`);
}

function endsWithLineFeed(descriptor: number): boolean {
  const size = fstatSync(descriptor).size;
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  readSync(descriptor, last, 0, 1, size - 1);
  return last[0] === 0x0a;
}
