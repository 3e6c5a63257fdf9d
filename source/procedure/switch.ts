import type {Clock} from '../clock.js';
import {type PlatformClient, PlatformError, type Pricing} from '../platform/index.js';
import type {AuditEntry, AuditLog, AuditOutcome} from '../store/index.js';
import {auditEntryFor} from './audit-entry.js';
import type {TenantRow} from './find-tenant.js';
import type {Session} from './sign-in.js';

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

/** The verdict on a switch, as the result screen, an exit code and an audit line need it (names: store/audit.ts). */
export type SwitchVerdict = Exclude<AuditOutcome, 'cancelled-by-operator'>;

/** No answer came at all: the request may have reached the platform and may still be processed. */
export function gotNoAnswer(error: PlatformError): boolean {
  return (
    error.kind === 'timeout' ||
    error.kind === 'aborted' ||
    (error.kind === 'network' && error.networkCode === 'ECONNRESET')
  );
}

export function verdictOf(outcome: SwitchOutcome): SwitchVerdict {
  if (outcome.kind === 'switched') return 'switched';
  const {error, pricingAfter} = outcome;
  if (!pricingAfter) return error.outcomeUnknown ? 'unknown' : 'failed';
  if (pricingAfter.mode === 'production') {
    return error.outcomeUnknown ? 'switched-confirmed-by-reread' : 'already-production';
  }
  return pricingAfter.mode === 'trial' && gotNoAnswer(error) ? 'unknown' : 'failed';
}

/** A failed switch after which the tenant is known to be still in trial. */
export type RetryableOutcome = Extract<SwitchOutcome, {kind: 'failed'}> & {readonly pricingAfter: Pricing};

/**
 * Whether a new confirmation may succeed after this failure: the re-read shows the tenant still in trial, and the
 * refusal was for a passing reason — the pricing changed (409), too many requests (429), or trouble on the
 * platform's side (5xx, an answer that was not JSON; platform-api.md: "the guide says retry twice with a 1–2 s
 * interval"). Never when no answer came (that request may still be processed), nor after a refusal that would only
 * be repeated (400, 403, 404). It is a new confirmation, never an automatic resend.
 */
export function mayConfirmAgain(outcome: SwitchOutcome | undefined): outcome is RetryableOutcome {
  if (outcome?.kind !== 'failed' || outcome.pricingAfter?.mode !== 'trial') return false;
  if (verdictOf(outcome) !== 'failed') return false;
  const {status = 0, kind} = outcome.error;
  return status === 409 || status === 429 || status >= 500 || kind === 'not-json';
}

/** One switch as the operator confirmed it: who, which tenant at which reading, through which front end. */
export interface ConfirmedSwitch {
  readonly session: Session;
  readonly row: TenantRow;
  /** The pricing the operator saw: its version goes into the PUT. */
  readonly before: Pricing;
  readonly via: AuditEntry['via'];
  readonly audit: AuditLog;
  readonly clock: Clock;
}

/**
 * The irreversible step, the same from the wizard and from `switch`: the PUT is sent once, re-read when its answer
 * leaves the outcome open, and the attempt is recorded in the audit log. Never resends: a second PUT needs a second
 * confirmation.
 */
export async function switchToProduction(
  request: ConfirmedSwitch,
  signal?: AbortSignal,
): Promise<SwitchOutcome> {
  const {session, row, before} = request;
  const outcome = await switchAndVerify(session.client, row.tenant.id, before.version, signal);
  record(request, outcome);
  return outcome;
}

/** The operator left the confirmation without confirming: nothing was sent, and the log keeps that too. */
export function recordNotConfirmed(request: ConfirmedSwitch): void {
  record(request);
}

function record(request: ConfirmedSwitch, outcome?: SwitchOutcome): void {
  const {session, row, before, via, audit, clock} = request;
  const {baseUrl: dataCenter, clientId} = session.client;
  audit.append(auditEntryFor({via, dataCenter, clientId, row, before, outcome, at: clock.now()}));
}
