import type {PlatformClient} from './client.js';
import {PlatformError} from './errors.js';
import type {Pricing} from './types.js';

/**
 * What became of one switch: it is sent once; when it fails, the pricing is read again so that the operator learns
 * the tenant's real mode instead of a guess.
 */
export type SwitchOutcome =
  | {readonly kind: 'switched'; readonly status: number; readonly pricing: Pricing}
  | {
      readonly kind: 'failed';
      readonly error: PlatformError;
      /** The pricing read after the failure; undefined when that read failed too. */
      readonly pricingAfter?: Pricing;
      readonly rereadError?: PlatformError;
    };

export async function switchAndVerify(
  client: PlatformClient,
  tenantId: string,
  version: number,
  signal?: AbortSignal,
): Promise<SwitchOutcome> {
  try {
    const pricing = await client.switchToProduction(tenantId, version, signal);
    return {kind: 'switched', status: 200, pricing};
  } catch (caught) {
    const error = asPlatformError(caught);
    if (error.kind === 'invalid-input' || signal?.aborted) return {kind: 'failed', error};
    try {
      return {kind: 'failed', error, pricingAfter: await client.getPricing(tenantId, signal)};
    } catch (rereadCaught) {
      return {kind: 'failed', error, rereadError: asPlatformError(rereadCaught)};
    }
  }
}

function asPlatformError(error: unknown): PlatformError {
  return error instanceof PlatformError
    ? error
    : new PlatformError('network', error instanceof Error ? error.message : String(error));
}

/** The verdict on a switch, as an exit code and an audit line need it. */
export type SwitchVerdict =
  | 'switched'
  /** The answer was lost (timeout, dropped, 5xx) and the re-read shows production: it did switch. */
  | 'switched-confirmed-by-reread'
  /** The platform refused, or the re-read shows nothing changed. */
  | 'failed'
  /** No answer and no re-read: nobody knows. */
  | 'unknown';

export function verdictOf(outcome: SwitchOutcome): SwitchVerdict {
  if (outcome.kind === 'switched') return 'switched';
  if (!outcome.pricingAfter) return outcome.error.outcomeUnknown ? 'unknown' : 'failed';
  return outcome.error.outcomeUnknown && outcome.pricingAfter.mode === 'production'
    ? 'switched-confirmed-by-reread'
    : 'failed';
}
