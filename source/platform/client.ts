import type {Clock} from '../clock.js';
import {TokenKeeper} from './auth.js';
import {normalizeBaseUrl} from './base-url.js';
import {type FailedRequest, PlatformError} from './errors.js';
import type {RequestGate} from './gate.js';
import {defaultTimeoutMs, type ExchangeObserver, HttpCore, type HttpRequest} from './http.js';
import {
  checkClientInfo,
  checkPricing,
  checkSearch,
  checkSwitchAnswer,
  checkTenant,
  checkTenantPage,
} from './shapes.js';
import type {AccessToken, ApiClientInfo, Pricing, SearchHit, Tenant} from './types.js';
import {assertUuid} from './uuid.js';

export interface PlatformClientOptions {
  /** The data center as the operator gave it: `https://host`, `https://host/` or `https://host/api/2`. */
  readonly dataCenter: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly timeoutMs?: number;
  readonly onExchange?: ExchangeObserver;
  readonly cachedToken?: AccessToken;
  readonly onToken?: (token: AccessToken) => void;
  /** The run's one clock: token expiry, exchange times, and the waits before a retry (tests move it). */
  readonly clock: Clock;
  /**
   * GETs that meet a 5xx are tried again: twice, 1–2 s apart, as the vendor's guide says for 50x.
   * Retrying a GET is always safe; a PUT is never retried (its outcome is re-read instead).
   */
  readonly retry?: {readonly attempts: number; readonly delayMs: number};
  /** Told before each retry (5xx, or 429 with its Retry-After), so that a screen can show why and how long it waits. */
  readonly onRetry?: (error: PlatformError, attempt: number, delayMs: number) => void;
  /**
   * Shared by every request of a run of many (apply): a 429 pauses them all for its Retry-After, and a GET answered
   * 429 is tried again after the pause, up to 20 times, beside its 5xx retries.
   */
  readonly gate?: RequestGate;
}

/** How many 429s in a row one GET of a gated run waits out before it is reported. */
const gatedRetries = 20;

/**
 * A listing of many pages as a whole may take this many times the per-request timeout (30 s by default: 10 min),
 * so that a platform that keeps answering pages forever cannot keep a script waiting forever.
 */
export const listingTimeoutFactor = 20;

/** A longer Retry-After is not waited for: the operator is told to come back later instead. */
const maxRetryAfterSeconds = 60;

/** The platform as tenant-mode needs it: typed calls, one re-authentication after a 401, errors as values. */
export class PlatformClient {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly #http: HttpCore;
  readonly #tokens: TokenKeeper;
  readonly #retry: {attempts: number; delayMs: number};
  readonly #onRetry?: PlatformClientOptions['onRetry'];
  readonly #clock: Clock;
  readonly #listingLimitMs: number;
  readonly #gate?: RequestGate;
  #self?: ApiClientInfo;

