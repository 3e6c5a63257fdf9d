import {accessSync, closeSync, constants, fstatSync, lstatSync, openSync} from 'node:fs';
import {join} from 'node:path';
import {appendOnlyFlags} from './append-only.js';
import {fileProblem} from './file-problem.js';
import {ensurePrivateFolder, UnsafeFolderError} from './private-folder.js';

/**
 * Our own files cannot be used here (HOME read-only or relative, the config folder another user's or a file, the
 * audit log unwritable): a fault of this machine's set-up, which the operator fixes, so a usage fault (exit 2),
 * said with the path and the fix, and found before anything is sent.
 */
export class LocalFilesError extends Error {
  override readonly name = 'LocalFilesError';
  constructor(
    message: string,
    /** `audit-log` when the folder is usable but its audit log is not. */
    readonly reason: 'local-files' | 'audit-log' = 'local-files',
  ) {
    super(message);
  }
}

const fix =
  'make it a folder of your own that you can write (mode 0700), or set TENANT_MODE_CONFIG_DIR to one';

/**
 * Checks that a switch can be recorded in `directory` before it is prepared: the folder exists (created 0700 when
 * missing), is ours and private, and its audit log can be appended to. Returns the problem, or undefined.
 */
export function recordFolderProblem(directory: string): LocalFilesError | undefined {
  try {
    ensurePrivateFolder(directory);
  } catch (error) {
    const why = error instanceof UnsafeFolderError ? error.message : `${directory}: ${folderProblem(error)}`;
    return new LocalFilesError(
      `The config folder cannot be used (${why}). Nothing was sent. To fix it, ${fix}.`,
    );
  }
  const log = join(directory, 'audit.log');
  try {
    let exists = true;
    try {
      lstatSync(log);
    } catch (error) {
      if ((error as {code?: string}).code !== 'ENOENT') throw error;
      exists = false;
    }
    if (exists) {
      // Opened as every append opens it, and closed at once: nothing is written.
      const descriptor = openSync(log, appendOnlyFlags);
      try {
        if (!fstatSync(descriptor).isFile()) throw Object.assign(new Error('not a file'), {code: 'ENOTFILE'});
      } finally {
        closeSync(descriptor);
      }
    } else {
      accessSync(directory, constants.W_OK);
    }
  } catch (error) {
    const code = (error as {code?: string}).code;
    const inItsPlace = code === 'ENOTFILE' || code === 'ELOOP' || code === 'EISDIR' || code === 'ENXIO';
    return new LocalFilesError(
      `The audit log ${log} cannot be written (${fileProblem(error)}). Nothing was sent. No switch is made without its record: to fix it, ${inItsPlace ? `move ${log} away (a new log is started)` : fix}.`,
      'audit-log',
    );
  }
  return undefined;
}

function folderProblem(error: unknown): string {
  const code = (error as {code?: string}).code;
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'a file is where the folder should be';
  if (code === 'ENOENT') return 'a folder above it does not exist';
  return fileProblem(error);
}
