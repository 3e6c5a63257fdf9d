import {
  AccountNameRefused,
  formatDayTime,
  printable,
  type Remembered,
  rememberAccount,
  shellWord,
} from '../procedure/index.js';
import {UsageError} from './command-error.js';
import {type CommandIo, programOf} from './io.js';
import {exitCodes, makeOutput, runCommand} from './output.js';
import {askSecret} from './prompt.js';
import {openStore} from './session.js';

export interface LoginFlags {
  readonly url?: string;
  readonly clientId?: string;
  /** From --client-secret-file or TENANT_MODE_CLIENT_SECRET. */
  readonly secret?: string;
  readonly secretFromStdin: boolean;
  readonly name?: string;
  readonly insecureStorage: boolean;
  /** `--sandbox`: the account's switches are rehearsals. */
  readonly sandbox?: boolean;
  readonly timeoutSeconds: number;
  readonly json: boolean;
}

/** Stdin may carry this much: a secret, its line end, and room for a mistake that is refused in words. */
const stdinAtMost = 64 * 1024;

/**
 * `tenant-mode login`: signs in, reads the account's own tenant, and remembers the account under a name as the
 * default one — the secret in the OS keyring where one is reachable, else in the credentials file (0600), said.
 */
export async function runLoginCommand(flags: LoginFlags, io: CommandIo): Promise<number> {
  const output = makeOutput(flags.json, io);
  return runCommand(io, async (signal) => {
    if (!flags.url || !flags.clientId) {
      throw new UsageError(
        `login needs ${[!flags.url && '--url', !flags.clientId && '--client-id'].filter(Boolean).join(' and ')}: an account is its data center, client id and secret together.`,
      );
    }
    const secret = await secretOf(flags, io, signal);
    const store = openStore(io, output);
    const storage = flags.insecureStorage ? 'file' : 'keyring';
    let remembered: Remembered;
    try {
      remembered = await rememberAccount(
        {dataCenter: flags.url, clientId: flags.clientId, secret},
        {
          store,
          clock: io.clock,
          timeoutMs: flags.timeoutSeconds * 1000,
          signal,
          name: flags.name,
          storage,
          sandbox: flags.sandbox === true,
        },
      );
    } catch (error) {
      if (error instanceof AccountNameRefused) throw new UsageError(error.message);
      throw error;
    }
    const {profile, secretIn, keyringProblem, updated} = remembered;
    const where =
      secretIn === 'keyring'
        ? `The secret is kept in ${typeof store.keyring === 'string' ? 'the keyring' : store.keyring.name}, not in any file.`
        : flags.insecureStorage
          ? `The secret is kept in ${store.path} (readable by you only), as --insecure-storage asks.`
          : `The secret is kept in ${store.path} (readable by you only): no keyring could take it (${keyringProblem ?? (typeof store.keyring === 'string' ? store.keyring : 'unknown')}).`;
    const expires = profile.token?.expiresAt ?? profile.tokenExpiresAt;
    output.result(
      [
        `Signed in to ${printable(profile.tenantName ?? '')} at ${new URL(profile.dataCenter).host} as client ${profile.clientId}.`,
        `${updated ? 'Updated' : 'Remembered'} as "${profile.name}", the default account.`,
        where,
        ...(profile.sandbox
          ? ['Marked as a sandbox: its switches are rehearsals (tenant-mode audit --rehearsals shows them).']
          : []),
        `Use it: ${[...programOf(io).map(shellWord), 'status', '<tenant>', '--account', shellWord(profile.name ?? '')].join(' ')} (or without --account while it is the default).`,
      ].join('\n'),
      {
        account: {
          name: profile.name,
          data_center: profile.dataCenter,
          client_id: profile.clientId,
          tenant: {id: profile.tenantId, name: profile.tenantName},
          secret_in: secretIn,
          token_expires_at: expires === undefined ? null : new Date(expires).toISOString(),
          default: true,
          sandbox: profile.sandbox === true,
        },
        updated,
        ...(keyringProblem ? {keyring_problem: keyringProblem} : {}),
      },
    );
    if (expires !== undefined) output.info(`Its token is valid until ${formatDayTime(expires)}.`);
    return exitCodes.done;
  });
}

/** The secret, from exactly one of stdin, the file or the environment; never from the command line. */
async function secretOf(flags: LoginFlags, io: CommandIo, signal: AbortSignal): Promise<string> {
  if (flags.secretFromStdin && flags.secret !== undefined) {
    throw new UsageError(
      'The client secret is given twice: by --with-secret-stdin and by --client-secret-file or TENANT_MODE_CLIENT_SECRET. Give one.',
    );
  }
  // On a terminal, asked for (not echoed): the command printed to remember an account again runs as printed.
  if (io.stdin.isTTY && flags.secret === undefined) {
    const typed = await askSecret('Client secret (not shown): ', io);
    if (!typed) throw new UsageError('No client secret was typed: nothing was remembered.');
    return typed;
  }
  if (!flags.secretFromStdin) {
    if (flags.secret === undefined || flags.secret === '') {
      throw new UsageError(
        'No client secret: pipe it with --with-secret-stdin, pass --client-secret-file FILE, or set TENANT_MODE_CLIENT_SECRET (a secret is never taken as a flag).',
      );
    }
    return flags.secret;
  }
  const text = await readAll(io.stdin, signal);
  const secret = text.replace(/\r?\n$/, '');
  if (secret === '' || /[\r\n]/.test(secret)) {
    throw new UsageError(
      secret === ''
        ? 'No client secret came on stdin.'
        : 'Stdin holds more than one line: the secret is one line.',
    );
  }
  return secret;
}

function readAll(stream: NodeJS.ReadableStream, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const done = (action: () => void) => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      signal.removeEventListener('abort', onAbort);
      action();
    };
    const onData = (chunk: Buffer | string) => {
      text += String(chunk);
      if (text.length > stdinAtMost)
        done(() => reject(new UsageError('Stdin holds more than a secret (over 64 KiB).')));
    };
    const onEnd = () => done(() => resolve(text));
    const onError = (error: Error) =>
      done(() => reject(new UsageError(`Stdin could not be read: ${error.message}`)));
    const onAbort = () => done(() => reject(signal.reason));
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    signal.addEventListener('abort', onAbort, {once: true});
  });
}
