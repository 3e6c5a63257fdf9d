import {type AccessToken, normalizeBaseUrl} from '../platform/index.js';
import type {CredentialStore} from '../store/index.js';

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
}

/**
 * What signing in starts with (the wizard's connect step, and the scripting commands): flags and the given secret
 * first (all three given: no questions), else the last saved profile (signs in by itself) with the secret given or
 * its own, else what was given, the rest asked.
 */
export function startingPoint(
  given: {url?: string; clientId?: string; secret?: string},
  store: CredentialStore,
): StartingPoint {
  const last = store.lastProfile();
  const matchesLast =
    last !== undefined &&
    (given.url === undefined || sameDataCenter(given.url, last.dataCenter)) &&
    (given.clientId === undefined || given.clientId.toLowerCase() === last.clientId);
  if (given.url && given.clientId && given.secret) {
    return {
      form: {dataCenter: given.url, clientId: given.clientId, secret: given.secret, rememberAsked: true},
      cachedToken: matchesLast && last.clientSecret === given.secret ? last.token : undefined,
      knownTenantId: matchesLast && last.clientSecret === given.secret ? last.tenantId : undefined,
      remembered: false,
    };
  }
  // The saved account, with its own secret or with the one given (a cron job's --client-secret-file, a rotated
  // secret): a secret other than the saved one is used for this run only, with no saved token.
  const secret = given.secret ?? last?.clientSecret;
  if (matchesLast && secret) {
    const saved = secret === last.clientSecret;
    return {
      form: {
        dataCenter: last.dataCenter,
        clientId: last.clientId,
        secret,
        remember: saved,
        rememberAsked: true,
      },
      cachedToken: saved ? last.token : undefined,
      knownTenantId: saved ? last.tenantId : undefined,
      remembered: saved,
    };
  }
  return {
    form: {dataCenter: given.url ?? '', clientId: given.clientId ?? '', secret: given.secret ?? ''},
    remembered: false,
  };
}

/** Two data center URLs for the same API (a trailing `/` or `/api/2` makes no difference). */
export function sameDataCenter(a: string, b: string): boolean {
  try {
    return normalizeBaseUrl(a) === normalizeBaseUrl(b);
  } catch {
    return false;
  }
}
