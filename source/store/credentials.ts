import {chmodSync, existsSync, lstatSync, renameSync, statSync} from 'node:fs';
import {dirname} from 'node:path';
import Conf from 'conf';
import type {Clock} from '../clock.js';
import {fileProblem} from './file-problem.js';
import {type Keyring, KeyringError, type KeyringItem} from './keyring.js';
import {credentialsPath} from './location.js';
import {ensurePrivateFolder} from './private-folder.js';

/**
 * A remembered account: one API client on one data center (docs/accounts.md). Files written by 0.1 and 0.2 have
 * no name and keep the secret in the file; they are read as they are (a name is made up from the host).
 */
export interface Profile {
  /** What `--account` takes; unique among the accounts. */
  readonly name?: string;
  /** The normalised API base URL, `https://host/api/2`. */
  readonly dataCenter: string;
  readonly clientId: string;
  /** In the file only when it is kept there (`secretIn` absent or `file`); otherwise read from the keyring. */
  readonly clientSecret?: string;
  /** The last access token and its expiry (epoch ms), so that a second run within its life takes no new one. */
  readonly token?: {readonly value: string; readonly expiresAt: number};
  /** The tenant the client belongs to (it never changes): a run with a saved profile need not ask for it. */
  readonly tenantId?: string;
  /** That tenant's name, as read when the account was remembered (shown in `accounts` and the wizard). */
  readonly tenantName?: string;
  /** Where the secret (and the token) are kept: the OS keyring, or this file (0600). Absent: the file. */
  readonly secretIn?: 'keyring' | 'file';
  /** With the token in the keyring: when it expires, so that `accounts` says so without reading the keyring. */
  readonly tokenExpiresAt?: number;
  /**
   * Marked as a sandbox (`login --sandbox`, `sandbox --login`): its switches are rehearsals, recorded apart in the
   * audit log (docs/audit-log.md).
   */
  readonly sandbox?: true;
}

/** A remembered account as `accounts` lists it: its profile (no secret read) under its name. */
export interface RememberedAccount {
  readonly name: string;
  readonly profile: Profile;
  readonly isDefault: boolean;
}

/** The secret of an account and its saved token, wherever they are kept. */
export interface AccountSecrets {
  readonly clientSecret: string;
  readonly token?: {readonly value: string; readonly expiresAt: number};
}

interface Stored {
  /** Absent until a first profile is saved: a run that only reads never writes the file. */
  profiles?: Record<string, Profile>;
  last?: string;
}

export interface OpenedStore {
  readonly store: CredentialStore;
  /** Said to the operator when the file had to be set aside or cannot be used. */
  readonly notice?: string;
}

const profileKey = (dataCenter: string, clientId: string) => `${dataCenter} ${clientId}`;

/**
 * Remembered accounts on conf: a JSON file, 0600 in a 0700 folder, written atomically; each account's secret and
 * token in the OS keyring when it was remembered there (keyring.ts), else in the file.
 */
export class CredentialStore {
  /** The folder of the credentials file, where the audit log lives too. */
  readonly directory: string;
  /** Secrets read from the keyring this run, by account key: each read once. */
  readonly #fromKeyring = new Map<string, AccountSecrets>();

  private constructor(
    readonly path: string,
    private readonly conf: Conf<Stored> | undefined,
    /** The system's keyring, or why there is none. */
    readonly keyring: Keyring | string = 'no keyring was looked for',
  ) {
    this.directory = dirname(path);
  }

  /**
   * Opens the file; a corrupt one (bad JSON, wrong types) is renamed aside and a fresh one started, and one that
   * cannot be used at all (a folder, unreadable) leaves the store working in memory only, with a notice.
   */
  static open(directory: string, clock: Clock, keyring?: Keyring | string): OpenedStore {
    const path = credentialsPath(directory);
    try {
      ensurePrivateFolder(directory);
      const modeNotice = privateFile(path);
      const conf = makeConf(directory);
      const problem = shapeProblem(conf);
      if (problem === undefined) return {store: new CredentialStore(path, conf, keyring), notice: modeNotice};
      return CredentialStore.#setAside(directory, path, problem, clock.now(), keyring);
    } catch (error) {
      const code = (error as {code?: string}).code;
      if (error instanceof SyntaxError)
        return CredentialStore.#setAside(directory, path, 'it is not valid JSON', clock.now(), keyring);
      const reason =
        code === 'EISDIR'
          ? 'it is a folder, not a file'
          : code === 'ELOOP'
            ? 'it is a symbolic link, which is never followed'
            : code === 'ENOTFILE'
              ? 'it is not a regular file'
              : code === 'EACCES' || code === 'EPERM'
                ? 'it cannot be read or written (permissions)'
                : (error as Error).message;
      return {
        store: new CredentialStore(path, undefined, keyring),
        notice: `The credentials file ${path} cannot be used (${reason}): nothing will be remembered this time.`,
      };
    }
  }

