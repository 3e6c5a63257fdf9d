import {chmodSync, mkdirSync} from 'node:fs';

/** Creates the folder if needed and makes it its owner's only (0700), whatever the umask or its earlier mode. */
export function ensurePrivateFolder(directory: string): void {
  mkdirSync(directory, {recursive: true, mode: 0o700});
  chmodSync(directory, 0o700);
}
