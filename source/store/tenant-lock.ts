import {
  closeSync,
  constants,
  fstatSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import {join} from 'node:path';
import {ensurePrivateFolder} from './private-folder.js';

/**
 * One switch of a tenant at a time from this user account (and one apply of a plan): a lock file holding the pid of
 * its holder, taken over when that process is gone (a crash left it behind). Across users and machines the
 * platform's version check is the guard (a second PUT with the same version answers 409).
 *
 * The lock file appears whole or not at all (written beside it, then hard-linked into place), and a stale one is
 * taken over under a second, directory lock: two processes that both find a dead holder never both remove it and
 * both believe they hold the new one.
 */
export class TenantLock {
  private constructor(readonly path: string) {}

  /** Takes the lock, or says which process holds it. */
  static take(directory: string, tenantId: string): TenantLock | {readonly heldBy: number} {
    ensurePrivateFolder(directory);
    return TenantLock.takeFile(join(directory, `switch-${tenantId}.lock`));
  }

  /** The same lock on any path (apply: one run of a plan at a time). Throws on a file-system error. */
  static takeFile(path: string): TenantLock | {readonly heldBy: number} {
    for (let tries = 0; tries < 5; tries++) {
      if (create(path)) return new TenantLock(path);
      const holder = holderOf(path);
      if (holder === 'gone') continue;
      if (holder !== 'unreadable' && isAlive(holder)) return {heldBy: holder};
      const takenOver = takeOver(path, holder);
      if (takenOver === 'taken') return new TenantLock(path);
      if (takenOver === 'busy') return {heldBy: holder === 'unreadable' ? 0 : holder};
    }
    return {heldBy: 0};
  }

  release(): void {
    try {
      unlinkSync(this.path);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

/** Creates the lock with our pid in it, whole; false when a lock is already there. */
function create(path: string): boolean {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    const descriptor = openSync(
      temporary,
      constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW,
      0o600,
    );
    try {
      writeSync(descriptor, `${process.pid}\n`);
    } finally {
      closeSync(descriptor);
    }
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as {code?: string}).code === 'EEXIST') return false;
    throw error;
  } finally {
    // Never left behind, whatever failed (a full disk while writing it, say).
    try {
      unlinkSync(temporary);
    } catch {
      // Not created.
    }
  }
}

function holderOf(path: string): number | 'gone' | 'unreadable' {
  let descriptor: number;
  try {
    // Non-blocking and never through a symbolic link: a FIFO put in the lock's place must not hang us for good.
    descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    if ((error as {code?: string}).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    if (!fstatSync(descriptor).isFile())
      throw Object.assign(new Error('not a regular file'), {code: 'ENOTFILE'});
    const pid = Number.parseInt(readFileSync(descriptor, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : 'unreadable';
  } finally {
    closeSync(descriptor);
  }
}

/** A takeover that crashed in the middle is itself stale after this long. */
const staleTakeoverMs = 10_000;

/** Replaces a stale lock under the takeover lock: `taken`, `busy` (someone else is at it), or `retry`. */
function takeOver(path: string, stale: number | 'unreadable'): 'taken' | 'busy' | 'retry' {
  const mutex = `${path}.takeover`;
  try {
    mkdirSync(mutex, {mode: 0o700});
  } catch (error) {
    if ((error as {code?: string}).code !== 'EEXIST') throw error;
    // Only its age says whether it was left by a crash, measured on the file system's own clock.
    let age: number;
    try {
      age = fileSystemNow(path) - statSync(mutex).mtimeMs;
    } catch (statError) {
      // Released meanwhile: look again.
      if ((statError as {code?: string}).code === 'ENOENT') return 'retry';
      throw statError;
    }
    if (age <= staleTakeoverMs) return 'busy';
    try {
      rmdirSync(mutex);
    } catch {
      // Another process removed it first.
    }
    return 'retry';
  }
  try {
    // Still the same dead holder? Then it is ours to remove; anything else: look again.
    if (holderOf(path) !== stale) return 'retry';
    unlinkSync(path);
    return create(path) ? 'taken' : 'retry';
  } finally {
    rmdirSync(mutex);
  }
}

/** The file system's time now: the modification time of a file just written beside `path`. */
function fileSystemNow(path: string): number {
  const probe = `${path}.${process.pid}.now`;
  closeSync(
    openSync(probe, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o600),
  );
  try {
    return statSync(probe).mtimeMs;
  } finally {
    unlinkSync(probe);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user's process.
    return (error as {code?: string}).code === 'EPERM';
  }
}
