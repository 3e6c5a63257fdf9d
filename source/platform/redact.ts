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

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = name.toLowerCase() === 'authorization' ? `${value.split(' ')[0]} ${REDACTED}` : value;
  }
  return out;
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
