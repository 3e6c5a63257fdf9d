import type {Clock} from '../clock.js';
import {PlatformError} from './errors.js';
import type {HttpCore} from './http.js';
import type {AccessToken} from './types.js';

// Access tokens live two hours (docs/platform-notes.md §1). The vendor's scripts renew with 15 minutes left; we renew with
// 5 minutes left, or a tenth of a short lifetime (the sandbox can issue tokens that live seconds).
const renewMarginMs = 5 * 60_000;
const assumedLifetimeSeconds = 7200;

interface TokenBody {
  access_token: string;
  expires_in?: number;
  expires_on?: number;
}

export interface TokenKeeperOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  /** A token saved by an earlier run; used while it has time left. */
  readonly cachedToken?: AccessToken;
  /** Told of every new token, so that a store can cache it. */
  readonly onToken?: (token: AccessToken) => void;
  /** Judges expiry; the same clock as everything else of the run. */
  readonly clock: Clock;
}

/** Takes client-credentials tokens from `POST /idp/token` and keeps the current one until shortly before expiry. */
export class TokenKeeper {
  #token?: AccessToken;
  #lifetimeMs = assumedLifetimeSeconds * 1000;
  #pending?: Promise<AccessToken>;

  constructor(
    private readonly http: HttpCore,
    private readonly options: TokenKeeperOptions,
  ) {
    this.#token = options.cachedToken;
  }

  /** The current token, if any, without asking for one. */
  get current(): AccessToken | undefined {
    return this.#token;
  }

  async token(signal?: AbortSignal): Promise<AccessToken> {
    const token = this.#token;
    const margin = Math.min(renewMarginMs, this.#lifetimeMs / 10);
    if (token && token.expiresAt - this.options.clock.now() > margin) return token;
    return this.renew(signal);
  }

  /** Forget the current token (the platform said 401): the next request takes a new one. */
  forget(): void {
    this.#token = undefined;
  }

  /** Forget the current token (the platform said 401) and take a new one. */
  async renew(signal?: AbortSignal): Promise<AccessToken> {
    this.#token = undefined;
    this.#pending ??= this.#request(signal).finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async revoke(signal?: AbortSignal): Promise<void> {
    const token = this.#token;
    if (!token) return;
    this.#token = undefined;
    await this.http.send({
      method: 'POST',
      path: '/idp/revoke_token',
      authorization: this.#basic(),
      form: {token: token.value, token_type_hint: 'access_token'},
      signal,
    });
  }

  #basic(): string {
    const {clientId, clientSecret} = this.options;
    return `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
  }

  async #request(signal?: AbortSignal): Promise<AccessToken> {
    const requestedAt = this.options.clock.now();
    const {body} = await this.http.send<TokenBody | null>({
      method: 'POST',
      path: '/idp/token',
      authorization: this.#basic(),
      form: {grant_type: 'client_credentials'},
      signal,
    });
    if (!body || typeof body.access_token !== 'string') {
      throw new PlatformError('not-json', 'The token endpoint answered without an access token.', {
        status: 200,
        request: {method: 'POST', path: '/idp/token'},
      });
    }
    const expiresAt =
      typeof body.expires_on === 'number'
        ? body.expires_on * 1000
        : requestedAt + (body.expires_in ?? assumedLifetimeSeconds) * 1000;
    this.#lifetimeMs = Math.max(1000, expiresAt - requestedAt);
    const token = {value: body.access_token, expiresAt};
    this.#token = token;
    this.options.onToken?.(token);
    return token;
  }
}
