import type {Clock} from '../clock.js';
import {TokenKeeper} from './auth.js';
import {normalizeBaseUrl} from './base-url.js';
import {PlatformError} from './errors.js';
import {defaultTimeoutMs, type ExchangeObserver, HttpCore, type HttpRequest} from './http.js';
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
}

/** A longer Retry-After is not waited for: the operator is told to come back later instead. */
const maxRetryAfterSeconds = 60;

interface TenantPage {
  items: Tenant[];
  paging?: {cursors?: {after?: string}};
}

/** The platform as tenant-mode needs it: typed calls, one re-authentication after a 401, errors as values. */
export class PlatformClient {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly #http: HttpCore;
  readonly #tokens: TokenKeeper;
  readonly #retry: {attempts: number; delayMs: number};
  readonly #onRetry?: PlatformClientOptions['onRetry'];
  readonly #clock: Clock;
  #self?: ApiClientInfo;

  constructor(options: PlatformClientOptions) {
    this.baseUrl = normalizeBaseUrl(options.dataCenter);
    this.clientId = assertUuid(options.clientId.trim(), 'client id');
    if (options.clientSecret === '') throw new PlatformError('invalid-input', 'The client secret is empty.');
    this.#http = new HttpCore({
      baseUrl: this.baseUrl,
      timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
      onExchange: options.onExchange,
      clock: options.clock,
    });
    this.#tokens = new TokenKeeper(this.#http, {
      clientId: this.clientId,
      clientSecret: options.clientSecret,
      cachedToken: options.cachedToken,
      onToken: options.onToken,
      clock: options.clock,
    });
    this.#retry = {attempts: 2, delayMs: 1500, ...options.retry};
    this.#onRetry = options.onRetry;
    this.#clock = options.clock;
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
    this.#self ??= await this.#get<ApiClientInfo>({path: `/clients/${this.clientId}`, signal});
    return this.#self;
  }

  async getTenant(tenantId: string, signal?: AbortSignal): Promise<Tenant> {
    assertUuid(tenantId, 'tenant id');
    return this.#get<Tenant>({path: `/tenants/${tenantId}`, signal});
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
    const body = await this.#get<{items: Array<SearchHit & {obj_type: string}>}>({
      path: '/search',
      query: {tenant: start, text: query, limit: options.limit ?? 50},
      signal: options.signal,
    });
    return body.items
      .filter((item) => item.obj_type === 'tenant')
      .map(({obj_type: _, ...hit}) => ({...hit, name: hit.name ?? '', path: hit.path ?? []}));
  }

  /** `GET /tenants?uuids=`: several tenants in one request (at most 100 a request); missing ones are left out. */
  async getTenants(tenantIds: readonly string[], signal?: AbortSignal): Promise<Tenant[]> {
    const tenants: Tenant[] = [];
    for (let start = 0; start < tenantIds.length; start += 100) {
      const ids = tenantIds.slice(start, start + 100);
      for (const id of ids) assertUuid(id, 'tenant id');
      const page = await this.#get<TenantPage>({path: '/tenants', query: {uuids: ids.join(',')}, signal});
      tenants.push(...page.items);
    }
    return tenants;
  }

  /** `GET /tenants?parent_id=`: every child of a tenant, following the `after` cursor to the end. */
  async listChildren(
    parentId: string,
    options: {pageSize?: number; signal?: AbortSignal} = {},
  ): Promise<Tenant[]> {
    return this.#allPages('parent_id', parentId, options);
  }

  /** `GET /tenants?subtree_root_id=`: the tenant and everything below it, level by level, to the end. */
  async listSubtree(
    rootId: string,
    options: {pageSize?: number; signal?: AbortSignal} = {},
  ): Promise<Tenant[]> {
    return this.#allPages('subtree_root_id', rootId, options);
  }

  async #allPages(
    filter: 'parent_id' | 'subtree_root_id',
    id: string,
    options: {pageSize?: number; signal?: AbortSignal},
  ): Promise<Tenant[]> {
    assertUuid(id, 'tenant id');
    const tenants: Tenant[] = [];
    let after: string | undefined;
    do {
      const page: TenantPage = await this.#get<TenantPage>({
        path: '/tenants',
        query: after ? {after, limit: options.pageSize} : {[filter]: id, limit: options.pageSize},
        signal: options.signal,
      });
      tenants.push(...page.items);
      after = page.paging?.cursors?.after;
    } while (after);
    return tenants;
  }

  async getPricing(tenantId: string, signal?: AbortSignal): Promise<Pricing> {
    assertUuid(tenantId, 'tenant id');
    return this.#get<Pricing>({path: `/tenants/${tenantId}/pricing`, signal});
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
    const {status, body} = await this.#authorized<Pricing>({
      method: 'PUT',
      path: `/tenants/${tenantId}/pricing`,
      json: switchRequestBody(version),
      signal,
    });
    if (typeof body !== 'object' || body === null || typeof body.mode !== 'string') {
      throw new PlatformError(
        'not-json',
        `The platform answered ${status} without the new pricing settings.`,
        {
          status,
          request: {method: 'PUT', path: new URL(`${this.baseUrl}/tenants/${tenantId}/pricing`).pathname},
        },
      );
    }
    return body;
  }

  /** Revokes the token in use (logout). */
  async revokeToken(signal?: AbortSignal): Promise<void> {
    await this.#tokens.revoke(signal);
  }

  async #get<T>(request: Omit<HttpRequest, 'method'>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        const {status, body} = await this.#authorized<T>({...request, method: 'GET'});
        // Every GET we make answers a JSON object; anything else (an empty 200 from a proxy) is not the platform.
        if (typeof body !== 'object' || body === null || Array.isArray(body)) {
          throw new PlatformError(
            'not-json',
            `The platform answered ${status} without the expected JSON object.`,
            {
              status,
              request: {method: 'GET', path: new URL(this.baseUrl + request.path).pathname},
            },
          );
        }
        return body;
      } catch (error) {
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

  async #authorized<T>(request: HttpRequest): Promise<{status: number; body: T}> {
    const token = await this.#tokens.token(request.signal);
    try {
      return await this.#http.send<T>({...request, authorization: `Bearer ${token.value}`});
    } catch (error) {
      // A 401 means the token was not accepted (expired early, revoked): the request had no effect, so one
      // new token and one resend are safe, also for the PUT.
      if (!(error instanceof PlatformError) || error.status !== 401) throw error;
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
