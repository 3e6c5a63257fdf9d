import type {Clock} from '../clock.js';
import {type PlatformClient, type Pricing, type SwitchOutcome, switchAndVerify} from '../platform/index.js';
import {type AuditLog, auditEntryFor} from '../store/index.js';
import type {TenantRow} from './state.js';

export interface SwitchContext {
  readonly platform: PlatformClient;
  readonly audit?: AuditLog;
  readonly clock: Clock;
}

/** One audit line for a switch attempt: sent (with its outcome), or cancelled at the confirmation. */
export function recordAttempt(
  {platform, audit, clock}: SwitchContext,
  row: TenantRow,
  before: Pricing,
  outcome?: SwitchOutcome,
): void {
  const {baseUrl: dataCenter, clientId} = platform;
  audit?.append(auditEntryFor({via: 'wizard', dataCenter, clientId, row, before, outcome, at: clock.now()}));
}

/**
 * Sends the one PUT the operator confirmed (re-reading the pricing when the answer leaves the outcome open) and
 * records the attempt. Never resends: a second PUT needs a second confirmation.
 */
export async function switchTenant(
  context: SwitchContext,
  row: TenantRow,
  before: Pricing,
  signal: AbortSignal,
): Promise<SwitchOutcome> {
  const outcome = await switchAndVerify(context.platform, row.tenant.id, before.version, signal);
  recordAttempt(context, row, before, outcome);
  return outcome;
}