  constructor(options: PlatformClientOptions) {
    this.baseUrl = normalizeBaseUrl(options.dataCenter);
    // A client id is a UUID, which the platform writes in lower case; one pasted in upper case is the same id.
    this.clientId = assertUuid(options.clientId.trim().toLowerCase(), 'client id');
    if (options.clientSecret === '') throw new PlatformError('invalid-input', 'The client secret is empty.');
    this.#http = new HttpCore({
      baseUrl: this.baseUrl,
      timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
      onExchange: options.onExchange,
      clock: options.clock,
      secrets: [options.clientSecret],
    });
    this.#tokens = new TokenKeeper(this.#http, {
      clientId: this.clientId,
      clientSecret: options.clientSecret,
      cachedToken: options.cachedToken,
      onToken: options.onToken,
      clock: options.clock,
    });
    this.#retry = {attempts: 2, delayMs: 1500, ...options.retry};
    this.#listingLimitMs = (options.timeoutMs ?? defaultTimeoutMs) * listingTimeoutFactor;
    this.#onRetry = options.onRetry;
    this.#clock = options.clock;
    this.#gate = options.gate;
  }

  /** The token in use, if any (for the credential cache; never shown). */
  get token(): AccessToken | undefined {
    return this.#tokens.current;
  }

  /** Takes a token now (a cached one with time left counts), proving the credentials work. */
  async authenticate(signal?: AbortSignal): Promise<AccessToken> {
    return this.#tokens.token(signal);
  }

  /** `GET /clients/{client_id}`: the API client, and so the tenant the operator is signed in to. */
  async whoAmI(signal?: AbortSignal): Promise<ApiClientInfo> {
    this.#self ??= await this.#get({path: `/clients/${this.clientId}`, signal}, (body, request) =>
      checkClientInfo(body, request, this.clientId),
    );
    return this.#self;
  }

  async getTenant(tenantId: string, signal?: AbortSignal): Promise<Tenant> {
    assertUuid(tenantId, 'tenant id');
    return this.#get({path: `/tenants/${tenantId}`, signal}, (body, request) =>
      checkTenant(body, request, tenantId),
    );
  }

  /**
   * `GET /search`, tenants only, below `startTenantId` (default: the signed-in tenant). The platform does not page
   * search results; `limit` caps them (default 10 on the platform, 50 here).
   */
  async searchTenants(
    text: string,
    options: {startTenantId?: string; limit?: number; signal?: AbortSignal} = {},
  ): Promise<SearchHit[]> {
    const query = text.trim();
    if (query === '') throw new PlatformError('invalid-input', 'Type part of a tenant name to search for.');
    const start = options.startTenantId ?? (await this.whoAmI(options.signal)).tenant_id;
    assertUuid(start, 'tenant id');
    return this.#get(
      {
        path: '/search',
        query: {tenant: start, text: query, limit: options.limit ?? 50},
        signal: options.signal,
      },
      checkSearch,
    );
  }

  /** `GET /tenants?uuids=`: several tenants in one request (at most 100 a request); missing ones are left out. */
  async getTenants(tenantIds: readonly string[], signal?: AbortSignal): Promise<Tenant[]> {
    const tenants: Tenant[] = [];
    for (let start = 0; start < tenantIds.length; start += 100) {
      const ids = tenantIds.slice(start, start + 100);
      for (const id of ids) assertUuid(id, 'tenant id');
      const page = await this.#get(
        {path: '/tenants', query: {uuids: ids.join(',')}, signal},
        (body, request) => checkTenantPage(body, request, new Set(ids)),
      );
      tenants.push(...page.items);
    }
    return tenants;
  }

  /** `GET /tenants?parent_id=`: every child of a tenant, following the `after` cursor to the end. */
  async listChildren(
    parentId: string,
    options: {pageSize?: number; signal?: AbortSignal} = {},
  ): Promise<Tenant[]> {
    const tenants: Tenant[] = [];
    for await (const page of this.pages('parent_id', parentId, options)) tenants.push(...page);
    return tenants;
  }

  /**
   * `GET /tenants?subtree_root_id=` (the tenant and everything below it, level by level) or `?parent_id=`, one
   * checked page at a time, so that a caller of 100,000 tenants keeps only what it needs of each page.
   */
  async *pages(
    filter: 'parent_id' | 'subtree_root_id',
    id: string,
    options: {pageSize?: number; signal?: AbortSignal} = {},
  ): AsyncGenerator<Tenant[]> {
    assertUuid(id, 'tenant id');
    let count = 0;
    const cursors = new Set<string>();
    const deadline = this.#clock.now() + this.#listingLimitMs;
    const request = {method: 'GET', path: new URL(`${this.baseUrl}/tenants`).pathname};
    let after: string | undefined;
    do {
      if (this.#clock.now() > deadline) {
        throw new PlatformError(
          'timeout',
          `Listing the tenants took longer than ${Math.round(this.#listingLimitMs / 1000)} s (${listingTimeoutFactor} × --timeout); stopped after ${count} tenants.`,
          {request},
        );
      }
      const query = after ? {after, limit: options.pageSize} : {[filter]: id, limit: options.pageSize};
      const page = await this.#get({path: '/tenants', query, signal: options.signal}, (body, failed) =>
        checkTenantPage(body, failed),
      );
      count += page.items.length;
      yield page.items;
      // A cursor seen before would page forever: the listing cannot be trusted to be whole. An empty page that
      // still has a cursor is taken as the end.
      if (page.after && cursors.has(page.after)) {
        throw new PlatformError(
          'shape',
          `The platform answered in an unexpected shape: paging.cursors.after repeats a cursor after ${count} tenants, so the listing would never end.`,
          {request},
        );
      }
      after = page.items.length > 0 ? page.after : undefined;
      if (after) cursors.add(after);
    } while (after);
  }

  async getPricing(tenantId: string, signal?: AbortSignal): Promise<Pricing> {
    assertUuid(tenantId, 'tenant id');
    return this.#get({path: `/tenants/${tenantId}/pricing`, signal}, checkPricing);
  }

  /**
   * The switch itself: `PUT /tenants/{id}/pricing` with exactly `{"version": v, "mode": "production"}`, sent once.
   * Never retried here: after a failure without a clear answer the caller re-reads the pricing.
   */
  async switchToProduction(tenantId: string, version: number, signal?: AbortSignal): Promise<Pricing> {
    assertUuid(tenantId, 'tenant id');
    if (!Number.isSafeInteger(version)) {
      throw new PlatformError(
        'invalid-input',
        `The pricing version must be a whole number (got ${version}).`,
      );
    }
    const path = `/tenants/${tenantId}/pricing`;
    // Never resent here, not even after a 401: the procedure re-reads first (a 401 may come from a proxy that
    // forwarded the request).
    const {status, body} = await this.#authorized<unknown>(
      {method: 'PUT', path, json: switchRequestBody(version), signal},
      {resendAfter401: false},
    );
    const request = {method: 'PUT', path: new URL(this.baseUrl + path).pathname};
    try {
      return checkSwitchAnswer(body, request);
    } catch (error) {
      throw new PlatformError('shape', `The platform answered ${status} without the new pricing settings.`, {
        status,
        request,
        cause: error,
      });
    }
  }

  /** Revokes the token in use (logout). */
  async revokeToken(signal?: AbortSignal): Promise<void> {
    await this.#tokens.revoke(signal);
  }

  /** A GET, its answer checked by `check` (shape, and the id asked for) before anyone acts on it. */
  async #get<T>(
    request: Omit<HttpRequest, 'method'>,
    check: (body: unknown, request: FailedRequest) => T,
  ): Promise<T> {
    let rateLimited = 0;
    for (let attempt = 0; ; attempt++) {
      try {
        const {status, body} = await this.#authorized<unknown>({...request, method: 'GET'});
        const failed = {method: 'GET', path: new URL(this.baseUrl + request.path).pathname};
        // Every GET we make answers a JSON object; anything else (an empty 200 from a proxy) is not the platform.
        if (typeof body !== 'object' || body === null || Array.isArray(body)) {
          throw new PlatformError(
            'not-json',
            `The platform answered ${status} without the expected JSON object.`,
            {status, request: failed},
          );
        }
        return check(body, failed);
      } catch (error) {
        if (this.#gate && error instanceof PlatformError && error.status === 429) {
          // The pause is already asked for (#authorized), at most a minute however long the platform asked for:
          // wait it out with every other request.
          if (rateLimited++ >= gatedRetries) throw error;
          this.#onRetry?.(error, rateLimited, Math.max(0, (this.#gate.pausedUntil ?? 0) - this.#clock.now()));
          attempt--;
          continue;
        }
        const delayMs = error instanceof PlatformError ? this.#retryDelay(error) : undefined;
        if (delayMs === undefined || attempt >= this.#retry.attempts) throw error;
        this.#onRetry?.(error as PlatformError, attempt + 1, delayMs);
        await this.#clock.sleep(delayMs, request.signal).catch(() => {
          throw new PlatformError('aborted', 'Cancelled while waiting to retry.');
        });
      }
    }
  }

  /**
   * How long to wait before a GET is tried again, or undefined when it is not: 5xx after the guide's 1–2 s; 429
   * (no documented rate limit, but proxies send it) after the `Retry-After` it asked for, up to a minute.
   */
  #retryDelay(error: PlatformError): number | undefined {
    if (error.status === 429) {
      const seconds = error.retryAfterSeconds ?? this.#retry.delayMs / 1000;
      return seconds <= maxRetryAfterSeconds ? seconds * 1000 : undefined;
    }
    return (error.status ?? 0) >= 500 ? this.#retry.delayMs : undefined;
  }

  async #authorized<T>(
    request: HttpRequest,
    {resendAfter401 = true}: {resendAfter401?: boolean} = {},
  ): Promise<{status: number; body: T}> {
    await this.#gate?.ready(request.signal).catch(() => {
      throw new PlatformError('aborted', 'Cancelled while waiting for the rate limit to pass.', {
        notSent: true,
      });
    });
    const token = await this.#tokens.token(request.signal);
    try {
      return await this.#http.send<T>({...request, authorization: `Bearer ${token.value}`});
    } catch (error) {
      if (this.#gate && error instanceof PlatformError && error.status === 429) {
        // At least a second: a Retry-After of 0 would otherwise send the same refused request again at once.
        this.#gate.pause(Math.max(1, error.retryAfterSeconds ?? this.#retry.delayMs / 1000) * 1000);
      }
      // A 401 means the token was not accepted (expired early, revoked): a GET takes one new token and is sent
      // once more. The next request after a refused PUT takes a new token too.
      if (!(error instanceof PlatformError) || error.status !== 401) throw error;
      if (!resendAfter401) {
        this.#tokens.forget();
        throw error;
      }
      const fresh = await this.#tokens.renew(request.signal);
      return this.#http.send<T>({...request, authorization: `Bearer ${fresh.value}`});
    }
  }
}

/** The exact body of the switch (tenantPricingSettingsPut: `version` required, no other keys than mode/currency). */
export function switchRequestBody(version: number): {version: number; mode: 'production'} {
  return {version, mode: 'production'};
}

/** The switch request as an operator is shown it before confirming: method, full API path, body. */
export function switchRequest(tenantId: string, version: number) {
  return {
    method: 'PUT',
    path: `/api/2/tenants/${tenantId}/pricing`,
    body: switchRequestBody(version),
  } as const;
}
