import {formatDay, formatMonth, printable} from '../text/index.js';
import type {ApplyReport, CheckOutcome, TenantResult} from './apply-types.js';
import {exitCodes} from './exit-codes.js';
import {dayStart} from './plan.js';
import type {Plan} from './plan-format.js';
import {firstBilledMonth} from './reading.js';
import type {ApplyOutcome} from './switch-record.js';

/** Each outcome of an apply (or of its check) in the operator's words, short enough for a table column. */
export const outcomeWords: Record<ApplyOutcome | CheckOutcome, string> = {
  switched: 'switched',
  'switched-confirmed-by-reread': 'switched (confirmed by re-read)',
  'nothing-to-do': 'already in production: nothing to do',
  'changed-since-plan': 'changed since the plan: not switched, plan again',
  gone: 'not visible to this API client any more: not switched',
  refused: 'not switchable (suspended, not a customer) or refused by the platform: not switched',
  failed: 'failed, still in trial: apply again to retry',
  unknown: 'outcome unknown: apply again to re-read it',
  busy: 'busy elsewhere (another switch of it was running): not sent, apply again',
  'not-sent': 'not sent',
  ready: 'still in trial at the planned version: will be switched',
};

/** The exit code of a run: the highest of 5 (unknown) > 4 (failed, not reached) > 1 (refused) > 0 wins. */
export function exitCodeOfApply(report: ApplyReport): number {
  if (report.stopped === 'interrupted') return exitCodes.interrupted;
  return Math.max(exitCodes.done, ...report.results.map((result) => exitCodeOfResult(result)));
}

function exitCodeOfResult(result: TenantResult<ApplyOutcome | CheckOutcome>): number {
  switch (result.outcome) {
    case 'unknown':
      return exitCodes.unknownOutcome;
    case 'failed':
    case 'busy':
    case 'not-sent':
      return result.error?.status === 401 ? exitCodes.authentication : exitCodes.unreachable;
    case 'changed-since-plan':
    case 'gone':
    case 'refused':
      return exitCodes.refused;
    default:
      return exitCodes.done;
  }
}

/** The exit code of `--check`: 0 when every tenant is ready or needs nothing, 1 when some will not be switched. */
export function exitCodeOfCheck(results: readonly TenantResult<CheckOutcome>[]): number {
  return Math.max(
    exitCodes.done,
    ...results.map((result) =>
      result.outcome === 'unknown' ? exitCodes.unreachable : exitCodeOfResult(result),
    ),
  );
}

/** Counts by outcome, in a fixed order, for a summary line. */
export function tally<O extends string>(results: readonly TenantResult<O>[]): Map<O, number> {
  const counts = new Map<O, number>();
  for (const {outcome} of results) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  return counts;
}

/** One line a tenant: outcome, name and path, UUID. */
export function resultLine(result: TenantResult<ApplyOutcome | CheckOutcome>): string {
  const where = [...result.tenant.path, result.tenant.name].map(printable).join(' / ');
  const earlier = result.earlier ? ' (an earlier run)' : '';
  const why =
    result.error && !['switched', 'nothing-to-do'].includes(result.outcome)
      ? ` — ${printable(result.error.message)}`
      : '';
  return `${outcomeWords[result.outcome]}${earlier}  ${where}  ${result.tenant.id}${why}`;
}

/** The order of the final table: what went well first, what needs a look last (next to the summary). */
export const tableOrder: Array<ApplyOutcome | CheckOutcome> = [
  'switched',
  'switched-confirmed-by-reread',
  'ready',
  'nothing-to-do',
  'changed-since-plan',
  'gone',
  'refused',
  'not-sent',
  'busy',
  'failed',
  'unknown',
];

/**
 * Every tenant's outcome as a table with a header: outcome, UUID, where and who, and why when it was not switched;
 * the ones that need a look come last, next to the summary.
 */
export function resultTable(results: readonly TenantResult<ApplyOutcome | CheckOutcome>[]): string[] {
  const rank = (result: TenantResult<ApplyOutcome | CheckOutcome>) => tableOrder.indexOf(result.outcome);
  const sorted = [...results].sort((a, b) => rank(a) - rank(b));
  const outcome = (result: TenantResult<ApplyOutcome | CheckOutcome>) =>
    `${result.outcome}${result.earlier ? ' (earlier)' : ''}`;
  const width = Math.max('OUTCOME'.length, ...sorted.map((result) => outcome(result).length));
  const row = (result: TenantResult<ApplyOutcome | CheckOutcome>) => {
    const where = [...result.tenant.path, result.tenant.name].map(printable).join(' / ');
    const settledWell = ['switched', 'switched-confirmed-by-reread', 'nothing-to-do', 'ready'].includes(
      result.outcome,
    );
    const why = result.error && !settledWell ? ` — ${printable(result.error.message)}` : '';
    const renamed = result.nowNamed === undefined ? '' : ` (now named ${printable(result.nowNamed)})`;
    return `${outcome(result).padEnd(width)}  ${result.tenant.id}  ${where}${renamed}${why}`;
  };
  return [`${'OUTCOME'.padEnd(width)}  ${'UUID'.padEnd(36)}  TENANT`, ...sorted.map(row)];
}

