import fetch, {type Response} from 'node-fetch';
import type {Clock} from '../clock.js';
import {type FailedRequest, PlatformError} from './errors.js';
import {networkError, proxyRefused} from './network-errors.js';
import {routeFor} from './proxy.js';
import {REDACTED, redactBody, redactHeaders} from './redact.js';
import {userAgent} from './version.js';

/** One request and its answer as an observer sees it: secrets already redacted. */
export interface Exchange {
  readonly method: string;
  readonly url: string;
  /** Absent when no answer came (network failure, timeout, abort). */
  readonly status?: number;
  readonly durationMs: number;
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly requestBody?: string;
  readonly responseBody?: string;
  /** The answer's headers that matter to a reader (content type, Retry-After, Location, request ids). */
  readonly responseHeaders?: Readonly<Record<string, string>>;
  /** What went wrong, in one line, when the exchange failed. */
  readonly error?: string;
}

export type ExchangeObserver = (exchange: Exchange) => void;

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** Below the API base, starting with `/`, e.g. `/tenants/…/pricing`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  /** The whole `Authorization` header value. */
  readonly authorization?: string;
  readonly json?: unknown;
  readonly form?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

export interface HttpResponse<T> {
  readonly status: number;
  /** The parsed JSON body; `null` for an empty 2xx body. */
  readonly body: T;
}

export interface HttpCoreOptions {
  /** Already normalised: `<origin>/api/2`. */
  readonly baseUrl: string;
  /** Per request, including reading the body. */
  readonly timeoutMs: number;
  readonly onExchange?: ExchangeObserver;
  /** Times each exchange and reads an HTTP-date Retry-After. */
  readonly clock: Clock;
  /** Never kept in an error or an observed exchange, even when the platform sends it back (the client secret). */
  readonly secrets?: readonly string[];
}

export const defaultTimeoutMs = 30_000;

/** The largest answer read: the largest the platform sends (a page of 1,000 tenants) is far below it. */
export const maxBodyBytes = 8 * 1024 * 1024;

/** The one place that speaks HTTP: JSON in and out, timeouts, proxies, redirects refused, errors as values. */
export class HttpCore {
  readonly #options: HttpCoreOptions;

  constructor(options: HttpCoreOptions) {
    this.#options = options;
  }

  get baseUrl(): string {
    return this.#options.baseUrl;
  }

