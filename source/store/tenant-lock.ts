import {closeSync, constants, openSync, readFileSync, unlinkSync, writeSync} from 'node:fs';
import {join} from 'node:path';
import {ensurePrivateFolder} from './private-folder.js';

/**
 * One switch of a tenant at a time from this user account: a lock file beside the audit log, created exclusively,
 * holding the pid of its holder, and taken over when that process is gone (a crash left it behind). Across users
 * and machines the platform's version check is the guard (a second PUT with the same version answers 409).
 */
export class TenantLock {
  private constructor(readonly path: string) {}

  /** Takes the lock, or says which process holds it. */
  static take(directory: string, tenantId: string): TenantLock | {readonly heldBy: number} {
    ensurePrivateFolder(directory);
    return TenantLock.takeFile(join(directory, `switch-${tenantId}.lock`));
  }

  /** The same lock on any path (apply: one run of a plan at a time, beside its results file). */
  static takeFile(path: string): TenantLock | {readonly heldBy: number} {
    for (let tries = 0; tries < 2; tries++) {
      try {
        const descriptor = openSync(
          path,
          constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
          0o600,
        );
        writeSync(descriptor, `${process.pid}\n`);
        closeSync(descriptor);
        return new TenantLock(path);
      } catch (error) {
        if ((error as {code?: string}).code !== 'EEXIST') throw error;
        const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
        if (Number.isSafeInteger(holder) && holder > 0 && isAlive(holder)) return {heldBy: holder};
        unlinkSync(path);
      }
    }
    return {heldBy: Number.parseInt(readFileSync(path, 'utf8'), 10)};
  }

  release(): void {
    try {
      unlinkSync(this.path);
    } catch {
      // Already gone: nothing to release.
    }
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
