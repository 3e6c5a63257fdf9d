import type {PlatformError} from '../platform/index.js';

/** What a status means on this platform (docs/platform-notes.md §4) and what the operator can do about it. */
export interface Explanation {
  readonly meaning: string;
  readonly next: string;
}

export function explainError(error: PlatformError): Explanation {
  if (error.proxy && (error.kind === 'network' || error.kind === 'timeout')) {
    return {
      meaning: 'The request went through a proxy (HTTPS_PROXY), and did not get through it to the platform.',
      next: 'Check HTTPS_PROXY and NO_PROXY, or ask whoever runs the proxy.',
    };
  }
  switch (error.kind) {
    case 'invalid-input':
      return {meaning: 'Refused before sending anything.', next: 'Correct the value and try again.'};
    case 'oauth':
      return {
        meaning: 'The token endpoint refused these credentials.',
        next: 'Check the client id and secret (API clients are managed in the management portal), and the data center.',
      };
    case 'network':
      return {
        meaning: 'No answer from the platform.',
        next: 'Check the data center URL, your network and proxy settings.',
      };
    case 'timeout':
      return {
        meaning: 'The platform did not answer in time.',
        next: 'Try again later, or allow more time with --timeout <seconds>.',
      };
    case 'aborted':
      return {meaning: 'Cancelled.', next: 'Nothing more will be sent.'};
    case 'redirect':
      return {
        meaning: 'An API never redirects; this is probably not the data center.',
        next: 'Check the data center URL.',
      };
    case 'not-json':
      return {
        meaning: 'Something between you and the platform (a proxy or gateway) answered instead of it.',
        next: 'Try again in a minute; if it persists, check your proxy settings or the platform status page.',
      };
    case 'unverified':
      return {
        meaning: 'The answer did not confirm the change, so it proves nothing either way.',
        next: 'The pricing was read again: go by what it shows.',
      };
    case 'shape':
      return {
        meaning: 'The answer is not what the platform documents, so tenant-mode does not act on it.',
        next: 'Try again in a minute; if it persists, report it with the HTTP calls (Tab in the wizard).',
      };
    case 'http':
      return explainStatus(error.status ?? 0);
  }
}

export function explainStatus(status: number): Explanation {
  switch (status) {
    case 400:
      return {
        meaning: 'Bad request: the platform refused the request as sent.',
        next: 'Read the platform message above.',
      };
    case 401:
      return {
        meaning: 'The access token is missing, expired or invalid.',
        next: 'Sign in again (tenant-mode signs in again once by itself).',
      };
    case 403:
      return {
        meaning: 'Not allowed: the tenant is outside your tenant, or your API client lacks the role.',
        next: 'Reading pricing needs the tenant viewer role, switching it the tenant administrator role.',
      };
    case 404:
      return {
        meaning: 'Not found: no such tenant (or endpoint).',
        next: 'Check the UUID, or search by name.',
      };
    case 405:
      return {
        meaning: 'This method is not allowed on that endpoint.',
        next: 'Report this: tenant-mode sent a wrong request.',
      };
    case 409:
      return {
        meaning: 'Conflict: the pricing settings changed since they were read (someone else changed them).',
        next: 'Read the pricing again and decide again.',
      };
    case 415:
      return {meaning: 'Unsupported content type.', next: 'Report this: tenant-mode sent a wrong request.'};
    case 429:
      return {meaning: 'Too many requests.', next: 'Wait the time the platform asks for, then try again.'};
    default:
      return status >= 500
        ? {
            meaning: 'The platform had an internal error.',
            next: 'The vendor advises retrying after 1–2 s; if it persists, check the platform status page.',
          }
        : {meaning: `HTTP status ${status}.`, next: 'Read the platform message above.'};
  }
}