  async send<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    const url = new URL(this.#options.baseUrl + request.path);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = {Accept: 'application/json', 'User-Agent': userAgent};
    let body: string | undefined;
    if (request.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(request.form).toString();
    }
    if (request.authorization) headers.Authorization = request.authorization;

    const failed: FailedRequest = {method: request.method, path: url.pathname};
    // One controller a request, its timer cleared and its listener removed once the answer is read: an
    // AbortSignal.timeout (or AbortSignal.any on the run's long-lived signal) keeps the request's whole object
    // graph alive until it fires, which at thousands of requests a run (apply) is tens of MiB.
    const controller = new AbortController();
    const timeout = {aborted: false};
    const timer = setTimeout(() => {
      timeout.aborted = true;
      controller.abort(new DOMException('The operation timed out.', 'TimeoutError'));
    }, this.#options.timeoutMs);
    timer.unref();
    const onAbort = () => controller.abort(request.signal?.reason);
    request.signal?.addEventListener('abort', onAbort, {once: true});
    const signal = controller.signal;
    const started = this.#options.clock.now();
    let status: number | undefined;
    let text: string | undefined;
    let answerHeaders: Record<string, string> | undefined;
    let route: ReturnType<typeof routeFor>;
    try {
      if (request.signal?.aborted) throw request.signal.reason;
      route = routeFor(url, signal);
      const response = await fetch(url.href, {
        method: request.method,
        headers,
        body,
        signal,
        redirect: 'manual',
        agent: route?.agent,
        size: maxBodyBytes,
      });
      const refusal = route?.connect();
      if (route && refusal && refusal.statusCode !== 200)
        throw proxyRefused(route.proxy, refusal, url.host, failed);
      status = response.status;
      answerHeaders = headersThatMatter(response.headers);
      text = await response.text();
      const parsed = interpret<T>(response, text, failed, url.host, this.#options.clock.now());
      this.#observe(request, url, headers, body, started, status, text, undefined, answerHeaders);
      return parsed;
    } catch (cause) {
      const error = toPlatformError(
        cause,
        {request: request.signal, timeout},
        url.host,
        failed,
        this.#options,
        route?.proxy,
      );
      this.#observe(request, url, headers, body, started, status, text, error, answerHeaders);
      throw withoutSecrets(error, this.#options.secrets ?? []);
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
    }
  }

  #observe(
    request: HttpRequest,
    url: URL,
    headers: Record<string, string>,
    body: string | undefined,
    started: number,
    status?: number,
    responseText?: string,
    error?: PlatformError,
    answerHeaders?: Record<string, string>,
  ): void {
    const observer = this.#options.onExchange;
    if (!observer) return;
    observer({
      method: request.method,
      url: url.href,
      status,
      durationMs: Math.round(this.#options.clock.now() - started),
      requestHeaders: redactHeaders(headers),
      requestBody: redactBody(body, headers['Content-Type']),
      responseBody: hideSecrets(redactBody(responseText), this.#options.secrets ?? []),
      ...(answerHeaders ? {responseHeaders: answerHeaders} : {}),
      error: error ? hideSecrets(`${error.kind}: ${error.message}`, this.#options.secrets ?? []) : undefined,
    });
  }
}

function toPlatformError(
  cause: unknown,
  signals: {request?: AbortSignal; timeout: {readonly aborted: boolean}},
  host: string,
  request: FailedRequest,
  options: HttpCoreOptions,
  /** The proxy the request went through (HTTPS_PROXY), if any: a connection failure is then the proxy's. */
  proxy?: string,
): PlatformError {
  if (cause instanceof PlatformError) return cause;
  if ((cause as {type?: string}).type === 'max-size') {
    return new PlatformError(
      'shape',
      `${host} answered with more than ${maxBodyBytes / 1024 / 1024} MB; the rest was not read.`,
      {request},
    );
  }
  if (signals.request?.aborted) {
    return new PlatformError('aborted', 'Cancelled before an answer came back.', {request});
  }
  if (signals.timeout.aborted) {
    const seconds = Math.round(options.timeoutMs / 100) / 10;
    const through = proxy ? ` (through the proxy ${proxy})` : '';
    return new PlatformError('timeout', `${host} did not answer within ${seconds} s${through}.`, {
      request,
      proxy,
    });
  }
  return networkError(cause, host, request, proxy);
}

function interpret<T>(
  response: Response,
  text: string,
  request: FailedRequest,
  host: string,
  now: number,
): HttpResponse<T> {
  const status = response.status;
  const json = parseJson(text);
  if (status >= 300 && status < 400) {
    const location = response.headers.get('location') ?? undefined;
    throw new PlatformError(
      'redirect',
      `${host} answered with a redirect (${status}${location ? ` to ${location}` : ''}); not followed. Check the data center URL.`,
      {status, request, location},
    );
  }
  if (status >= 200 && status < 300) {
    if (text.trim() === '') return {status, body: null as T};
    if (json.ok) return {status, body: json.value as T};
    throw notJson(status, text, request, host);
  }
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'), now);
  if (!json.ok) throw notJson(status, text, request, host, retryAfterSeconds);
  throw errorFromBody(status, json.value, request, retryAfterSeconds);
}

function parseJson(text: string): {ok: true; value: unknown} | {ok: false} {
  try {
    return {ok: true, value: JSON.parse(text)};
  } catch {
    return {ok: false};
  }
}

function notJson(
  status: number,
  text: string,
  request: FailedRequest,
  host: string,
  retryAfterSeconds?: number,
): PlatformError {
  const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
  const bodySnippet = (title ?? text.trim()).replace(/\s+/g, ' ').slice(0, 120);
  const what =
    text.trim() === '' ? 'an empty body' : title ? `an HTML page ("${title}")` : 'a body that is not JSON';
  return new PlatformError(
    'not-json',
    `${host} answered ${status} with ${what}; expected JSON from the platform.`,
    {
      status,
      request,
      bodySnippet,
      retryAfterSeconds,
    },
  );
}

/** The platform's `errorScheme` body, or the OAuth `{error, error_description}` shape of `/idp/*`. */
function errorFromBody(
  status: number,
  body: unknown,
  request: FailedRequest,
  retryAfterSeconds?: number,
): PlatformError {
  const top = (body ?? {}) as {error?: unknown; error_description?: unknown};
  if (typeof top.error === 'string') {
    const description = typeof top.error_description === 'string' ? top.error_description : top.error;
    return new PlatformError('oauth', description, {status, code: top.error, request, retryAfterSeconds});
  }
  const error = (top.error ?? {}) as {
    code?: string | number;
    domain?: string | null;
    message?: string;
    details?: {info?: string | null};
  };
  return new PlatformError('http', error.message ?? `The platform answered ${status}.`, {
    status,
    code: error.code,
    domain: error.domain ?? null,
    info: error.details?.info ?? null,
    request,
    retryAfterSeconds,
  });
}

function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** The answer's headers a reader of the exchange needs; never a cookie or anything that could carry a secret. */
const shownAnswerHeaders = [
  'content-type',
  'retry-after',
  'location',
  'allow',
  'x-request-id',
  'x-correlation-id',
];

function headersThatMatter(headers: {get(name: string): string | null}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of shownAnswerHeaders) {
    const value = headers.get(name);
    if (value !== null) out[name] = value;
  }
  return out;
}

/** A text with every secret given replaced (a platform that echoes the client secret in an error message). */
function hideSecrets<T extends string | undefined>(text: T, secrets: readonly string[]): T {
  if (text === undefined) return text;
  let out: string = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  return out as T;
}

/** The error with no secret in its words (they go to the screen, the audit log and receipts). */
function withoutSecrets(error: PlatformError, secrets: readonly string[]): PlatformError {
  for (const field of ['message', 'info', 'bodySnippet'] as const) {
    const value = error[field];
    if (typeof value === 'string' && secrets.some((secret) => secret.length >= 4 && value.includes(secret))) {
      Object.defineProperty(error, field, {value: hideSecrets(value, secrets), enumerable: true});
    }
  }
  return error;
}
