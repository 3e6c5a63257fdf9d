import {
  askedToWait,
  CredentialStore,
  configDirectory,
  LocalFilesError,
  normalizeBaseUrl,
  type Profile,
  printable,
  recordFolderProblem,
  type Session,
  type SignInOptions,
  shellWord,
  signIn,
  startingPoint,
  systemKeyring,
} from '../procedure/index.js';
import type {SignInFlags} from './flags.js';
import {type CommandIo, programOf} from './io.js';
import {CommandError, exitCodes, type Output} from './output.js';

export type {SignInFlags} from './flags.js';

/** Opens the credential store beside the audit log, saying so when its file had to be set aside. */
export function openStore(io: CommandIo, output: Pick<Output, 'note'>): CredentialStore {
  const {store, notice} = CredentialStore.open(configDirectory(io.env), io.clock, systemKeyring(io.env));
  if (notice) output.note(notice);
  return store;
}

/**
 * Before a command that may switch signs in: the config folder and its audit log can be used, or the command stops
 * here, a usage fault (exit 2) with the path and the fix, nothing sent — never a raw EACCES after the tenant was read.
 */
export function checkRecordFolder(io: CommandIo): void {
  let problem: LocalFilesError | undefined;
  try {
    problem = recordFolderProblem(configDirectory(io.env));
  } catch (error) {
    if (!(error instanceof LocalFilesError)) throw error;
    problem = new LocalFilesError(`${error.message} Nothing was sent.`);
  }
  if (problem) throw new CommandError(problem.message, exitCodes.usage, {reason: problem.reason});
}

/** Signs in as the wizard would: flags and the given secret, else the saved profile. */
export async function openSession(
  flags: SignInFlags,
  io: CommandIo,
  output: Output,
  extra: Pick<SignInOptions, 'gate' | 'onRetry'> = {},
): Promise<Session> {
  const store = openStore(io, output);
  const start = startingPoint(
    {url: flags.url, clientId: flags.clientId, secret: flags.secret, account: flags.account},
    store,
  );
  const {dataCenter, clientId, secret: knownSecret} = start.form;
  if (start.keyringProblem && start.account) {
    // Never a wait on an unlock prompt nobody sees: said within seconds, with the way out.
    const name = start.account.name ?? '';
    throw new CommandError(
      `The secret of the account "${name}" is kept in the keyring, and ${start.keyringProblem}. Nothing was sent.`,
      exitCodes.authentication,
      {reason: 'keyring', account: name},
      [
        'Unlock your keyring (or start it) and run the command again; or remember the account again (it asks for the secret):',
        `  ${loginCommand(start.account, programOf(io))}`,
      ],
    );
  }
  if (dataCenter && clientId && !knownSecret) {
    // The flags were given: only the secret is missing, and it never comes on the command line.
    throw new CommandError(
      'No client secret: set TENANT_MODE_CLIENT_SECRET in the environment or pass --client-secret-file FILE (a secret is never taken as a flag), or remember the account once with tenant-mode login.',
      exitCodes.usage,
    );
  }
  if (!dataCenter || !clientId || !knownSecret) {
    // Part of an account given (and no saved account it completes): say which part is missing.
    const missing = [!dataCenter && '--url', !clientId && '--client-id'].filter(Boolean).join(' and ');
    const given = flags.url || flags.clientId || flags.secret;
    throw new CommandError(
      given && missing
        ? `Missing ${missing}: an account is its data center, client id and secret together (no saved account matches what was given).`
        : 'No credentials: pass --url and --client-id with TENANT_MODE_CLIENT_SECRET in the environment or --client-secret-file, or remember an account once with tenant-mode login (or the wizard).',
      exitCodes.usage,
    );
  }
  // The host once the URL is known to be one: a value refused below (a secret pasted into --url, say) is never
  // printed, not even here.
  const host = validHost(dataCenter);
  if (host) output.progress(`Signing in to ${printable(host)}…`);
  return signIn(
    {dataCenter, clientId, secret: knownSecret},
    {
      store,
      remember: start.remembered,
      cachedToken: start.cachedToken,
      knownTenantId: start.knownTenantId,
      accountName: start.account?.name,
      clock: io.clock,
      timeoutMs: flags.timeoutSeconds * 1000,
      signal: io.interrupt,
      onRetry: (error, attempt, delayMs) => {
        const why = askedToWait(error) ?? printable(error.message);
        output.note(`${why}: trying again in ${Math.round(delayMs / 100) / 10} s (retry ${attempt}).`);
      },
      ...extra,
    },
  );
}

/** The host (and port) of a data center URL that normalizeBaseUrl accepts; undefined for one it refuses. */
function validHost(dataCenter: string): string | undefined {
  try {
    return new URL(normalizeBaseUrl(dataCenter)).host;
  } catch {
    return undefined;
  }
}

/** The command that remembers an account again: on a terminal it asks for the secret. */
export function loginCommand(account: Profile, program: readonly string[]): string {
  return [
    ...program.map(shellWord),
    'login',
    '--url',
    shellWord(account.dataCenter),
    '--client-id',
    shellWord(account.clientId),
    ...(account.name ? ['--name', shellWord(account.name)] : []),
  ].join(' ');
}

/** The account of a session as `--json` documents name it (docs/cli-output.schema.json, `account`). */
export function accountJson(session: Session) {
  return {
    name: session.account ?? null,
    data_center: session.client.baseUrl,
    client_id: session.client.clientId,
  };
}
