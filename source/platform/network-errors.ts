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

/** Explains a failure below HTTP (no status came back) in the operator's words. */
export function networkError(cause: unknown, host: string, request: FailedRequest): PlatformError {
  const error = cause as {code?: string; message?: string};
  let code = error.code ?? 'UNKNOWN';
  if (code === 'ERR_STREAM_PREMATURE_CLOSE' || /socket hang up|premature close/i.test(error.message ?? '')) {
    code = 'ECONNRESET';
  }
  const say = (message: string) => new PlatformError('network', message, {networkCode: code, request});
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
