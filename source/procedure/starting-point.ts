import {type AccessToken, normalizeBaseUrl} from '../platform/index.js';
import {type CredentialStore, KeyringError, type Profile} from '../store/index.js';

/** The sign-in fields as far as they are known before asking anyone. */
export interface KnownCredentials {
  readonly dataCenter?: string;
  readonly clientId?: string;
  readonly secret?: string;
  /** Saved profile: keep its token fresh in the file. */
  readonly remember?: boolean;
  /** Nothing to ask about remembering (flags given, or already remembered). */
  readonly rememberAsked?: boolean;
}

export interface StartingPoint {
  readonly form: KnownCredentials;
  readonly cachedToken?: AccessToken;
  /** The API client's own tenant, as the saved profile knows it (no need to ask the platform). */
  readonly knownTenantId?: string;
  /** True when the saved profile signs in by itself. */
  readonly remembered: boolean;
  /** The remembered account signed in with (its name is what printed commands give to --account). */
  readonly account?: Profile;
  /** The account's secret is in the keyring, which could not give it (locked, gone): why, in words. */
  readonly keyringProblem?: string;
}

/** `--account NAME` (or TENANT_MODE_ACCOUNT) names no remembered account. */
export class AccountNotFound extends Error {
  constructor(
    readonly wanted: string,
    readonly known: readonly string[],
  ) {
    super(
      known.length === 0
        ? `No account is remembered, so none is named "${wanted}". Remember one with tenant-mode login.`
        : `No remembered account is named "${wanted}". Remembered: ${known.join(', ')} (tenant-mode accounts lists them).`,
    );
    this.name = 'AccountNotFound';
  }
}

/** `--account` and `--url`/`--client-id` that name different accounts. */
export class AccountConflict extends Error {
  constructor(name: string, profile: Profile) {
    super(
      `The account "${name}" is client ${profile.clientId} at ${profile.dataCenter}: --url and --client-id name another. Give one or the other.`,
    );
    this.name = 'AccountConflict';
  }
}

export interface GivenCredentials {
  readonly url?: string;
  readonly clientId?: string;
  readonly secret?: string;
  /** --account NAME, or TENANT_MODE_ACCOUNT. */
  readonly account?: string;
}

/**
 * What signing in starts with (the wizard's connect step, and the scripting commands): the account named by
 * --account; else the three flags (no questions, nothing remembered); else the default account (it signs in by
 * itself) with its own secret or the one given; else what was given, the rest asked. Throws AccountNotFound and
 * AccountConflict; a keyring that cannot give the secret is said in `keyringProblem`, never waited on.
 */
export function startingPoint(given: GivenCredentials, store: CredentialStore): StartingPoint {
  if (given.account !== undefined) {
    const named = store.account(given.account);
    if (!named) {
      throw new AccountNotFound(
        given.account,
        store.accounts().map((account) => account.name),
      );
    }
    const conflicting =
      (given.url !== undefined && !sameDataCenter(given.url, named.dataCenter)) ||
      (given.clientId !== undefined && given.clientId.toLowerCase() !== named.clientId);
    if (conflicting) throw new AccountConflict(named.name ?? given.account, named);
    return fromAccount(named, given.secret, store);
  }
  const last = store.lastProfile();
  const matchesLast =
    last !== undefined &&
    (given.url === undefined || sameDataCenter(given.url, last.dataCenter)) &&
    (given.clientId === undefined || given.clientId.toLowerCase() === last.clientId);
  if (given.url && given.clientId && given.secret) {
    // Named in full: nothing remembered is needed — but the default account's token serves when it is this one.
    const saved = matchesLast ? readableSecrets(last, store) : undefined;
    const same = saved?.secrets?.clientSecret === given.secret;
    return {
      form: {dataCenter: given.url, clientId: given.clientId, secret: given.secret, rememberAsked: true},
      cachedToken: same ? saved?.secrets?.token : undefined,
      knownTenantId: same ? last?.tenantId : undefined,
      remembered: false,
    };
  }
  if (matchesLast) return fromAccount(last, given.secret, store);
  return {
    form: {dataCenter: given.url ?? '', clientId: given.clientId ?? '', secret: given.secret ?? ''},
    remembered: false,
  };
}

/**
 * A remembered account, with its own secret or with the one given (a cron job's --client-secret-file, a rotated
 * secret): a secret other than the saved one is used for this run only, with no saved token.
 */
function fromAccount(
  account: Profile,
  givenSecret: string | undefined,
  store: CredentialStore,
): StartingPoint {
  const {secrets, problem} =
    givenSecret === undefined ? readableSecrets(account, store) : {secrets: undefined};
  const saved = givenSecret === undefined ? secrets : readableSecrets(account, store).secrets;
  const secret = givenSecret ?? secrets?.clientSecret;
  const same = secret !== undefined && secret === saved?.clientSecret;
  return {
    form: {
      dataCenter: account.dataCenter,
      clientId: account.clientId,
      secret: secret ?? '',
      remember: same,
      rememberAsked: true,
    },
    cachedToken: same ? saved?.token : undefined,
    knownTenantId: same ? account.tenantId : undefined,
    remembered: same,
    account,
    ...(problem ? {keyringProblem: problem} : {}),
  };
}

/** The account's secrets, or why the keyring could not give them. */
function readableSecrets(
  account: Profile,
  store: CredentialStore,
): {readonly secrets?: ReturnType<CredentialStore['secretsOf']>; readonly problem?: string} {
  try {
    return {secrets: store.secretsOf(account)};
  } catch (error) {
    if (error instanceof KeyringError) return {problem: error.message};
    throw error;
  }
}

/**
 * The remembered account these credentials are — data center, client id and its own secret alike — with its saved
 * token; undefined for any other (a secret typed since is never taken as proven by the saved token).
 */
export function rememberedAccount(
  store: CredentialStore,
  credentials: {readonly dataCenter: string; readonly clientId: string; readonly secret: string},
): {readonly profile: Profile; readonly token?: AccessToken} | undefined {
  let base: string;
  try {
    base = normalizeBaseUrl(credentials.dataCenter);
  } catch {
    return undefined;
  }
  const profile = store.profile(base, credentials.clientId.toLowerCase());
  if (!profile) return undefined;
  const {secrets} = readableSecrets(profile, store);
  return secrets?.clientSecret === credentials.secret ? {profile, token: secrets.token} : undefined;
}

/** Two data center URLs for the same API (a trailing `/` or `/api/2` makes no difference). */
export function sameDataCenter(a: string, b: string): boolean {
  try {
    return normalizeBaseUrl(a) === normalizeBaseUrl(b);
  } catch {
    return false;
  }
}
