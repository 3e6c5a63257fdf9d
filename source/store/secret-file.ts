import {closeSync, constants, fstatSync, openSync, readSync} from 'node:fs';
import {modeText, otherOwner} from './ownership.js';

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
    // Non-blocking: a named pipe nobody writes to would otherwise block this open, and with it Ctrl+C, for ever.
    descriptor = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
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
      const owner = otherOwner(stat);
      if (owner !== undefined) {
        throw new SecretFileError(
          `The client secret file ${path} belongs to another user (uid ${owner}); use a file of your own.`,
        );
      }
      if ((stat.mode & 0o077) !== 0) {
        throw new SecretFileError(
          `The client secret file ${path} can be read or written by others (mode ${modeText(stat)}); make it yours alone: chmod 600 ${path}`,
        );
      }
    }
    const text = readAtMost(descriptor, largest + 1, path, stat.isFIFO());
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

/** How long a pipe may take to give the secret (`pass` asking gpg-agent takes a moment). */
const pipePatienceMs = 10_000;

/**
 * Reads up to `limit` bytes, looping as a pipe gives its content in pieces. The descriptor is non-blocking: a pipe
 * with nothing in it yet answers EAGAIN, and a named pipe nobody has opened to write answers end-of-file; for both
 * this waits a little (the run cannot go on without the secret anyway), a bounded time in which Ctrl+C is not heard.
 */
function readAtMost(descriptor: number, limit: number, path: string, pipe: boolean): string {
  const buffer = Buffer.alloc(limit);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let length = 0;
  let waited = 0;
  while (length < limit) {
    let read: number | undefined;
    try {
      read = readSync(descriptor, buffer, length, limit - length, null);
    } catch (error) {
      if ((error as {code?: string}).code !== 'EAGAIN') throw error;
    }
    if (read === 0 && !(pipe && length === 0)) break;
    if (read) {
      length += read;
      continue;
    }
    if (waited >= pipePatienceMs) {
      throw new SecretFileError(`Nothing came through the client secret pipe ${path} within 10 s.`);
    }
    Atomics.wait(pause, 0, 0, 20);
    waited += 20;
  }
  return buffer.subarray(0, length).toString('utf8');
}
