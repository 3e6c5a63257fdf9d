import type {IncomingCall} from './call.js';
import {SandboxError} from './errors.js';

/** A request's JSON object body: 415 when it is not sent as JSON, 400 when it is no JSON object. */
export function jsonObject(call: IncomingCall): Record<string, unknown> {
  const type = call.headers['content-type'];
  if (!(Array.isArray(type) ? type[0] : type)?.toLowerCase().startsWith('application/json')) {
    throw new SandboxError(
      415,
      'unsupported_media_type',
      'The request body must be sent as application/json.',
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(call.body);
  } catch {
    throw new SandboxError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new SandboxError(400, 'invalid_body', 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}
