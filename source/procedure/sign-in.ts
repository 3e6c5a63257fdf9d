import type {Clock} from '../clock.js';
import {
  type AccessToken,
  type ExchangeObserver,
  hostOf,
  PlatformClient,
  type PlatformError,
  type RequestGate,
} from '../platform/index.js';
import type {CredentialStore} from '../store/index.js';

/** What signing in needs from the operator (or from flags, the environment, a saved profile). */
export interface Credentials {
  readonly dataCenter: string;
  readonly clientId: string;
  readonly secret: string;
}

export interface SignInOptions {
  readonly store: CredentialStore;
  /** Save the profile (with its secret) once signed in, and keep its token fresh in the file. */
  readonly remember: boolean;
  /** A token saved by an earlier run: used while it has time left, so that no new one is taken. */
  readonly cachedToken?: AccessToken;
  readonly clock: Clock;
  readonly timeoutMs?: number;
  readonly retry?: {readonly attempts: number; readonly delayMs: number};
  readonly onExchange?: ExchangeObserver;
  /** Told before a GET is tried again (5xx, or 429 with its Retry-After). */
  readonly onRetry?: (error: PlatformError, attempt: number, delayMs: number) => void;
  readonly signal?: AbortSignal;
  /** For a run of many requests (apply): a 429 pauses them all (platform/gate.ts). */
  readonly gate?: RequestGate;
  /** The remembered account signed in with: its name goes into printed commands and the audit log. */
  readonly accountName?: string;
  /** Signed in to the embedded sandbox: its switches are rehearsals (so are those of an account marked a sandbox). */
  readonly rehearsal?: boolean;
}

/** Who is signed in where, in the words a screen shows. */
export interface Account {
  readonly host: string;
  readonly clientId: string;
  readonly tenantId: string;
  readonly tenantName: string;
}

/** A signed-in run: the client, the id of the operator's own tenant, and the store its files live beside. */
export interface Session {
  readonly client: PlatformClient;
  /** The tenant the API client belongs to: where searches start and paths end. Its name is read when needed. */
  readonly ownId: string;
  readonly host: string;
  readonly store: CredentialStore;
  /** The remembered account's name, when it is one (docs/accounts.md). */
  readonly account?: string;
  /**
   * A sandbox: the embedded one, or an account marked as one. Its switches are rehearsals: recorded apart in the
   * audit log, and their receipts say that no customer was switched (docs/audit-log.md).
   */
  readonly rehearsal?: true;
}

/**
 * The first step of the procedure, the same for the wizard and the commands: takes a token (a cached one with time
 * left counts) and learns the API client's own tenant (from the saved profile when it is known: no request), and
 * remembers the credentials when the operator agreed. Throws a PlatformError when the platform refuses or cannot
 * be reached; `signInFault` says which field is at fault.
 */
export async function signIn(
  credentials: Credentials,
  options: SignInOptions & {readonly knownTenantId?: string},
): Promise<Session> {
  const {store, remember, signal} = options;
  const client: PlatformClient = new PlatformClient({
    dataCenter: credentials.dataCenter,
    clientId: credentials.clientId,
    clientSecret: credentials.secret,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    clock: options.clock,
    cachedToken: options.cachedToken,
    onToken: (token) => {
      if (remember) store.saveToken(client.baseUrl, client.clientId, token);
    },
    onExchange: options.onExchange,
    onRetry: options.onRetry,
    gate: options.gate,
  });
  await client.authenticate(signal);
  const rehearsal =
    options.rehearsal === true || store.profile(client.baseUrl, client.clientId)?.sandbox === true;
  const ownId = options.knownTenantId ?? (await client.whoAmI(signal)).tenant_id;
  if (remember) {
    // Saved only when something changed: a run that only reads leaves the file alone.
    store.save({
      ...store.profile(client.baseUrl, client.clientId),
      dataCenter: client.baseUrl,
      clientId: client.clientId,
      clientSecret: credentials.secret,
      token: client.token,
      tenantId: ownId,
    });
  }
  return {
    client,
    ownId,
    host: hostOf(credentials.dataCenter),
    store,
    ...(options.accountName ? {account: options.accountName} : {}),
    ...(rehearsal ? {rehearsal: true as const} : {}),
  };
}

const ownNames = new WeakMap<Session, Promise<string>>();

/** The name of the operator's own tenant, read once per session (`GET /tenants/{own}`) and only when needed. */
export function ownName(session: Session, signal?: AbortSignal): Promise<string> {
  let name = ownNames.get(session);
  if (!name) {
    name = session.client.getTenant(session.ownId, signal).then((tenant) => tenant.name);
    // A failed read is not kept: the next caller tries again.
    name.catch(() => ownNames.delete(session));
    ownNames.set(session, name);
  }
  return name;
}

/** Who is signed in where, for a screen. */
export async function accountOf(session: Session, signal?: AbortSignal): Promise<Account> {
  return {
    host: session.host,
    clientId: session.client.clientId,
    tenantId: session.ownId,
    tenantName: await ownName(session, signal),
  };
}
