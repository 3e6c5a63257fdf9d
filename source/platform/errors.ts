import {messageOf} from '../text/index.js';

/**
 * Every failure the client reports is a `PlatformError`: a value a screen can explain, never a stack trace.
 *
 * - `http`: the platform answered with an error status and its error body (`code`, `domain`, `info`).
 * - `oauth`: the token endpoint refused, in the OAuth shape (`code` is e.g. `access_denied`).
 * - `not-json`: a body that should have been JSON was not (an HTML page from a proxy, an empty body).
 * - `network`: no answer at all (refused, DNS, TLS, connection dropped); `networkCode` is Node's code.
 * - `timeout`: no answer within the time allowed.
 * - `aborted`: the operator cancelled (Ctrl+C).
 * - `redirect`: the server answered with a redirect, which an API never should; not followed.
 * - `invalid-input`: refused before any request (a malformed UUID or URL).
 * - `shape`: an answer that is not what the API documents (a field missing or of another type, another tenant
 *   than the one asked for, a body too large); nothing acts on it.
 * - `unverified`: a 2xx whose body does not say what the request asked for (a switch answered 200 that still
 *   says trial): it proves nothing, and the state is read again.
 */
export type PlatformErrorKind =
  | 'http'
  | 'oauth'
  | 'not-json'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'redirect'
  | 'invalid-input'
  | 'shape'
  | 'unverified';

/** The request an error belongs to: method and path only (never the token or a query secret). */
export interface FailedRequest {
  readonly method: string;
  readonly path: string;
}

export interface PlatformErrorDetails {
  readonly status?: number;
  readonly code?: string | number;
  readonly domain?: string | null;
  readonly info?: string | null;
  readonly request?: FailedRequest;
  readonly networkCode?: string;
  /** Seconds the server asked us to wait (`Retry-After`), when it said so. */
  readonly retryAfterSeconds?: number;
  /** The start of a body that was not JSON, to show what came back (an HTML title, say). */
  readonly bodySnippet?: string;
  readonly location?: string;
  readonly cause?: unknown;
  /** The request was never sent (stopped while waiting for a rate limit to pass): nothing can have happened. */
  readonly notSent?: boolean;
  /** The proxy (HTTPS_PROXY, shown without credentials) the request went through, when the failure is on that way. */
  readonly proxy?: string;
}

export class PlatformError extends Error {
  override readonly name = 'PlatformError';
  readonly status?: number;
  readonly code?: string | number;
  readonly domain?: string | null;
  readonly info?: string | null;
  readonly request?: FailedRequest;
  readonly networkCode?: string;
  readonly retryAfterSeconds?: number;
  readonly bodySnippet?: string;
  readonly location?: string;
  readonly notSent?: boolean;
  readonly proxy?: string;

  constructor(
    readonly kind: PlatformErrorKind,
    message: string,
    details: PlatformErrorDetails = {},
  ) {
    super(message);
    Object.assign(this, details);
  }

  /** True when the request may have reached the platform and its effect is unknown (re-read, never resend). */
  get outcomeUnknown(): boolean {
    return (
      this.kind === 'timeout' ||
      this.kind === 'aborted' ||
      // An answer we could not read (an HTML page, an empty body) does not say what the platform did.
      this.kind === 'not-json' ||
      this.kind === 'shape' ||
      this.kind === 'unverified' ||
      (this.kind === 'network' && this.networkCode === 'ECONNRESET') ||
      (this.kind === 'http' && (this.status ?? 0) >= 500)
    );
  }
}

export function isPlatformError(error: unknown): error is PlatformError {
  return error instanceof PlatformError;
}

/** Any failure as a PlatformError: one that is not (a bug, a socket's own error) becomes a network failure. */
export function asPlatformError(error: unknown): PlatformError {
  return error instanceof PlatformError ? error : new PlatformError('network', messageOf(error));
}
