// The lines of an apply's results file (`PLAN.results.jsonl`, docs/month-start.md): one `run` line a run, then an
// `attempt` line flushed before each PUT and an `outcome` line once it is known. Written through a Journal (one
// append-only writer) and built by procedure/switch-record.ts only.

/** A failure as the audit log and the results file record it: no headers, no token, ever. */
export interface ErrorRecord {
  readonly kind: string;
  readonly status?: number;
  readonly code?: string | number;
  readonly message: string;
}

export interface ResultsRun {
  readonly kind: 'run';
  readonly plan_sha256: string;
  readonly planned_date: string;
  readonly data_center: string;
  /** The API client that sends (absent in files of 0.2). */
  readonly client_id?: string;
  /** The remembered account's name, when apply runs with one (docs/accounts.md). */
  readonly account?: string;
  readonly time: string;
}

export interface ResultsAttempt {
  readonly kind: 'attempt';
  readonly attempt_id: string;
  readonly time: string;
  readonly tenant_id: string;
  readonly pricing_version: number;
  readonly plan_sha256: string;
}

export interface ResultsOutcome {
  readonly kind: 'outcome';
  /** null: settled by a read alone, with no attempt of this run to close. */
  readonly attempt_id: string | null;
  readonly time: string;
  readonly tenant_id: string;
  /** One of the apply's outcomes (procedure/switch-record.ts, ApplyOutcome). */
  readonly outcome: string;
  readonly status: number | null;
  readonly pricing_after: unknown;
  readonly puts: number;
  readonly plan_sha256: string;
  readonly error?: ErrorRecord;
}

export type ResultsLine = ResultsRun | ResultsAttempt | ResultsOutcome;
