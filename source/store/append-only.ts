import {constants} from 'node:fs';

/**
 * How our append-only files (the audit log, an apply's results file) are opened: appended to, created 0600 when
 * missing, never through a symlink, and never blocking on a FIFO put in their place.
 */
export const appendOnlyFlags =
  constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK;
