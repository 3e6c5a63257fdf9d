// A batch report (docs/month-start.md, "Reports"): a plan before the 1st, or an apply after it, as a document a
// manager looks at — totals by outcome, the tenants by outcome, the billing comparison per month, and two charts.
// Built from a plan and its results file (what was recorded) and nothing read from the platform: a report written
// days later says what the run recorded then.
import {eachJournalLine} from '../store/index.js';
import {parsePlatformDate} from '../text/index.js';
import {tableOrder} from './apply-text.js';
import type {Candidate} from './plan.js';
import {dayStart} from './plan.js';
import type {Plan} from './plan-format.js';
import {firstBilledMonth} from './reading.js';
import {type ApplyOutcome, applyOutcomes} from './switch-record.js';

/** What became of a tenant, as the report groups them: an apply's outcome, or where a plan stands. */
export type ReportOutcome =
  | ApplyOutcome
  /** In the plan: to be switched on the planned day. */
  | 'planned'
  /** Its trial ends by itself before the planned day: not in the plan (planning it changes nothing). */
  | 'ends-before'
  /** In the plan, but no run recorded anything of it yet. */
  | 'not-run';

export interface ReportTenant {
  readonly id: string;
  readonly name: string;
  readonly path: readonly string[];
  readonly outcome: ReportOutcome;
  readonly status: number | null;
  /** When its outcome was recorded (an apply), UTC. */
  readonly time: string | null;
  /** When its trial ends by itself, as the platform said when planned; null when it gave none. */
  readonly autoSwitch: string | null;
  /** The first month billed in full as planned or as done (ms, first of the month), null when not known. */
  readonly billedFrom: number | null;
  /** The first month billed in full had it been left to switch by itself; null when no date was given. */
  readonly billedIfLeft: number | null;
}

export interface BatchReport {
  readonly kind: 'plan' | 'apply';
  readonly plannedDate: string;
  readonly dataCenter: string;
  readonly operatorTenant: string;
  readonly planFile?: string;
  readonly planSha256?: string;
  /** The runs of an apply (its results file's run lines): when, and as which account. */
  readonly runs: readonly {readonly time: string; readonly account?: string; readonly clientId?: string}[];
  readonly tenants: readonly ReportTenant[];
  /** When the report was made. */
  readonly madeAt: string;
}

/** Outcomes after which a tenant is in production now (by this run, or already). */
const inProduction = new Set<ReportOutcome>(['switched', 'switched-confirmed-by-reread', 'nothing-to-do']);
export const switchedOutcomes = new Set<ReportOutcome>(['switched', 'switched-confirmed-by-reread']);

const monthOf = (date: string | null): number | null => {
  if (!date) return null;
  const at = parsePlatformDate(date);
  return Number.isNaN(at) ? null : firstBilledMonth(at);
};

/** A plan's report: what switching on the planned day bills, against leaving each trial to end by itself. */
export function planReport(
  plan: Pick<Plan, 'planned_date' | 'data_center' | 'operator_tenant'>,
  candidates: {readonly planned: readonly Candidate[]; readonly endingBefore: readonly Candidate[]},
  now: number,
  file?: {readonly path: string; readonly sha256: string},
): BatchReport {
  const row = (candidate: Candidate, outcome: ReportOutcome): ReportTenant => ({
    id: candidate.id,
    name: candidate.name,
    path: candidate.path,
    outcome,
    status: null,
    time: null,
    autoSwitch: candidate.auto_switch_date,
    billedFrom: outcome === 'planned' ? candidate.billedIfSwitched : (candidate.billedIfLeft ?? null),
    billedIfLeft: candidate.billedIfLeft ?? null,
  });
  return {
    kind: 'plan',
    plannedDate: plan.planned_date,
    dataCenter: plan.data_center,
    operatorTenant: plan.operator_tenant.name,
    ...(file ? {planFile: file.path, planSha256: file.sha256} : {}),
    runs: [],
    tenants: [
      ...candidates.planned.map((candidate) => row(candidate, 'planned')),
      ...candidates.endingBefore.map((candidate) => row(candidate, 'ends-before')),
    ],
    madeAt: new Date(now).toISOString(),
  };
}

/**
 * An apply's report, from its plan and its results file (every run of it): each tenant's last recorded outcome.
 * A tenant switched is billed from the month it was switched in; one not switched from the month its trial ends.
 */
