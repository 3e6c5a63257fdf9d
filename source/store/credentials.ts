import {chmodSync, existsSync, lstatSync, renameSync, statSync} from 'node:fs';
import {dirname} from 'node:path';
import Conf from 'conf';
import type {Clock} from '../clock.js';
import {fileProblem} from './file-problem.js';
import {credentialsPath} from './location.js';
import {ensurePrivateFolder} from './private-folder.js';

/** A saved sign-in: one API client on one data center. */
export interface Profile {
  /** The normalised API base URL, `https://host/api/2`. */
  readonly dataCenter: string;
  readonly clientId: string;
  /** Only when the operator agreed to remember it. */
  readonly clientSecret?: string;
  /** The last access token and its expiry (epoch ms), so that a second run within its life takes no new one. */
  readonly token?: {readonly value: string; readonly expiresAt: number};
  /** The tenant the client belongs to (it never changes): a run with a saved profile need not ask for it. */
  readonly tenantId?: string;
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

/** Saved credentials on conf: a JSON file, 0600 in a 0700 folder, written atomically. */
export class CredentialStore {
  /** The folder of the credentials file, where the audit log lives too. */
  readonly directory: string;

  private constructor(
    readonly path: string,
    private readonly conf: Conf<Stored> | undefined,
  ) {
    this.directory = dirname(path);
  }

  /**
   * Opens the file; a corrupt one (bad JSON, wrong types) is renamed aside and a fresh one started, and one that
   * cannot be used at all (a folder, unreadable) leaves the store working in memory only, with a notice.
   */
  static open(directory: string, clock: Clock): OpenedStore {
    const path = credentialsPath(directory);
    try {
      ensurePrivateFolder(directory);
      const modeNotice = privateFile(path);
      const conf = makeConf(directory);
      const problem = shapeProblem(conf);
      if (problem === undefined) return {store: new CredentialStore(path, conf), notice: modeNotice};
      return CredentialStore.#setAside(directory, path, problem, clock.now());
    } catch (error) {
      const code = (error as {code?: string}).code;
      if (error instanceof SyntaxError)
        return CredentialStore.#setAside(directory, path, 'it is not valid JSON', clock.now());
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
        store: new CredentialStore(path, undefined),
        notice: `The credentials file ${path} cannot be used (${reason}): nothing will be remembered this time.`,
      };
    }
  }

  static #setAside(directory: string, path: string, reason: string, now: number): OpenedStore {
    const aside = `${path}.corrupt-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
    try {
      if (existsSync(path) && statSync(path).isFile()) renameSync(path, aside);
      return {
        store: new CredentialStore(path, makeConf(directory)),
        notice: `The credentials file was unusable (${reason}); it was set aside as ${aside} and a new one started.`,
      };
    } catch (error) {
      // A folder that cannot be written (read-only, another user's): the file stays as it is, and nothing is
      // remembered this time.
      return {
        store: new CredentialStore(path, undefined),
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

  lastProfile(): Profile | undefined {
    const last = this.conf?.get('last');
    return last ? this.#profiles()[last] : undefined;
  }

  profile(dataCenter: string, clientId: string): Profile | undefined {
    return this.#profiles()[profileKey(dataCenter, clientId)];
  }

  /** Saves the profile and makes it the last one used; writes nothing when both are so already. */
  save(profile: Profile): void {
    if (!this.conf) return;
    const key = profileKey(profile.dataCenter, profile.clientId);
    const unchanged =
      this.conf.get('last') === key && JSON.stringify(this.#profiles()[key]) === JSON.stringify(profile);
    if (unchanged) return;
    this.conf.set('profiles', {...this.#profiles(), [key]: profile});
    this.conf.set('last', key);
  }

  /** Keeps a new token for a saved profile (only saved profiles get one). */
  saveToken(dataCenter: string, clientId: string, token: Profile['token']): void {
    const profile = this.profile(dataCenter, clientId);
    if (profile) this.save({...profile, token});
  }

  /** Forgets every saved profile and returns them (so that their tokens can be revoked). */
  forgetAll(): Profile[] {
    if (!this.conf) return [];
    const profiles = Object.values(this.#profiles());
    this.conf.clear();
    return profiles;
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
  }
  if (store.last !== undefined && typeof store.last !== 'string') return 'its "last" is not text';
  return undefined;
}
