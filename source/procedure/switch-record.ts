// The one record of a switch: what became of it (a verdict from status, body and re-read), the outcomes of a
// planned tenant in an apply, the mapping between the apply's words and the audit log's, and the typed lines both
// the single switch and `apply` write (store/audit.ts, store/results-file.ts). Pure: no I/O, no clock of its own,
// so that every answer's classification has its table test (test/switch-record.test.ts). The wording for people
// is elsewhere (outcome-text.ts, apply-text.ts).
import {type PlatformError, type Pricing, switchRequestBody} from '../platform/index.js';
import type {
  AuditAttempt,
  AuditOutcome,
  AuditResult,
  AuditWhole,
  ErrorRecord,
  ResultsAttempt,
  ResultsOutcome,
  ResultsRun,
} from '../store/index.js';
import type {TenantRow} from './find-tenant.js';
import type {Plan, PlannedTenant} from './plan-format.js';
import {switchFacts} from './reading.js';

/**
 * What became of one switch: it is sent once (twice only after a 401, which proves the first had no effect); when
 * its answer is not a clear "production", the pricing is read again so that the operator learns the tenant's real
 * mode instead of a guess (procedure/switch.ts, switchAndVerify).
 */
export type SwitchOutcome =
  | {readonly kind: 'switched'; readonly status: number; readonly pricing: Pricing; readonly puts: number}
  | {
      readonly kind: 'failed';
      readonly error: PlatformError;
      /** The pricing read after the failure; undefined when that read failed too. */
      readonly pricingAfter?: Pricing;
      readonly rereadError?: PlatformError;
      readonly puts: number;
    };

export type FailedSwitch = Extract<SwitchOutcome, {kind: 'failed'}>;

/** The verdict on a switch, as the result screen, an exit code and an audit line need it. */
export type SwitchVerdict = Exclude<AuditOutcome, 'cancelled-by-operator'>;

/**
 * The answer does not say what the platform did: none came, or one that proves nothing (a 200 that still says
 * trial). The request may have reached the platform and may still be processed.
 */
export function gotNoAnswer(error: PlatformError): boolean {
  return (
    error.kind === 'timeout' ||
    error.kind === 'aborted' ||
    error.kind === 'unverified' ||
    (error.kind === 'network' && error.networkCode === 'ECONNRESET')
  );
}

/**
 * "Someone else switched it first" is said only when the platform itself refused our request (its JSON error body,
 * a 4xx other than 401) and the re-read shows production. After a lost answer, a 5xx, a 401 (our PUT was then
 * sent again or the token refused), a redirect or an unreadable answer, production means our PUT did it.
 */
function refusedByThePlatform(error: PlatformError): boolean {
  const status = error.status ?? 0;
  return error.kind === 'http' && status >= 400 && status < 500 && status !== 401;
}

export function verdictOf(outcome: SwitchOutcome): SwitchVerdict {
  if (outcome.kind === 'switched') return 'switched';
  const {error, pricingAfter} = outcome;
  if (!pricingAfter) return error.outcomeUnknown ? 'unknown' : 'failed';
  if (pricingAfter.mode === 'production') {
    return refusedByThePlatform(error) ? 'already-production' : 'switched-confirmed-by-reread';
  }
  return pricingAfter.mode === 'trial' && gotNoAnswer(error) ? 'unknown' : 'failed';
}

/** What became of one planned tenant in an apply. */
export type ApplyOutcome =
  /** Answered 200 with the pricing in production. */
  | 'switched'
  /** The answer was lost or unclear, and the re-read shows production. */
  | 'switched-confirmed-by-reread'
  /** Already in production (switched by itself, or by someone else): nothing was needed. */
  | 'nothing-to-do'
  /** Still in trial but at another version than planned: not switched, plan again (409). */
  | 'changed-since-plan'
  /** The platform no longer shows it to this API client (404, 403 on reading). */
  | 'gone'
  /** Refused by the platform for good (suspended, 400, 403): sending again would be refused again. */
  | 'refused'
  /** Still in trial at the planned version after a 5xx, a 429 that never passed, an unreadable answer: a rerun tries it again. */
  | 'failed'
  /** Neither the answer nor a re-read tells: a rerun re-reads it before deciding. */
  | 'unknown'
  /** Not sent: another switch of it was running (`switch`, the wizard, another apply); a rerun tries it again. */
  | 'busy'
  /** Not sent: the run stopped first (interrupted, too many failures in a row, the planned day ended). */
  | 'not-sent';

