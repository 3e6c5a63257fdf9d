import {type Pricing, switchRequestBody} from '../platform/index.js';
import type {AuditAttempt, AuditResult, AuditWhole} from '../store/index.js';
import type {TenantRow} from './find-tenant.js';
import {type SwitchOutcome, verdictOf} from './switch.js';

/** Who asked for which switch: the facts an attempt line and a cancelled line share. */
export interface SwitchFacts {
  readonly via: AuditAttempt['via'];
  readonly dataCenter: string;
  readonly clientId: string;
  readonly row: TenantRow;
  readonly before: Pricing;
  readonly at: number;
}

function common(facts: SwitchFacts) {
  return {
    time: new Date(facts.at).toISOString(),
    via: facts.via,
    data_center: facts.dataCenter,
    client_id: facts.clientId,
    tenant_id: facts.row.tenant.id,
    tenant_name: facts.row.tenant.name,
    pricing_before: facts.before,
    request: switchRequestBody(facts.before.version),
  };
}

/** The line written and flushed before the PUT is sent. No secrets and no tokens, ever. */
export function attemptLine(attemptId: string, facts: SwitchFacts): AuditAttempt {
  return {kind: 'attempt', attempt_id: attemptId, ...common(facts)};
}

/** The line that follows the attempt's, once its outcome is known (or known to be unknown). */
export function outcomeLine(
  attemptId: string,
  tenantId: string,
  outcome: SwitchOutcome,
  at: number,
): AuditResult {
  const base = {
    kind: 'outcome',
    attempt_id: attemptId,
    time: new Date(at).toISOString(),
    tenant_id: tenantId,
  } as const;
  if (outcome.kind === 'switched') {
    return {
      ...base,
      status: outcome.status,
      pricing_after: outcome.pricing,
      outcome: 'switched',
      puts: outcome.puts,
    };
  }
  const {error} = outcome;
  return {
    ...base,
    status: error.status ?? null,
    pricing_after: outcome.pricingAfter ?? null,
    outcome: verdictOf(outcome),
    puts: outcome.puts,
    error: {kind: error.kind, status: error.status, code: error.code, message: error.message},
  };
}

/** The operator left the confirmation without confirming: one whole line, nothing sent. */
export function cancelledLine(facts: SwitchFacts): AuditWhole {
  return {
    kind: 'cancelled',
    ...common(facts),
    status: null,
    pricing_after: null,
    outcome: 'cancelled-by-operator',
  };
}
