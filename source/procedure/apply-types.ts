// The shapes of an apply: its request, what becomes of each planned tenant, the report (procedure/apply.ts runs it,
// apply-run.ts sends it).
import type {Clock} from '../clock.js';
import type {PlatformError, Pricing, RequestGate} from '../platform/index.js';
import type {AuditLog} from '../store/index.js';
import type {Plan, PlannedTenant} from './plan-format.js';
import type {Throttle} from './pool.js';
import type {Session} from './sign-in.js';
import type {ApplyOutcome} from './switch-record.js';

/** What `--check` (or `--dry-run`) foresees for a tenant, from a fresh reading; nothing is sent. */
export type CheckOutcome = 'ready' | 'changed-since-plan' | 'nothing-to-do' | 'gone' | 'refused' | 'unknown';

export interface TenantResult<Outcome = ApplyOutcome> {
  readonly tenant: PlannedTenant;
  readonly outcome: Outcome;
  /** HTTP status of the last PUT (or of the read, for a check); null when none came. */
  readonly status: number | null;
  readonly pricingAfter?: Pricing;
  readonly error?: PlatformError;
  /** PUTs sent for it in this run. */
  readonly puts: number;
  /** Recorded by an earlier run of the same plan, and left alone by this one. */
  readonly earlier?: boolean;
  /** The tenant's name on the platform now, when it is not the plan's (read by `--check`, and by apply first). */
  readonly nowNamed?: string;
}

export interface ApplyReport {
  readonly results: TenantResult[];
  /** Why the run stopped sending before the end, if it did. */
  readonly stopped?: 'interrupted' | 'failures' | 'record' | 'day-ended';
  /** With `record`: the results file or the audit log could not be written (what the disk said). */
  readonly recordProblem?: string;
  /** Failures in a row that stopped it. */
  readonly failuresInARow: number;
}

export interface ApplyRequest {
  readonly session: Session;
  readonly plan: Plan;
  readonly planSha256: string;
  /** `FILE.results.jsonl`: attempt and outcome lines, flushed; a rerun resumes from it. */
  readonly resultsPath: string;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly concurrency: number;
  readonly maxFailures: number;
  /**
   * The run may send on any day (`--not-on-date`). Without it every PUT is sent on the plan's day only (UTC),
   * checked before each one: a run still going at midnight stops sending (`stopped: 'day-ended'`).
   */
  readonly notOnDate?: boolean;
  /** Aborted when the operator interrupts: no new PUT is sent, those in flight finish (within --timeout). */
  readonly stop: AbortSignal;
  readonly onStart?: (tenant: PlannedTenant) => void;
  readonly onResult?: (result: TenantResult) => void;
  /** The session's gate (platform/gate.ts): waited for before each tenant, so that Ctrl+C during a pause stops. */
  readonly gate?: RequestGate;
  /** Lowered when the platform answers 429 (the gate's onPause calls `slowDown`). */
  readonly throttle?: Throttle;
}

/** What an earlier run of this plan recorded of a tenant: its last outcome, or `pending` for an attempt without one. */
export interface Earlier {
  readonly outcome: ApplyOutcome | 'pending';
  /** The attempt that outcome belongs to (the audit log joins the two). */
  readonly attemptId?: string;
}