/** Outcomes after which a rerun leaves the tenant alone. */
export const settledOutcomes: ReadonlySet<ApplyOutcome> = new Set<ApplyOutcome>([
  'switched',
  'switched-confirmed-by-reread',
  'nothing-to-do',
  'changed-since-plan',
  'gone',
  'refused',
]);

/** Every outcome a results file may record (a line that says something else is not used). */
export const applyOutcomes: ReadonlySet<string> = new Set<ApplyOutcome>([
  ...settledOutcomes,
  'failed',
  'unknown',
  'busy',
  'not-sent',
]);

/** A failed switch of a planned tenant, in the apply's words. */
export function planOutcomeOf(outcome: FailedSwitch, tenant: PlannedTenant): ApplyOutcome {
  const {error, pricingAfter, rereadError} = outcome;
  switch (verdictOf(outcome)) {
    case 'switched':
    case 'switched-confirmed-by-reread':
      return 'switched-confirmed-by-reread';
    case 'already-production':
      return 'nothing-to-do';
    case 'unknown':
      return 'unknown';
  }
  if (pricingAfter?.mode === 'trial' && pricingAfter.version !== tenant.pricing_version)
    return 'changed-since-plan';
  if (pricingAfter?.mode === 'suspended') return 'refused';
  if (rereadError?.status === 404 || error.status === 404) return 'gone';
  if (!pricingAfter && rereadError) return error.outcomeUnknown ? 'unknown' : 'failed';
  const status = error.status ?? 0;
  if (status >= 400 && status < 500 && status !== 429 && status !== 401) return 'refused';
  return 'failed';
}

/** The audit log keeps its own words for outcomes (store/audit.ts): the apply's, mapped onto them. */
export function auditOutcomeOf(outcome: ApplyOutcome): SwitchVerdict {
  switch (outcome) {
    case 'nothing-to-do':
      return 'already-production';
    case 'changed-since-plan':
    case 'gone':
    case 'refused':
    case 'not-sent':
    case 'busy':
      return 'failed';
    default:
      return outcome;
  }
}

/**
 * What an audit entry of a plan's attempt tells a rerun: settled (switched, or already in production), `pending`
 * (an attempt whose outcome was never written: read it again first), or nothing to go by.
 */
export function applyOutcomeOfAudit(
  outcome: AuditOutcome | 'not-recorded',
): ApplyOutcome | 'pending' | undefined {
  switch (outcome) {
    case 'switched':
    case 'switched-confirmed-by-reread':
      return outcome;
    case 'already-production':
      return 'nothing-to-do';
    case 'not-recorded':
      return 'pending';
    default:
      return undefined;
  }
}

/** A failure as the audit log and the results file record it: no headers, no token, ever. */
/**
 * The platform's words are kept to this many characters in a record: a line of the audit log or a results file must
 * stay far below what their reader takes (store/lines.ts, 1 MiB), whatever the platform answered.
 */
const recordedMessageAtMost = 4000;

export function errorRecord(error: PlatformError): ErrorRecord {
  const message =
    error.message.length > recordedMessageAtMost
      ? `${error.message.slice(0, recordedMessageAtMost)}… (${error.message.length.toLocaleString('en')} characters, cut)`
      : error.message;
  const code =
    typeof error.code === 'string' && error.code.length > 200 ? `${error.code.slice(0, 200)}…` : error.code;
  return {kind: error.kind, status: error.status, code, message};
}

/** Who asked for which switch: the facts an attempt line and a cancelled line share. */
export interface SwitchFacts {
  readonly via: AuditAttempt['via'];
  /** Who runs it: the OS user and the host (who.ts). */
  readonly who: {readonly os_user: string; readonly host: string};
  /** Sent to a sandbox: a rehearsal. */
  readonly rehearsal?: boolean;
  readonly dataCenter: string;
  readonly clientId: string;
  /** The remembered account's name, when the switch was sent with one. */
  readonly account?: string;
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
    ...(facts.account ? {account: facts.account} : {}),
    tenant_id: facts.row.tenant.id,
    tenant_name: facts.row.tenant.name,
    tenant_path: facts.row.path,
    ...facts.who,
    billing: billingSentence(facts.before, facts.at),
    ...(facts.rehearsal ? {rehearsal: true as const} : {}),
    pricing_before: facts.before,
    request: switchRequestBody(facts.before.version),
  };
}

