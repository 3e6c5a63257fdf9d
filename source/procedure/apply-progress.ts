import type {TenantResult} from './apply-types.js';
import type {PlannedTenant} from './plan-format.js';
import type {ApplyOutcome} from './switch-record.js';

/** How far an apply is, as a progress view shows it. */
export interface ApplyProgress {
  readonly total: number;
  readonly done: number;
  readonly switched: number;
  readonly nothingToDo: number;
  /** Refused for good: changed since the plan, gone, refused. */
  readonly refused: number;
  readonly failed: number;
  readonly unknown: number;
  /** Names of the tenants in flight now. */
  readonly inFlight: readonly string[];
  /** Tenants this run settled a second, since it started; undefined before the first. */
  readonly perSecond?: number;
  /** Milliseconds left at that rate. */
  readonly etaMs?: number;
  /** While the platform's 429 pauses every request: milliseconds left. */
  readonly pausedMs?: number;
}

const refusedOutcomes = new Set<ApplyOutcome>(['changed-since-plan', 'gone', 'refused']);

/** Counts an apply's events into its progress; the front end decides how often to show it. */
export class ProgressTally {
  #done = 0;
  #sentDone = 0;
  readonly #counts = {switched: 0, nothingToDo: 0, refused: 0, failed: 0, unknown: 0};
  readonly #inFlight = new Map<string, string>();

  constructor(
    readonly total: number,
    private readonly startedAt: number,
  ) {}

  start(tenant: PlannedTenant): void {
    this.#inFlight.set(tenant.id, tenant.name);
  }

  result(result: TenantResult): void {
    this.#inFlight.delete(result.tenant.id);
    this.#done += 1;
    if (!result.earlier) this.#sentDone += 1;
    const {outcome} = result;
    if (outcome === 'switched' || outcome === 'switched-confirmed-by-reread') this.#counts.switched += 1;
    else if (outcome === 'nothing-to-do') this.#counts.nothingToDo += 1;
    else if (refusedOutcomes.has(outcome)) this.#counts.refused += 1;
    else if (outcome === 'unknown') this.#counts.unknown += 1;
    else if (outcome === 'failed') this.#counts.failed += 1;
  }

  snapshot(now: number, pausedUntil?: number): ApplyProgress {
    const seconds = (now - this.startedAt) / 1000;
    const perSecond = this.#sentDone > 0 && seconds > 0 ? this.#sentDone / seconds : undefined;
    return {
      total: this.total,
      done: this.#done,
      ...this.#counts,
      inFlight: [...this.#inFlight.values()],
      perSecond,
      etaMs: perSecond ? ((this.total - this.#done) / perSecond) * 1000 : undefined,
      pausedMs: pausedUntil !== undefined && pausedUntil > now ? pausedUntil - now : undefined,
    };
  }
}

/** "about 2 min 10 s", "about 40 s" */
export function durationText(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
