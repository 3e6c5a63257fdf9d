import {explainError, PlatformError} from '../platform/index.js';
import {knownDataCenters} from './data-centers.js';
import type {ConnectField, ConnectForm} from './state.js';

/** Which connect field to ask again after a failed sign-in, and what to say. */
export function describeSignInFailure(
  error: unknown,
  form: ConnectForm,
): {field: ConnectField; error: string} {
  const urlField: ConnectField = knownDataCenters.some((known) => known.url === form.dataCenter)
    ? 'dataCenter'
    : 'customUrl';
  if (!(error instanceof PlatformError)) return {field: urlField, error: String(error)};
  switch (error.kind) {
    case 'invalid-input':
      return {field: error.message.includes('client id') ? 'clientId' : urlField, error: error.message};
    case 'oauth':
      return {
        field: 'secret',
        error: `The platform refused this client id and secret (${error.message.replace(/\.$/, '')}). Type the secret again, or press Esc to change the client id.`,
      };
    case 'http':
      if (error.status === 404 || error.status === 403) {
        return {
          field: 'clientId',
          error: `The platform does not know this API client (${error.status}): ${error.message}`,
        };
      }
      return {field: urlField, error: `${error.message} ${explainError(error).next}`};
    default:
      return {field: urlField, error: `${error.message} ${explainError(error).next}`};
  }
}

/** One line for a failed search, read or listing in step 2. */
export function describeLookupFailure(error: unknown, ownTenantName: string): string {
  if (!(error instanceof PlatformError)) return String(error);
  if (error.kind === 'http' && error.status === 404)
    return `No such tenant (404 Not Found): ${error.message}`;
  if (error.kind === 'http' && error.status === 403) {
    return `Not allowed (403): the tenant is outside ${ownTenantName}, or your API client lacks the role. ${error.message}`;
  }
  return `${error.message} ${explainError(error).next}`;
}