/** What the switch bills, as the confirmation said it (reading.ts): the sentence after "Not reversible". */
function billingSentence(before: Pricing, at: number): string {
  return switchFacts(before, at).slice(1).join(' ');
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
  return {
    ...base,
    status: outcome.error.status ?? null,
    pricing_after: outcome.pricingAfter ?? null,
    outcome: verdictOf(outcome),
    puts: outcome.puts,
    error: errorRecord(outcome.error),
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

/** The first line of each apply run in its results file: which plan, for which day and data center. */
export function runLine(
  plan: Plan,
  planSha256: string,
  at: number,
  /** Who sends: the API client, and the remembered account's name when it is one. */
  sender: {readonly client: {readonly clientId: string}; readonly account?: string},
): ResultsRun {
  return {
    kind: 'run',
    plan_sha256: planSha256,
    planned_date: plan.planned_date,
    data_center: plan.data_center,
    client_id: sender.client.clientId,
    ...(sender.account ? {account: sender.account} : {}),
    time: new Date(at).toISOString(),
  };
}

/** Who sends a planned tenant's switch, from where. */
export interface PlannedSwitch {
  readonly tenant: PlannedTenant;
  readonly planSha256: string;
  readonly dataCenter: string;
  readonly clientId: string;
  /** The remembered account's name, when apply runs with one. */
  readonly account?: string;
  readonly who: {readonly os_user: string; readonly host: string};
  readonly rehearsal?: boolean;
}

/** An apply's attempt, as its results file and the audit log record it (both flushed before the PUT). */
export function plannedAttemptLines(
  attemptId: string,
  planned: PlannedSwitch,
  at: number,
): {readonly results: ResultsAttempt; readonly audit: AuditAttempt} {
  const {tenant, planSha256} = planned;
  const time = new Date(at).toISOString();
  const planBefore = {
    mode: 'trial' as const,
    version: tenant.pricing_version,
    production_start_date: tenant.auto_switch_date,
    currency: null,
  };
  return {
    results: {
      kind: 'attempt',
      attempt_id: attemptId,
      time,
      tenant_id: tenant.id,
      pricing_version: tenant.pricing_version,
      plan_sha256: planSha256,
    },
    audit: {
      kind: 'attempt',
      attempt_id: attemptId,
      time,
      via: 'apply',
      data_center: planned.dataCenter,
      client_id: planned.clientId,
      ...(planned.account ? {account: planned.account} : {}),
      tenant_id: tenant.id,
      tenant_name: tenant.name,
      tenant_path: tenant.path,
      ...planned.who,
      billing: billingSentence(planBefore, at),
      ...(planned.rehearsal ? {rehearsal: true as const} : {}),
      // The pricing the plan read: its version goes into the PUT.
      pricing_before: planBefore,
      request: switchRequestBody(tenant.pricing_version),
      plan_sha256: planSha256,
    },
  };
}

/** What a planned tenant's outcome holds, whichever way it came (a PUT, a read, a lock held elsewhere). */
export interface PlannedResult {
  readonly outcome: ApplyOutcome;
  readonly status: number | null;
  readonly pricingAfter?: Pricing;
  readonly error?: PlatformError;
  readonly puts: number;
}

/**
 * An apply's outcome lines: always one in the results file; in the audit log only when it closes an attempt there
 * (a tenant settled by a read alone has no attempt to close), and never for `busy`: another switch held the tenant,
 * nothing was read or sent, so an earlier attempt's outcome is no better known than before.
 */
export function plannedOutcomeLines(
  attemptId: string | undefined,
  tenant: PlannedTenant,
  planSha256: string,
  result: PlannedResult,
  at: number,
): {readonly results: ResultsOutcome; readonly audit?: AuditResult} {
  const common = {
    kind: 'outcome',
    time: new Date(at).toISOString(),
    tenant_id: tenant.id,
    status: result.status,
    pricing_after: result.pricingAfter ?? null,
    puts: result.puts,
    plan_sha256: planSha256,
    ...(result.error ? {error: errorRecord(result.error)} : {}),
  } as const;
  return {
    results: {...common, attempt_id: attemptId ?? null, outcome: result.outcome},
    ...(attemptId && result.outcome !== 'busy'
      ? {audit: {...common, attempt_id: attemptId, outcome: auditOutcomeOf(result.outcome)}}
      : {}),
  };
}
