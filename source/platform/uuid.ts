import {isUuid} from '../text/uuid.js';
import {PlatformError} from './errors.js';

/** Refuses a malformed UUID before any request is made; `what` names it in the message ("tenant id"). */
export function assertUuid(text: string, what: string): string {
  if (!isUuid(text)) {
    // A client id is not shown back: a secret pasted into its field (the two look alike) must not reach a screen
    // or a log.
    const shown = what === 'client id' ? `(${text.length} characters)` : `"${text}"`;
    throw new PlatformError(
      'invalid-input',
      `The ${what} ${shown} is not a UUID (expected 8-4-4-4-12 lower-case hex digits).`,
    );
  }
  return text;
}
