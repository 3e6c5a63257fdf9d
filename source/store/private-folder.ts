import {chmodSync, mkdirSync, statSync} from 'node:fs';
import {modeText, otherOwner} from './ownership.js';

/** The config folder cannot be used: the message says why (as ssh refuses a key in a folder others can write). */
export class UnsafeFolderError extends Error {
  override readonly name = 'UnsafeFolderError';
  readonly code = 'EUNSAFEFOLDER';
}

/**
 * Creates the folder (0700) when it does not exist. One that exists is used as it is, never re-moded (it may be a
 * shared folder someone pointed TENANT_MODE_CONFIG_DIR at), and refused when another user owns it or when group
 * or others may write into it: whoever can write there can swap the credentials or the audit log.
 */
export function ensurePrivateFolder(directory: string): void {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(directory);
  } catch (error) {
    if ((error as {code?: string}).code !== 'ENOENT') throw error;
    mkdirSync(directory, {recursive: true, mode: 0o700});
    // mkdir's mode is cut by the umask; ours is exactly 0700.
    chmodSync(directory, 0o700);
    return;
  }
  if (!stat.isDirectory()) throw Object.assign(new Error(`${directory} is not a folder`), {code: 'ENOTDIR'});
  const owner = otherOwner(stat);
  if (owner !== undefined) {
    throw new UnsafeFolderError(`the folder ${directory} belongs to another user (uid ${owner})`);
  }
  if ((Number(stat.mode) & 0o022) !== 0) {
    throw new UnsafeFolderError(
      `the folder ${directory} can be written by others (mode ${modeText(stat)}); use a folder of your own (TENANT_MODE_CONFIG_DIR)`,
    );
  }
}