/**
 * Why this plan must not be applied here and now, or undefined when it may: made for another data center or
 * account (refused always), or for another day (refused unless `--not-on-date`).
 */
export function planRefusal(
  plan: Plan,
  signedIn: {readonly dataCenter: string; readonly ownId: string},
  now: number,
  notOnDate: boolean,
): string | undefined {
  if (plan.data_center !== signedIn.dataCenter) {
    return `This plan was made for ${printable(plan.data_center)}, and you are signed in to ${signedIn.dataCenter}. Nothing was sent: apply it against its own data center.`;
  }
  if (plan.operator_tenant.id !== signedIn.ownId) {
    return `This plan was made for the account of ${printable(plan.operator_tenant.name)} (${plan.operator_tenant.id}), and this API client belongs to tenant ${signedIn.ownId}. Nothing was sent.`;
  }
  const today = new Date(now).toISOString().slice(0, 10);
  if (today !== plan.planned_date && !notOnDate) {
    return `This plan is for ${formatDay(dayStart(plan.planned_date))} (UTC), and today is ${formatDay(now)}. Nothing was sent. Check it now with --check; to switch anyway, add --not-on-date (${dateCost(plan, now)}).`;
  }
  return undefined;
}

/** What applying on another day than planned costs, in one sentence. */
export function dateCost(plan: Plan, now: number): string {
  const planned = firstBilledMonth(dayStart(plan.planned_date));
  const today = firstBilledMonth(now);
  if (today === planned) {
    return `switching today bills ${formatMonth(today)} in full, as the planned day would`;
  }
  return today < planned
    ? `switching today bills all of ${formatMonth(today)} for each tenant, a month earlier than planned`
    : `switching today bills ${formatMonth(today)} in full; the planned day has passed`;
}

/** The last line of a check or a run: the count of each outcome, in words. */
export function summary(
  results: readonly TenantResult<string>[],
  look: 'check' | 'dry-run' | 'stopped' | undefined,
): string {
  const counts = [...tally(results)].map(
    ([outcome, count]) => `${count} ${outcomeWords[outcome as CheckOutcome] ?? outcome}`,
  );
  const heads = {check: 'Check (nothing sent)', 'dry-run': 'Dry run (nothing sent)', stopped: 'Stopped'};
  const head = look ? heads[look] : 'Done';
  return `${head}: ${results.length} tenants — ${counts.join('; ') || 'none'}.`;
}

/** What an apply says at its end: the table, why it stopped and how to go on, the counts, speed and records. */
export function applyEndLines(
  report: ApplyReport,
  context: {
    readonly plan: Plan;
    readonly resultsPath: string;
    readonly maxFailures: number;
    readonly seconds: number;
    readonly now: number;
    /** The command that resumes this run, and the one that finishes it on another day. */
    readonly again: string;
    readonly notOnDate: string;
  },
): string[] {
  const {again, seconds} = context;
  const lines = [...resultTable(report.results), ''];
  if (report.stopped === 'failures') {
    lines.push(
      `Stopped after ${report.failuresInARow} failures in a row (--max-failures ${context.maxFailures}): the platform seems to be failing, so the rest was not sent. Later, run the same apply again — it resumes, and re-reads what is unknown: ${again}`,
    );
  } else if (report.stopped === 'record') {
    lines.push(
      `${report.recordProblem} Free the disk or fix the file, then run the same apply again: ${again}`,
    );
  } else if (report.stopped === 'day-ended') {
    const notSent = report.results.filter((result) => result.outcome === 'not-sent').length;
    lines.push(
      `The planned day ended at 00:00 UTC: ${notSent} tenant${notSent === 1 ? ' was' : 's were'} not sent. To finish, run it again with --not-on-date (${dateCost(context.plan, context.now)}): ${context.notOnDate}`,
    );
  } else if (report.stopped === 'interrupted') {
    lines.push(
      `Interrupted: no new switch was sent; those in flight finished and are recorded. To resume: ${again}`,
    );
  }
  lines.push(summary(report.results, report.stopped ? 'stopped' : undefined));
  const earlier = report.results.filter((result) => result.earlier).length;
  if (earlier > 0)
    lines.push(`${earlier} of them were settled by an earlier run of this plan and left alone.`);
  const sentNow = report.results.filter((result) => result.puts > 0).length;
  if (sentNow > 0) {
    lines.push(
      seconds < 1
        ? `${sentNow} tenants were sent in under a second.`
        : `${sentNow} tenants were sent in ${seconds.toFixed(1)} s (${(sentNow / seconds).toFixed(1)} tenants a second).`,
    );
  }
  lines.push(`Every attempt and outcome: ${context.resultsPath}`);
  return lines;
}
