import {resolve} from 'node:path';

// Every command the tool prints for the operator runs as printed from a fresh shell, in any folder: the program as
// it starts there (commands/program.ts), absolute paths, the account's data center and client id (the secret comes
// as it always does: TENANT_MODE_CLIENT_SECRET, --client-secret-file, or saved credentials), each word quoted.

/** A word as a shell reads it back: quoted when it holds anything but safe characters. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/**
 * A command line (of shellWord words) in rows at most `width` wide that paste as one command: broken between words
 * with a backslash and a newline, as a shell reads it. A word longer than a row is left whole.
 */
export function commandRows(command: string, width: number): string[] {
  if (command.length <= width) return [command];
  const words: string[] = [];
  let word = '';
  let quoted = false;
  for (let index = 0; index < command.length; index++) {
    const char = command[index] ?? '';
    if (char === ' ' && !quoted) {
      if (word) words.push(word);
      word = '';
      continue;
    }
    if (char === "'") quoted = !quoted;
    else if (char === '\\' && !quoted) {
      word += char;
      index += 1;
      word += command[index] ?? '';
      continue;
    }
    word += char;
  }
  if (word) words.push(word);
  const rows: string[] = [];
  let row = '';
  for (const each of words) {
    const indent = rows.length > 0 ? '  ' : '';
    // Room for " \\" at the end of a row that continues.
    if (row && `${indent}${row} ${each} \\`.length > width) {
      rows.push(`${indent}${row} \\`);
      row = each;
    } else row = row ? `${row} ${each}` : each;
  }
  rows.push(`${rows.length > 0 ? '  ' : ''}${row}`);
  return rows;
}

/** The command that applies a plan file, with the account it was made with (never the secret). */
export function applyCommand(file: string, rerun: Rerun): string {
  return commandLine(rerun, ['apply', absolutePath(file)]);
}

/**
 * How a command the tool prints runs again from a fresh shell, in any folder: the program as it can be started
 * there (commands/program.ts), and the account it was signed in with (never the secret, which the operator gives
 * as always: TENANT_MODE_CLIENT_SECRET, --client-secret-file, or saved credentials).
 */
export interface Rerun {
  readonly program: readonly string[];
  readonly dataCenter: string;
  readonly clientId: string;
  /** A remembered account: named by --account instead of its data center and client id (docs/accounts.md). */
  readonly account?: string;
}

/**
 * A command line to paste: the program, the words, then the account — its name when it is remembered, else its
 * data center and client id; every word quoted for the shell.
 */
export function commandLine(rerun: Rerun, words: readonly string[]): string {
  const account = rerun.account
    ? ['--account', rerun.account]
    : ['--url', rerun.dataCenter, '--client-id', rerun.clientId];
  return [...rerun.program, ...words, ...account].map(shellWord).join(' ');
}

/** `tenant-mode status UUID` with the account: what to run after a switch whose outcome is unknown. */
export function statusCommand(rerun: Rerun, tenantId: string): string {
  return commandLine(rerun, ['status', tenantId]);
}

/** A path as given, made absolute: a command printed for another folder must find the same file. */
function absolutePath(file: string): string {
  return resolve(file);
}