  static #setAside(
    directory: string,
    path: string,
    reason: string,
    now: number,
    keyring?: Keyring | string,
  ): OpenedStore {
    const aside = `${path}.corrupt-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
    try {
      if (existsSync(path) && statSync(path).isFile()) renameSync(path, aside);
      return {
        store: new CredentialStore(path, makeConf(directory), keyring),
        notice: `The credentials file was unusable (${reason}); it was set aside as ${aside} and a new one started.`,
      };
    } catch (error) {
      // A folder that cannot be written (read-only, another user's): the file stays as it is, and nothing is
      // remembered this time.
      return {
        store: new CredentialStore(path, undefined, keyring),
        notice: `The credentials file ${path} is unusable (${reason}) and cannot be set aside (${fileProblem(error)}): nothing will be remembered this time.`,
      };
    }
  }

  #profiles(): Record<string, Profile> {
    return this.conf?.get('profiles') ?? {};
  }

  /** False when the file could not be used: nothing is remembered. */
  get persistent(): boolean {
    return this.conf !== undefined;
  }

  /** The default account (the one remembered or chosen last), its secret not read. */
  lastProfile(): Profile | undefined {
    const last = this.conf?.get('last');
    return last ? this.#named()[last] : undefined;
  }

  /** The account of this data center and client (a URL written another way, a client id in capitals, alike). */
  profile(dataCenter: string, clientId: string): Profile | undefined {
    const key = this.#keyOf(dataCenter, clientId);
    return key === undefined ? undefined : this.#named()[key];
  }

  /** Every remembered account, by name. */
  accounts(): RememberedAccount[] {
    const last = this.conf?.get('last');
    return Object.entries(this.#named())
      .map(([key, profile]) => ({name: profile.name ?? '', profile, isDefault: key === last}))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * The account of that name: written as it is, else told apart without regard to case when only one fits (a file
   * edited by hand may hold "eu" and "EU": then each is found by its own writing only).
   */
  account(name: string): Profile | undefined {
    const all = Object.values(this.#named());
    const exact = all.find((profile) => profile.name === name.trim());
    if (exact) return exact;
    const wanted = name.trim().toLowerCase();
    const alike = all.filter((profile) => profile.name?.toLowerCase() === wanted);
    return alike.length === 1 ? alike[0] : undefined;
  }

  /** Makes the account the default. */
  setDefault(profile: Profile): void {
    const key = this.#keyOf(profile.dataCenter, profile.clientId);
    if (key !== undefined) this.conf?.set('last', key);
  }

  /**
   * The account's secret and saved token, from the file or the keyring (read once a run). Undefined when none is
   * remembered; a KeyringError when the keyring cannot give it now (locked, gone, unreachable).
   */
  secretsOf(profile: Profile): AccountSecrets | undefined {
    if (profile.secretIn !== 'keyring') {
      return profile.clientSecret === undefined
        ? undefined
        : {clientSecret: profile.clientSecret, token: profile.token};
    }
    const key = accountKey(profile.dataCenter, profile.clientId);
    const known = this.#fromKeyring.get(key);
    if (known) return known;
    if (typeof this.keyring === 'string') throw new KeyringError(this.keyring, 'unavailable');
    const text = this.keyring.lookup(this.#itemOf(profile));
    const secrets = parseSecrets(text);
    if (!secrets) throw new KeyringError('the keyring holds something else than its secret', 'failed');
    this.#fromKeyring.set(key, secrets);
    return secrets;
  }

  /**
   * Saves the account (the default one too when `makeDefault`: `login`, an account the wizard remembers anew); writes
   * nothing when nothing changed. Its secret and token go where it keeps them: `where` for a new account or a move
   * (`keyring` falls back to the file when the keyring cannot take it), else where they were; a new account with no
   * `where` goes to the keyring where there is one. Returns where they went, and what the keyring could not do.
   */
  save(
    profile: Profile,
    where?: 'keyring' | 'file',
    options: {readonly makeDefault?: boolean} = {},
  ): {readonly secretIn: 'keyring' | 'file'; readonly keyringProblem?: string} {
    if (!this.conf) return {secretIn: 'file'};
    const key =
      this.#keyOf(profile.dataCenter, profile.clientId) ?? profileKey(profile.dataCenter, profile.clientId);
    const before = this.#named()[key];
    const wanted = where ?? (before ? (before.secretIn ?? 'file') : this.newSecretsGo());
    const {clientSecret, token, secretIn: _was, tokenExpiresAt, ...about} = profile;
    const named = {...about, name: profile.name ?? before?.name ?? this.#freeName(profile, key)};
    let stored: Profile | undefined;
    let keyringProblem: string | undefined;
    if (wanted === 'keyring' && clientSecret === undefined) {
      // What is known of the account changed, not its secret: the keyring keeps it.
      stored = {...named, secretIn: 'keyring', tokenExpiresAt};
    } else if (wanted === 'keyring' && clientSecret !== undefined) {
      try {
        const secrets = {clientSecret, ...(token ? {token} : {})};
        const known = this.#fromKeyring.get(accountKey(profile.dataCenter, profile.clientId));
        if (before?.secretIn !== 'keyring' || JSON.stringify(known) !== JSON.stringify(secrets)) {
          this.#intoKeyring(profile, secrets);
        }
        stored = {...named, secretIn: 'keyring', tokenExpiresAt: token?.expiresAt};
      } catch (error) {
        keyringProblem = messageOfKeyring(error);
      }
    }
    if (!stored) {
      // In the file (asked for, or the keyring could not take it): the keyring must keep no copy — said when it does.
      if (before?.secretIn === 'keyring') {
        try {
          this.#outOfKeyring(before);
        } catch (error) {
          keyringProblem = `its copy in the keyring could not be removed (${messageOfKeyring(error)}): remove "${this.#itemOf(before).label}" with your keyring's own tool`;
        }
      }
      stored = {...named, ...(clientSecret === undefined ? {} : {clientSecret}), ...(token ? {token} : {})};
    }
    // The default changes when asked (login, the wizard remembering anew), or for a first account when there is none
    // — never for one saved with `makeDefault: false` (the sandbox's, while it runs), nor by using an account.
    const current = this.conf.get('last');
    const last =
      options.makeDefault === true || (options.makeDefault === undefined && current === undefined && !before)
        ? key
        : current;
    const unchanged =
      this.conf.get('last') === last && JSON.stringify(this.#profiles()[key]) === JSON.stringify(stored);
    if (!unchanged) {
      // Every name as it is read now is written down with it: a name made up for a 0.2 profile never moves.
      this.conf.set('profiles', {...this.#named(), [key]: stored});
      if (last !== undefined) this.conf.set('last', last);
    }
    return {secretIn: stored.secretIn === 'keyring' ? 'keyring' : 'file', keyringProblem};
  }

  /** Where a new account's secret goes: the keyring when there is one (it may still refuse it: then the file). */
  newSecretsGo(): 'keyring' | 'file' {
    return typeof this.keyring === 'string' ? 'file' : 'keyring';
  }

  /** Where a new account's secret is kept, in words, for the question that asks to remember it. */
  newSecretsPlace(): string {
    return typeof this.keyring === 'string'
      ? `in ${this.path}, readable by you only`
      : `its secret in ${this.keyring.name}, the rest in ${this.path}`;
  }

  /** Keeps a new token for a saved profile (only saved profiles get one), beside its secret. */
  saveToken(dataCenter: string, clientId: string, token: Profile['token']): void {
    const profile = this.profile(dataCenter, clientId);
    if (!profile) return;
    if (profile.secretIn !== 'keyring') {
      this.save({...profile, token});
      return;
    }
    // A token is a saving of time, not a record: a keyring that cannot take it leaves the account as it was.
    try {
      const secrets = this.secretsOf(profile);
      if (!secrets) return;
      this.#intoKeyring(profile, {...secrets, token});
      this.save({...profile, tokenExpiresAt: token?.expiresAt});
    } catch {}
  }

  /**
   * Forgets the account and removes its keyring item; returns its secrets when they could be read (to revoke its
   * token), else why not, and what the keyring could not do.
   */
  forget(profile: Profile): {
    readonly secrets?: AccountSecrets;
    readonly secretsProblem?: string;
    readonly keyringProblem?: string;
  } {
    if (!this.conf) return {};
    const key = this.#keyOf(profile.dataCenter, profile.clientId);
    if (key === undefined) return {};
    let secrets: AccountSecrets | undefined;
    let secretsProblem: string | undefined;
    let keyringProblem: string | undefined;
    try {
      secrets = this.secretsOf(profile);
    } catch (error) {
      secretsProblem = messageOfKeyring(error);
    }
    if (profile.secretIn === 'keyring') {
      try {
        this.#outOfKeyring(profile);
      } catch (error) {
        keyringProblem = `${messageOfKeyring(error)}: remove "${this.#itemOf(profile).label}" with your keyring's own tool`;
      }
    }
    const {[key]: _gone, ...rest} = this.#named();
    this.conf.set('profiles', rest);
    // The default goes to the first account left (by name), if any.
    if (this.conf.get('last') === key) {
      const next = this.accounts()[0];
      if (next) this.setDefault(next.profile);
      else this.conf.delete('last');
    }
    return {secrets, secretsProblem, keyringProblem};
  }

  #intoKeyring(profile: Profile, secrets: AccountSecrets): void {
    if (typeof this.keyring === 'string') throw new KeyringError(this.keyring, 'unavailable');
    this.keyring.store(this.#itemOf(profile), JSON.stringify(secrets));
    this.#fromKeyring.set(accountKey(profile.dataCenter, profile.clientId), secrets);
  }

  #outOfKeyring(profile: Profile): void {
    this.#fromKeyring.delete(accountKey(profile.dataCenter, profile.clientId));
    if (typeof this.keyring === 'string') throw new KeyringError(this.keyring, 'unavailable');
    this.keyring.remove(this.#itemOf(profile));
  }

  /**
   * The keyring item of an account: found by its data center, its client and this config folder (two folders that
   * remember the same client keep two items: forgetting it in one never takes the other's secret or token).
   */
  #itemOf(profile: Profile): KeyringItem {
    return {
      dataCenter: accountKey(profile.dataCenter, profile.clientId).split(' ')[0] ?? profile.dataCenter,
      clientId: profile.clientId.toLowerCase(),
      folder: this.directory,
      label: `tenant-mode: ${profile.name ?? profile.clientId} (${hostName(profile.dataCenter)})`,
    };
  }

  /** The key the file has for this account, its URL and client id compared as written any way. */
  #keyOf(dataCenter: string, clientId: string): string | undefined {
    const wanted = accountKey(dataCenter, clientId);
    return Object.entries(this.#profiles()).find(
      ([, profile]) => accountKey(profile.dataCenter, profile.clientId) === wanted,
    )?.[0];
  }

  /**
   * The profiles, each with a name. Files from 0.1 and 0.2 have none: such a profile is named after its host, or
   * its host and the start of its client id when another shares the host — never a name that another profile
   * could take over when one is forgotten. Names are written down at the next save.
   */
  #named(): Record<string, Profile> {
    const profiles = Object.entries(this.#profiles());
    const taken = new Set(
      profiles.flatMap(([, profile]) => (profile.name ? [profile.name.toLowerCase()] : [])),
    );
    const hosts = profiles
      .filter(([, profile]) => !profile.name)
      .map(([, profile]) => hostName(profile.dataCenter));
    const named: Record<string, Profile> = {};
    for (const [key, profile] of profiles) {
      if (profile.name) {
        named[key] = profile;
        continue;
      }
      const host = hostName(profile.dataCenter);
      const shared = hosts.filter((other) => other === host).length > 1 || taken.has(host.toLowerCase());
      named[key] = {...profile, name: shared ? `${host}-${profile.clientId.slice(0, 8)}` : host};
    }
    return named;
  }

  /** A name for a new account: its host's, made unique among the others. */
  #freeName(profile: Profile, key: string): string {
    const taken = new Set(
      Object.entries(this.#named())
        .filter(([other]) => other !== key)
        .map(([, other]) => other.name ?? ''),
    );
    return unique(hostName(profile.dataCenter), taken);
  }
}

