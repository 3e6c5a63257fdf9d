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
    default:
      return messageOf(error);
  }
}
