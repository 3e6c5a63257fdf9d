import {type Pricing, switchRequestBody} from '../platform/index.js';
import type {AuditEntry} from '../store/index.js';
import type {TenantRow} from './find-tenant.js';
import {type SwitchOutcome, verdictOf} from './switch.js';

export interface SwitchAttempt {
  readonly via: AuditEntry['via'];
  readonly dataCenter: string;
  readonly clientId: string;
  readonly row: TenantRow;
  readonly before: Pricing;
  /** Undefined when the operator did not confirm: nothing was sent. */
  readonly outcome?: SwitchOutcome;
  readonly at: number;
}

/** The audit line of one switch attempt, the same from the wizard and from `switch`. */
export function auditEntryFor(attempt: SwitchAttempt): AuditEntry {
  const {outcome} = attempt;
  const base = {
    time: new Date(attempt.at).toISOString(),
    via: attempt.via,
    data_center: attempt.dataCenter,
    client_id: attempt.clientId,
    tenant_id: attempt.row.tenant.id,
    tenant_name: attempt.row.tenant.name,
    pricing_before: attempt.before,
    request: switchRequestBody(attempt.before.version),
  };
  if (!outcome) return {...base, status: null, pricing_after: null, outcome: 'cancelled-by-operator'};
  if (outcome.kind === 'switched') {
    return {...base, status: outcome.status, pricing_after: outcome.pricing, outcome: verdictOf(outcome)};
  }
  const {error} = outcome;
  return {
    ...base,
    status: error.status ?? null,
    pricing_after: outcome.pricingAfter ?? null,
    outcome: verdictOf(outcome),
    error: {kind: error.kind, status: error.status, code: error.code, message: error.message},
  };
}