export async function applyReport(
  plan: Plan,
  planFile: string,
  planSha256: string,
  resultsPath: string,
  now: number,
): Promise<BatchReport> {
  const planned = new Set(plan.tenants.map((tenant) => tenant.id));
  const last = new Map<string, {outcome: ApplyOutcome; status: number | null; time: string | null}>();
  const runs: {time: string; account?: string; clientId?: string}[] = [];
  await eachJournalLine(resultsPath, (line) => {
    if (line.kind === 'run' && line.plan_sha256 === planSha256 && typeof line.time === 'string') {
      runs.push({
        time: line.time,
        ...(typeof line.account === 'string' ? {account: line.account} : {}),
        ...(typeof line.client_id === 'string' ? {clientId: line.client_id} : {}),
      });
    }
    if (line.kind !== 'outcome' || line.plan_sha256 !== planSha256) return;
    if (typeof line.tenant_id !== 'string' || !planned.has(line.tenant_id)) return;
    if (typeof line.outcome !== 'string' || !applyOutcomes.has(line.outcome)) return;
    last.set(line.tenant_id, {
      outcome: line.outcome as ApplyOutcome,
      status: Number.isSafeInteger(line.status) ? (line.status as number) : null,
      time: typeof line.time === 'string' && !Number.isNaN(Date.parse(line.time)) ? line.time : null,
    });
  });
  const tenants = plan.tenants.map((tenant): ReportTenant => {
    const recorded = last.get(tenant.id);
    const outcome: ReportOutcome = recorded?.outcome ?? 'not-run';
    const left = monthOf(tenant.auto_switch_date);
    const switchedAt =
      recorded?.time && switchedOutcomes.has(outcome) ? Date.parse(recorded.time) : undefined;
    return {
      id: tenant.id,
      name: tenant.name,
      path: tenant.path,
      outcome,
      status: recorded?.status ?? null,
      time: recorded?.time ?? null,
      autoSwitch: tenant.auto_switch_date,
      // Switched: from its month. Already in production: not known here (it was not this run). Else: as if left.
      billedFrom:
        switchedAt !== undefined ? firstBilledMonth(switchedAt) : inProduction.has(outcome) ? null : left,
      billedIfLeft: left,
    };
  });
  return {
    kind: 'apply',
    plannedDate: plan.planned_date,
    dataCenter: plan.data_center,
    operatorTenant: plan.operator_tenant.name,
    planFile,
    planSha256,
    runs,
    tenants,
    madeAt: new Date(now).toISOString(),
  };
}

/** How many tenants have each outcome, in the report's order. */
export function totals(report: BatchReport): [ReportOutcome, number][] {
  const counts = new Map<ReportOutcome, number>();
  for (const tenant of report.tenants) counts.set(tenant.outcome, (counts.get(tenant.outcome) ?? 0) + 1);
  return reportOrder
    .filter((outcome) => counts.has(outcome))
    .map((outcome) => [outcome, counts.get(outcome) ?? 0]);
}

/** The apply's own order (what went well first), with where a plan stands around it. */
export const reportOrder: readonly ReportOutcome[] = [
  'planned',
  ...tableOrder.filter((outcome): outcome is ApplyOutcome => outcome !== 'ready'),
  'ends-before',
  'not-run',
];

/** Per month (first of the month, ms): tenants first billed then as planned or done, and had they been left alone. */
export function billingByMonth(report: BatchReport): {month: number; asDone: number; ifLeft: number}[] {
  const months = new Map<number, {asDone: number; ifLeft: number}>();
  const at = (month: number) => {
    let counts = months.get(month);
    if (!counts) {
      counts = {asDone: 0, ifLeft: 0};
      months.set(month, counts);
    }
    return counts;
  };
  for (const tenant of report.tenants) {
    // A tenant outside the plan (its trial ends before the day) is not what the plan decides on: not counted.
    if (tenant.outcome === 'ends-before') continue;
    if (tenant.billedFrom !== null) at(tenant.billedFrom).asDone += 1;
    if (tenant.billedIfLeft !== null) at(tenant.billedIfLeft).ifLeft += 1;
  }
  return [...months].sort(([a], [b]) => a - b).map(([month, counts]) => ({month, ...counts}));
}

/**
 * Tenants per day (UTC, YYYY-MM-DD): for an apply, those switched that day; for a plan, those whose trial would end
 * by itself that day if left alone (the planned day is where the plan puts them all).
 */
export function perDay(report: BatchReport): {day: string; count: number}[] {
  const days = new Map<string, number>();
  for (const tenant of report.tenants) {
    const when =
      report.kind === 'apply'
        ? switchedOutcomes.has(tenant.outcome)
          ? tenant.time
          : null
        : tenant.autoSwitch;
    if (!when) continue;
    const at = report.kind === 'apply' ? Date.parse(when) : parsePlatformDate(when);
    if (Number.isNaN(at)) continue;
    const day = new Date(at).toISOString().slice(0, 10);
    days.set(day, (days.get(day) ?? 0) + 1);
  }
  return [...days].sort(([a], [b]) => a.localeCompare(b)).map(([day, count]) => ({day, count}));
}

/** The planned day's start (ms), for the plan's chart. */
export const plannedDayStart = (report: BatchReport) => dayStart(report.plannedDate);
