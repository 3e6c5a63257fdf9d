import {messageOf} from '../text/index.js';

/** A file-system error in the words the messages about our files use (the audit log, a results file). */
export function fileProblem(error: unknown): string {
  switch ((error as {code?: string}).code) {
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
    case 'ENOTFILE':
    case 'ENXIO':
      return 'it is not a regular file';
    case 'ELOOP':
      return 'it is a symbolic link, which is never followed';
    case 'ENOTDIR':
      return 'a part of its path is a file, not a folder';
    case 'ENOENT':
      return 'there is no such file or folder';
    case 'ENAMETOOLONG':
      return 'its name is too long';
    default:
      return messageOf(error);
  }
}

/** An error of the file system about one of our files (Node's errors carry the path and the call that failed). */
export function isFileSystemError(error: unknown): error is Error & {code: string; path: string} {
  const {code, path, syscall} = (error ?? {}) as {code?: unknown; path?: unknown; syscall?: unknown};
  return (
    error instanceof Error &&
    typeof code === 'string' &&
    /^E[A-Z]+$/.test(code) &&
    typeof path === 'string' &&
    typeof syscall === 'string'
  );
}

/** Such an error in the operator's words: the file and the cause. */
export function fileSystemFailure(error: Error & {path: string}): string {
  return `${error.path} cannot be used: ${fileProblem(error)}.`;
}
