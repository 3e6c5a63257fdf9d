import {type FailedRequest, PlatformError} from './errors.js';

const tlsCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
]);

/**
 * A proxy (HTTPS_PROXY) that answered CONNECT with anything but 200: the proxy refused, the data center was never
 * asked. 407: it wants a user and password, which go in the variable's URL.
 */
export function proxyRefused(
  proxy: string,
  answer: {statusCode: number; statusText: string},
  host: string,
  request: FailedRequest,
): PlatformError {
  const status = `${answer.statusCode}${answer.statusText ? ` ${answer.statusText}` : ''}`;
  const why =
    answer.statusCode === 407
      ? ' It asks for a user and password: put them in the proxy URL (https_proxy=http://user:password@host:port).'
      : ' Ask whoever runs the proxy to allow it, or set NO_PROXY for this host.';
  return new PlatformError(
    'network',
    `The proxy ${proxy} (HTTPS_PROXY) refused to connect to ${host}: ${status}; the data center was not reached.${why}`,
    {networkCode: 'PROXY_REFUSED', request, proxy},
  );
}

/** Explains a failure below HTTP (no status came back) in the operator's words. */
export function networkError(
  cause: unknown,
  host: string,
  request: FailedRequest,
  /** With a proxy, connections go to it: a refused or unknown host is the proxy's. */
  proxy?: string,
): PlatformError {
  const error = cause as {code?: string; message?: string};
  let code = error.code ?? 'UNKNOWN';
  if (code === 'ERR_STREAM_PREMATURE_CLOSE' || /socket hang up|premature close/i.test(error.message ?? '')) {
    code = 'ECONNRESET';
  }
  const say = (message: string) => new PlatformError('network', message, {networkCode: code, request, proxy});
  if (proxy) {
    if (/Proxy connection ended/i.test(error.message ?? '')) {
      return say(
        `The proxy ${proxy} (HTTPS_PROXY) closed the connection without answering; ${host} was not reached.`,
      );
    }
    const toProxy = `the proxy ${proxy} (HTTPS_PROXY; NO_PROXY lists hosts that go direct)`;
    if (code === 'ECONNREFUSED') return say(`Could not connect to ${toProxy}: the connection was refused.`);
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
      return say(`The host of ${toProxy} could not be found (DNS).`);
    if (code === 'ETIMEDOUT' || code === 'ENETUNREACH' || code === 'EHOSTUNREACH') {
      return say(`${toProxy} cannot be reached from this computer (${code}).`);
    }
    if (code === 'ECONNRESET') {
      return say(
        `The connection to ${host} through the proxy ${proxy} was dropped before an answer came back.`,
      );
    }
  }
  if (code === 'ECONNREFUSED') return say(`Could not connect to ${host}: the connection was refused.`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    // The advice ("check the data center URL…") is the explanation's, said once (procedure/explain.ts).
    return say(`The host ${host} could not be found (DNS).`);
  }
  if (code === 'ECONNRESET') return say(`The connection to ${host} was dropped before an answer came back.`);
  if (code === 'ETIMEDOUT' || code === 'ENETUNREACH' || code === 'EHOSTUNREACH') {
    return say(`${host} cannot be reached from this computer (${code}).`);
  }
  if (tlsCodes.has(code)) {
    return say(
      `The TLS certificate of ${host} could not be verified (${code}). If your network inspects TLS traffic, ` +
        'set NODE_EXTRA_CA_CERTS to the file of its CA certificate and run again.',
    );
  }
  // https to a port that speaks plain http: OpenSSL's own words ("wrong version number") tell an operator nothing.
  if (
    code === 'EPROTO' ||
    code === 'ERR_SSL_WRONG_VERSION_NUMBER' ||
    /wrong version number/i.test(error.message ?? '')
  ) {
    return say(`${host} did not answer in TLS: it may speak plain http on that port (an http:// address?).`);
  }
  return say(`Network error talking to ${host}: ${error.message ?? code}.`);
}
