import {PlatformError} from '../platform/index.js';
import {printable} from '../text/index.js';
import {explainError, explainStatus} from './explain.js';

/** Which of the sign-in answers a refusal points at: the one to ask again. */
export type SignInFault = 'dataCenter' | 'clientId' | 'secret';

/** What went wrong at sign-in, in the operator's words, and which answer to ask again. */
export function signInFault(error: unknown): {fault: SignInFault; message: string} {
  if (!(error instanceof PlatformError)) return {fault: 'dataCenter', message: printable(String(error))};
  switch (error.kind) {
    case 'invalid-input':
      return {
        fault: error.message.includes('client id') ? 'clientId' : 'dataCenter',
        message: printable(error.message),
      };
    case 'oauth':
      return {
        fault: 'secret',
        message: `The platform refused this client id and secret (${printable(error.message).replace(/\.$/, '')}). Type the secret again, or press Esc to change the client id.`,
      };
    case 'http':
      if (error.status === 404 || error.status === 403) {
        return {
          fault: 'clientId',
          message: `The platform does not know this API client (${error.status}): ${printable(error.message)}`,
        };
      }
      return {fault: 'dataCenter', message: `${printable(error.message)} ${explainError(error).next}`};
    default:
      return {fault: 'dataCenter', message: `${printable(error.message)} ${explainError(error).next}`};
  }
}

/** Why a request waits before it is tried again, when the platform asked for the wait (429); else undefined. */
export function askedToWait(error: PlatformError): string | undefined {
  return error.status === 429 ? 'The platform asked to wait (429 Too Many Requests)' : undefined;
}

/** One line for a failed search, read or listing while choosing the tenant. */
export function lookupFailureText(error: unknown, ownTenantName: string): string {
  if (!(error instanceof PlatformError)) return printable(String(error));
  if (error.kind === 'http' && error.status === 404)
    return `No such tenant (404 Not Found): ${printable(error.message)}`;
  if (error.kind === 'http' && error.status === 403) {
    return `Not allowed (403): the tenant is outside ${printable(ownTenantName)}, or your API client lacks the role. ${explainStatus(403).next} ${printable(error.message)}`;
  }
  return `${printable(error.message)} ${explainError(error).next}`;
}
