// The operating system's secret store, through its own command (docs/accounts.md, "Where the secret is kept"): the
// package ships no native addon and runs no install script, so the keyring is reached the way a person would reach
// it — `secret-tool` (libsecret, the Secret Service over D-Bus: GNOME Keyring, KWallet, KeePassXC) on Linux,
// `security` on macOS. The secret always goes on the tool's stdin, never on a command line (where `ps` would show
// it). Every call ends within seconds: a locked keyring whose unlock prompt cannot be shown is said, never waited on.
import {spawnSync} from 'node:child_process';

/** Why the keyring could not be used. */
export type KeyringProblem = 'unavailable' | 'locked' | 'missing' | 'failed';

export class KeyringError extends Error {
  constructor(
    message: string,
    readonly problem: KeyringProblem,
  ) {
    super(message);
    this.name = 'KeyringError';
  }
}

/** Which item: one a remembered account (its data center and API client, which never change) and config folder. */
export interface KeyringItem {
  readonly dataCenter: string;
  readonly clientId: string;
  /** The config folder that remembers it: another folder's account of the same client is another item. */
  readonly folder: string;
  /** Shown in the keyring's own browser (Seahorse, Keychain Access). */
  readonly label: string;
}

export interface Keyring {
  /** Where secrets go, in words: "the Secret Service (GNOME Keyring, KWallet, KeePassXC…)". */
  readonly name: string;
  store(item: KeyringItem, secret: string): void;
  /** The secret; a KeyringError `missing` when there is none, `locked` when it cannot be read now. */
  lookup(item: KeyringItem): string;
  /** Removes the item; no error when there is none. */
  remove(item: KeyringItem): void;
}

/** Long enough for a keyring on a loaded machine; short enough that nothing waits on a prompt nobody sees. */
const answerWithinMs = 5000;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], input: string, env: NodeJS.ProcessEnv): Run {
  const result = spawnSync(command, args, {input, env, encoding: 'utf8', timeout: answerWithinMs});
  const code = (result.error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') throw new KeyringError(`${command} is not installed`, 'unavailable');
  if (code === 'ETIMEDOUT' || result.signal) {
    throw new KeyringError(
      `${command} did not answer within ${answerWithinMs / 1000} s (a keyring waiting to be unlocked?)`,
      'locked',
    );
  }
  if (result.error) throw new KeyringError(`${command} could not be run: ${result.error.message}`, 'failed');
  return {status: result.status, stdout: result.stdout ?? '', stderr: (result.stderr ?? '').trim()};
}

/** The Secret Service, through libsecret's `secret-tool`. */
function secretService(env: NodeJS.ProcessEnv): Keyring {
  const attributes = (item: KeyringItem) => [
    'service',
    'tenant-mode',
    'data-center',
    item.dataCenter,
    'client-id',
    item.clientId,
    'config',
    item.folder,
  ];
  /** Whether the item is there (locked or not); a KeyringError when the keyring cannot be asked at all. */
  const present = (item: KeyringItem): {readonly found: boolean; readonly locked: boolean} => {
    const search = run('secret-tool', ['search', ...attributes(item)], '', env);
    const locked = /locked/i.test(search.stderr);
    if (search.status !== 0 && !locked) {
      throw new KeyringError(
        `the keyring cannot be reached${search.stderr ? ` (${search.stderr})` : ''}`,
        'unavailable',
      );
    }
    // Each item found starts with its path in brackets on stdout (its attributes go to stderr).
    return {found: /^\[/m.test(search.stdout), locked};
  };
  const failed = (what: string, result: Run) =>
    new KeyringError(
      `secret-tool could not ${what}${result.stderr ? `: ${result.stderr}` : ''}`,
      /locked/i.test(result.stderr) ? 'locked' : 'failed',
    );
  return {
    name: 'the Secret Service (GNOME Keyring, KWallet, KeePassXC…)',
    store(item, secret) {
      const result = run('secret-tool', ['store', `--label=${item.label}`, ...attributes(item)], secret, env);
      if (result.status !== 0) throw failed('store the secret', result);
    },
    lookup(item) {
      const result = run('secret-tool', ['lookup', ...attributes(item)], '', env);
      if (result.status === 0) return result.stdout;
      // `lookup` says nothing either way: a search tells a locked item from none, and an unreachable keyring.
      const {found, locked} = present(item);
      if (locked || /locked/i.test(result.stderr)) throw new KeyringError('the keyring is locked', 'locked');
      if (found) throw failed('read the secret', result);
      throw new KeyringError('the keyring has no secret for it', 'missing');
    },
    remove(item) {
      // Looked for first: `clear` of a locked item fails without a word (and asks for an unlock prompt nobody sees).
      const before = present(item);
      if (!before.found) return;
      if (before.locked) throw new KeyringError('the keyring is locked, so its item stays', 'locked');
      run('secret-tool', ['clear', ...attributes(item)], '', env);
      if (present(item).found) throw new KeyringError('secret-tool could not remove its item', 'failed');
    },
  };
}

/** The macOS Keychain, through `security`, its commands read from stdin (`-i`), so no secret is in argv. */
function keychain(env: NodeJS.ProcessEnv): Keyring {
  const service = 'tenant-mode';
  const account = (item: KeyringItem) => `${item.clientId}@${item.dataCenter}#${item.folder}`;
  // `security -i` reads command lines split as a shell would: each word double-quoted, quotes and backslashes escaped.
  const quoted = (text: string) => `"${text.replace(/["\\]/g, '\\$&')}"`;
  return {
    name: 'the macOS Keychain',
    store(item, secret) {
      const line = `add-generic-password -U -s ${quoted(service)} -a ${quoted(account(item))} -l ${quoted(item.label)} -w ${quoted(secret)}\n`;
      const result = run('security', ['-i'], line, env);
      if (result.status !== 0 || /error/i.test(result.stderr)) {
        throw new KeyringError(`security could not store the secret: ${result.stderr}`, 'failed');
      }
    },
    lookup(item) {
      const result = run(
        'security',
        ['find-generic-password', '-s', service, '-a', account(item), '-w'],
        '',
        env,
      );
      if (result.status === 0) return result.stdout.replace(/\n$/, '');
      if (result.status === 44) throw new KeyringError('the Keychain has no secret for it', 'missing');
      throw new KeyringError(`security could not read the secret: ${result.stderr}`, 'locked');
    },
    remove(item) {
      run('security', ['delete-generic-password', '-s', service, '-a', account(item)], '', env);
    },
  };
}

/**
 * The keyring of this system, or why there is none: Linux with a D-Bus session (the Secret Service is reached
 * over it), macOS. Windows' Credential Manager has no command that takes a secret on stdin: the file is used there.
 */
export function systemKeyring(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): Keyring | string {
  if (platform === 'darwin') return keychain(env);
  if (platform === 'win32') return 'the Windows Credential Manager is not used by tenant-mode yet';
  if (!env.DBUS_SESSION_BUS_ADDRESS)
    return 'no D-Bus session (DBUS_SESSION_BUS_ADDRESS is not set), so no Secret Service';
  return secretService(env);
}
