import {closeSync, fstatSync, openSync, readSync} from 'node:fs';

/** The secret file cannot be used; the message names the file and why, never its content. */
export class SecretFileError extends Error {
  override readonly name = 'SecretFileError';
}

/** More than any client secret; a bigger file is not a secret file (someone pointed at the wrong one). */
const largest = 4096;

/**
 * Reads the API client secret from a file, for unattended runs (cron) where no terminal can ask for it and the
 * environment is visible to the whole process tree. As ssh does with a key, the file is refused unless it is its
 * owner's alone (no group or other permission bits; POSIX only, Windows has no such modes). A pipe is taken as well
 * (`--client-secret-file <(pass show …)` gives one), under the same rule. One line: a trailing newline, as an
 * editor or `echo` leaves, is not part of the secret.
 */
export function readSecretFile(path: string): string {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch (error) {
    const code = (error as {code?: string}).code;
    const why =
      code === 'ENOENT'
        ? 'there is no such file'
        : code === 'EACCES'
          ? 'you may not read it'
          : (code ?? 'unknown');
    throw new SecretFileError(`Cannot read the client secret file ${path}: ${why}.`);
  }
  try {
    const stat = fstatSync(descriptor);
    if (!stat.isFile() && !stat.isFIFO()) {
      throw new SecretFileError(`The client secret file ${path} is not a file.`);
    }
    if (process.platform !== 'win32') {
      const uid = process.getuid?.();
      if (uid !== undefined && stat.uid !== uid) {
        throw new SecretFileError(
          `The client secret file ${path} belongs to another user (uid ${stat.uid}); use a file of your own.`,
        );
      }
      if ((stat.mode & 0o077) !== 0) {
        const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
        throw new SecretFileError(
          `The client secret file ${path} can be read or written by others (mode ${mode}); make it yours alone: chmod 600 ${path}`,
        );
      }
    }
    const text = readAtMost(descriptor, largest + 1);
    if (text.length > largest) {
      throw new SecretFileError(
        `The client secret file ${path} is over ${largest} bytes: it is not a secret file.`,
      );
    }
    const secret = text.replace(/\r?\n$/, '');
    if (secret === '') throw new SecretFileError(`The client secret file ${path} is empty.`);
    if (/[\r\n]/.test(secret)) {
      throw new SecretFileError(
        `The client secret file ${path} holds more than one line; it should hold the secret alone.`,
      );
    }
    return secret;
  } finally {
    closeSync(descriptor);
  }
}

/** Reads up to `limit` bytes, looping as a pipe gives its content in pieces. */
function readAtMost(descriptor: number, limit: number): string {
  const buffer = Buffer.alloc(limit);
  let length = 0;
  while (length < limit) {
    const read = readSync(descriptor, buffer, length, limit - length, null);
    if (read === 0) break;
    length += read;
  }
  return buffer.subarray(0, length).toString('utf8');
}
