import {closeSync, constants, fsyncSync, openSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {basename, dirname, join} from 'node:path';
import {fileProblem} from './file-problem.js';

/** A file that cannot be written: the message names it and the cause. */
export class WholeFileError extends Error {
  override readonly name = 'WholeFileError';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`Cannot write ${path}: ${reason}.`);
  }
}

/**
 * Writes a whole file at once, or not at all: into a new temporary file beside it (never through a symlink), flushed,
 * then renamed over `path`, so that a reader (or a crash) never sees half of it. Plans, receipts and reports.
 */
export function writeWholeFile(path: string, text: string, mode: number): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let descriptor: number | undefined;
  try {
    descriptor = openSync(
      temporary,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      mode,
    );
    // writeFileSync on a descriptor writes it all or throws (a short write on a full disk is not success).
    writeFileSync(descriptor, text);
    fsyncSync(descriptor);
    closeSync(descriptor);
    descriptor = undefined;
    renameSync(temporary, path);
  } catch (error) {
    if (descriptor !== undefined) closeSync(descriptor);
    rmSync(temporary, {force: true});
    throw new WholeFileError(path, wholeFileProblem(error));
  }
}

/** A file problem in words, with the two a path most often has named plainly. */
export function wholeFileProblem(error: unknown): string {
  switch ((error as {code?: string}).code) {
    case 'ENOENT':
      return 'there is no such file or folder';
    case 'EISDIR':
      return 'it is a folder';
    default:
      return fileProblem(error);
  }
}
