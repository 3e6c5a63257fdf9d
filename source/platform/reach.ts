import type {Clock} from '../clock.js';
import {normalizeBaseUrl} from './base-url.js';
import {PlatformError} from './errors.js';
import {HttpCore} from './http.js';

/**
 * Whether a data center answers as the platform does, before anyone types a client id: one unauthenticated
 * `GET /api/2/idp/token`. The platform answers it with an error body of its own (the method or the missing
 * credentials refused): that is the answer wanted. No answer at all, a TLS failure, a redirect or an HTML page is
 * thrown as the PlatformError it is.
 */
export async function reachDataCenter(
  dataCenter: string,
  options: {readonly clock: Clock; readonly timeoutMs: number; readonly signal?: AbortSignal},
): Promise<void> {
  const http = new HttpCore({
    baseUrl: normalizeBaseUrl(dataCenter),
    timeoutMs: options.timeoutMs,
    clock: options.clock,
  });
  try {
    await http.send({method: 'GET', path: '/idp/token', signal: options.signal});
  } catch (error) {
    if (error instanceof PlatformError && (error.kind === 'http' || error.kind === 'oauth')) return;
    throw error;
  }
}
