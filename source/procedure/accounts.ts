// Remembered accounts (docs/accounts.md): `login` signs in and remembers one under a name, `logout` forgets one (or
// all) and revokes its token. The secret goes to the OS keyring where one is reachable (store/keyring.ts).
import type {Clock} from '../clock.js';
import {hostOf, PlatformClient} from '../platform/index.js';
import type {CredentialStore, Profile} from '../store/index.js';
import {accountOf, type Credentials, type Session, signIn} from './sign-in.js';

/** What `--account` takes: a word a shell keeps whole, 1 to 100 characters. */
const nameShape = /^[A-Za-z0-9][A-Za-z0-9@._:+-]{0,99}$/;

export class AccountNameRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccountNameRefused';
  }
}

/** A name for an account: its tenant's name as a word, and its data center's host ("northwind-partners@eu2-cloud…"). */
export function defaultAccountName(tenantName: string, dataCenter: string): string {
  const word = tenantName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${word || 'account'}@${hostOf(dataCenter)}`;
}

export interface Remembered {
  readonly profile: Profile;
  readonly secretIn: 'keyring' | 'file';
  /** Asked for the keyring, and it could not take the secret: why (it is in the file). */
  readonly keyringProblem?: string;
  /** An account remembered before (the same data center and client): updated. */
  readonly updated: boolean;
}

/**
 * Signs in, reads the account's own tenant, and remembers the account under `name` (default: from the tenant's
 * name and the host, made unique) as the default one; the secret and token in the keyring unless `storage` is
 * `file` or no keyring can take them. Signing in again with the same client updates the account.
 */
export async function rememberAccount(
  credentials: Credentials,
  options: {
    readonly store: CredentialStore;
    readonly clock: Clock;
    readonly timeoutMs?: number;
    readonly signal?: AbortSignal;
    readonly name?: string;
    readonly storage: 'keyring' | 'file';
    /** `--sandbox`: the data center is a sandbox, its switches rehearsals (kept on a later login without it). */
    readonly sandbox?: boolean;
  },
): Promise<Remembered> {
  const {store} = options;
  if (options.name !== undefined && !nameShape.test(options.name)) {
    throw new AccountNameRefused(
      `"${options.name}" cannot be an account name: use letters, digits and @ . _ : + - (up to 100, no spaces).`,
    );
  }
  const session = await signIn(credentials, {
    store,
    remember: false,
    clock: options.clock,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
  });
  const account = await accountOf(session, options.signal);
  const {client} = session;
  const before = store.profile(client.baseUrl, client.clientId);
  const others = store.accounts().filter((other) => other.profile !== before && other.name !== before?.name);
  if (
    options.name !== undefined &&
    others.some((other) => other.name.toLowerCase() === options.name?.toLowerCase())
  ) {
    throw new AccountNameRefused(
      `"${options.name}" is already the name of another account (tenant-mode accounts lists them): choose another --name.`,
    );
  }
  const name =
    options.name ??
    before?.name ??
    uniqueAmong(
      defaultAccountName(account.tenantName, client.baseUrl),
      others.map((other) => other.name),
    );
  const saved = store.save(
    {
      name,
      dataCenter: client.baseUrl,
      clientId: client.clientId,
      clientSecret: credentials.secret,
      token: client.token,
      tenantId: account.tenantId,
      tenantName: account.tenantName,
      ...(options.sandbox || before?.sandbox ? {sandbox: true as const} : {}),
    },
    options.storage,
    {makeDefault: true},
  );
  const profile = store.profile(client.baseUrl, client.clientId) ?? {
    dataCenter: client.baseUrl,
    clientId: client.clientId,
  };
  return {
    profile,
    secretIn: saved.secretIn,
    keyringProblem: saved.keyringProblem,
    updated: before !== undefined,
  };
}

function uniqueAmong(name: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((each) => each.toLowerCase()));
  if (!lower.has(name.toLowerCase())) return name;
  for (let number = 2; ; number++)
    if (!lower.has(`${name}-${number}`.toLowerCase())) return `${name}-${number}`;
}

export interface Forgotten {
  readonly name: string;
  readonly dataCenter: string;
  /** The token was revoked at its data center; `none`: there was no live token to revoke. */
  readonly revoked: boolean | 'none';
  /** Why the token could not be revoked (it expires by itself within two hours). */
  readonly revokeProblem?: string;
  /** Why its keyring entry could not be removed. */
  readonly keyringProblem?: string;
}

/**
 * Forgets each account: its token revoked at its data center while it is alive, its keyring entry removed, its
 * line in the file gone. What could not be done is said per account, never a reason to keep the account.
 */
export async function forgetAccounts(
  store: CredentialStore,
  accounts: readonly Profile[],
  clock: Clock,
  signal?: AbortSignal,
): Promise<Forgotten[]> {
  const results: Forgotten[] = [];
  for (const profile of accounts) {
    const {secrets, secretsProblem, keyringProblem} = store.forget(profile);
    const token = secrets?.token;
    const base = {
      name: profile.name ?? '',
      dataCenter: profile.dataCenter,
      ...(keyringProblem ? {keyringProblem} : {}),
    };
    if (secretsProblem) {
      // Its token could not be read to revoke it: said, never taken for "no token".
      results.push({
        ...base,
        revoked: false,
        revokeProblem: `its token could not be read (${secretsProblem})`,
      });
      continue;
    }
    if (!secrets || !token || token.expiresAt <= clock.now()) {
      results.push({...base, revoked: 'none'});
      continue;
    }
    try {
      const client = new PlatformClient({
        dataCenter: profile.dataCenter,
        clientId: profile.clientId,
        clientSecret: secrets.clientSecret,
        cachedToken: token,
        timeoutMs: 10_000,
        clock,
      });
      await client.revokeToken(signal);
      results.push({...base, revoked: true});
    } catch (error) {
      results.push({...base, revoked: false, revokeProblem: (error as Error).message});
    }
  }
  return results;
}

/**
 * An account the wizard has just remembered, named as `login` names one (its tenant's name and host, made unique)
 * when it is new, and its tenant's name kept; returns its name.
 */
export function nameRemembered(session: Session, tenantName: string, isNew: boolean): string | undefined {
  const {store, client} = session;
  const profile = store.profile(client.baseUrl, client.clientId);
  if (!profile) return undefined;
  const others = store
    .accounts()
    .filter(
      (other) =>
        other.profile.dataCenter !== profile.dataCenter || other.profile.clientId !== profile.clientId,
    )
    .map((other) => other.name);
  const name = isNew ? uniqueAmong(defaultAccountName(tenantName, client.baseUrl), others) : profile.name;
  // A new account becomes the default, as one remembered by login does; an account used again does not.
  store.save({...profile, name, tenantName}, undefined, {makeDefault: isNew});
  return name;
}
