// Secrets never leave the client in an observed exchange or an error: tokens, secrets and Authorization values
// are replaced before anyone (a screen, a log, a test) sees them.

const secretKeys = new Set([
  'access_token',
  'id_token',
  'refresh_token',
  'client_secret',
  'token',
  'password',
]);
export const REDACTED = '<redacted>';

/**
 * Request headers as a reader may see them: a bearer token as its last four characters (`Bearer …x7Qa`, enough to
 * tell two tokens apart, never to use one), Basic credentials as the client id alone (`Basic <client id>:•••`).
 */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = name.toLowerCase() === 'authorization' ? redactAuthorization(value) : value;
  }
  return out;
}

function redactAuthorization(value: string): string {
  const [scheme = '', credentials = ''] = value.split(' ');
  if (scheme.toLowerCase() === 'bearer' && credentials.length >= 16)
    return `Bearer …${credentials.slice(-4)}`;
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    // A client id is a UUID: anything else in its place is not shown either.
    const id = colon > 0 ? decoded.slice(0, colon) : '';
    return /^[0-9a-fA-F-]{36}$/.test(id) ? `Basic ${id}:•••` : `Basic ${REDACTED}`;
  }
  return `${scheme} ${REDACTED}`;
}

/** Redacts a JSON or form body given as text; any other text is returned as it is. */
export function redactBody(body: string | undefined, contentType = ''): string | undefined {
  if (body === undefined || body === '') return body;
  if (contentType.includes('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(body);
    for (const key of form.keys()) if (secretKeys.has(key)) form.set(key, REDACTED);
    return form.toString();
  }
  try {
    return JSON.stringify(
      JSON.parse(body),
      (key, value) => (secretKeys.has(key) && typeof value === 'string' ? REDACTED : value),
      2,
    );
  } catch {
    return body;
  }
}