/** An account's data center and client as compared: the API base URL (`…/api/2`, host in lower case), the id. */
function accountKey(dataCenter: string, clientId: string): string {
  let base = dataCenter;
  try {
    const url = new URL(dataCenter);
    const path = url.pathname.replace(/\/+$/, '').replace(/\/api\/2$/, '');
    base = `${url.protocol}//${url.host.toLowerCase()}${path}/api/2`;
  } catch {}
  return `${base} ${clientId.trim().toLowerCase()}`;
}

function messageOfKeyring(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function parseSecrets(text: string): AccountSecrets | undefined {
  try {
    const value = JSON.parse(text) as Partial<AccountSecrets>;
    if (typeof value.clientSecret !== 'string') return undefined;
    const token = value.token;
    const tokenOk = token && typeof token.value === 'string' && typeof token.expiresAt === 'number';
    return {clientSecret: value.clientSecret, ...(tokenOk ? {token} : {})};
  } catch {
    return undefined;
  }
}

function hostName(dataCenter: string): string {
  try {
    return new URL(dataCenter).host;
  } catch {
    return dataCenter;
  }
}

/** The name, or the name with -2, -3… when it is taken (names are told apart without regard to case). */
export function unique(name: string, taken: ReadonlySet<string>): string {
  const lower = new Set([...taken].map((each) => each.toLowerCase()));
  if (!lower.has(name.toLowerCase())) return name;
  for (let number = 2; ; number++) {
    const candidate = `${name}-${number}`;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * Refuses a config.json that is a symbolic link (it would be read through, and replaced on the next save), and
 * makes one that others can read private again (an earlier tool or a copy left it 0644), saying so.
 */
function privateFile(path: string): string | undefined {
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(path);
  } catch {
    return undefined;
  }
  if (stat.isSymbolicLink()) throw Object.assign(new Error('symbolic link'), {code: 'ELOOP'});
  if (stat.isDirectory()) throw Object.assign(new Error('a folder'), {code: 'EISDIR'});
  // A FIFO or a device would block the read for good (a FIFO waits for a writer): never opened.
  if (!stat.isFile()) throw Object.assign(new Error('not a regular file'), {code: 'ENOTFILE'});
  if ((Number(stat.mode) & 0o077) === 0) return undefined;
  const was = (Number(stat.mode) & 0o777).toString(8);
  chmodSync(path, 0o600);
  return `The credentials file ${path} could be read by others (mode ${was}); it is now readable by you only (0600).`;
}

function makeConf(directory: string): Conf<Stored> {
  return new Conf<Stored>({
    projectName: 'tenant-mode',
    cwd: directory,
    configName: 'config',
    configFileMode: 0o600,
    // A corrupt file is set aside by us, with a message; conf's default would empty it silently.
    clearInvalidConfig: false,
  });
}

function shapeProblem(conf: Conf<Stored>): string | undefined {
  const store = conf.store as unknown as Record<string, unknown>;
  const profiles = store.profiles ?? {};
  if (typeof profiles !== 'object' || profiles === null || Array.isArray(profiles))
    return 'its "profiles" is not an object';
  for (const profile of Object.values(profiles as Record<string, unknown>)) {
    const candidate = profile as Record<string, unknown> | null;
    if (typeof candidate?.dataCenter !== 'string' || typeof candidate.clientId !== 'string') {
      return 'a saved profile has no data center or client id';
    }
    if (candidate.clientSecret !== undefined && typeof candidate.clientSecret !== 'string') {
      return 'a saved secret is not text';
    }
    if (candidate.name !== undefined && typeof candidate.name !== 'string')
      return 'an account name is not text';
    for (const field of ['tenantId', 'tenantName'] as const) {
      if (candidate[field] !== undefined && typeof candidate[field] !== 'string')
        return `a saved ${field} is not text`;
    }
    if (candidate.sandbox !== undefined && candidate.sandbox !== true) return 'a sandbox mark is not true';
    if (candidate.tokenExpiresAt !== undefined && !Number.isFinite(candidate.tokenExpiresAt)) {
      return 'a saved token expiry is not a time';
    }
    const token = candidate.token as Record<string, unknown> | undefined | null;
    if (token !== undefined && (typeof token?.value !== 'string' || !Number.isFinite(token.expiresAt))) {
      return 'a saved token is not a token';
    }
    if (
      candidate.secretIn !== undefined &&
      candidate.secretIn !== 'keyring' &&
      candidate.secretIn !== 'file'
    ) {
      return 'an account says its secret is kept somewhere unknown';
    }
  }
  if (store.last !== undefined && typeof store.last !== 'string') return 'its "last" is not text';
  return undefined;
}
