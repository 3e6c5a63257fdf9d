import {isLoopbackHost} from '../text/index.js';
import {PlatformError} from './errors.js';

export {isLoopbackHost};

/**
 * Turns what an operator types as a data center into the API base URL `<origin>/api/2`.
 * Accepts `https://host`, `https://host/` and `https://host/api/2` (docs/platform-notes.md §1: there is no official list of
 * data centers, so any https host goes); refuses other schemes, plain http off loopback, and other paths.
 */
export function normalizeBaseUrl(input: string): string {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new PlatformError(
      'invalid-input',
      `${quoted(text)} is not a URL. Expected a data center such as https://eu2-cloud.acronis.com.`,
    );
  }
  // A data center is a full host name. One word without a dot is more likely something pasted in the wrong
  // place, a client secret among them: refused before any request, and not repeated (a DNS error would print it).
  // Looked for in the text as typed: the parser turns %2e and full-width dots into dots, and digits into an IPv4
  // address.
  const typedHost = (text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/?#]/)[0] ?? '').replace(
    /^.*@/,
    '',
  );
  if (!typedHost.includes('.') && !url.hostname.startsWith('[') && !isLoopbackHost(url.hostname)) {
    throw new PlatformError(
      'invalid-input',
      `The data center must be a full host name such as https://eu2-cloud.acronis.com; ${quoted(text)} has no dot${quoted(text) === 'the value given' ? ' (not repeated here, in case it is a secret pasted in the wrong place)' : ''}.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new PlatformError(
      'invalid-input',
      `The data center URL must start with https:// (got ${url.protocol}//).`,
    );
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new PlatformError(
      'invalid-input',
      `Refusing plain http:// for ${url.hostname}: credentials would travel unencrypted. Use https://${url.host}.`,
    );
  }
  if (url.username || url.password) {
    throw new PlatformError('invalid-input', 'The data center URL must not carry a user name or password.');
  }
  if (url.search || url.hash) {
    throw new PlatformError(
      'invalid-input',
      'The data center URL must not have a query (?) or fragment (#).',
    );
  }
  const path = url.pathname.replace(/\/+$/, '').toLowerCase();
  if (path !== '' && path !== '/api/2') {
    throw new PlatformError(
      'invalid-input',
      `The data center URL has an unexpected path "${url.pathname}". Give just the host, e.g. ${url.protocol}//${url.host}.`,
    );
  }
  // eu2-cloud.acronis.com. and eu2-cloud.acronis.com are one data center (and one saved profile).
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.replace(/\.+$/, '');
  return `${url.origin}/api/2`;
}

/** What the operator typed, for a message, unless it could be a secret pasted in the wrong place: no dot, no "://". */
function quoted(text: string): string {
  return text.includes('.') || text.includes('://') ? `"${text}"` : 'the value given';
}

/** The host (and port) of a data center as the operator gave it, for messages; the text itself if not a URL. */
export function hostOf(dataCenter: string): string {
  try {
    return new URL(normalizeBaseUrl(dataCenter)).host;
  } catch {
    return dataCenter;
  }
}
