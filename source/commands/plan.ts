import {resolve} from 'node:path';
import {
  applyCommand,
  type Candidate,
  cannotWritePlan,
  dateAsSent,
  dayStart,
  defaultPlanDay,
  exists,
  formatDay,
  formatMonth,
  makePlan,
  PlanFileError,
  parsePlan,
  pauseWords,
  planDigest,
  planReport,
  planText,
  printable,
  RequestGate,
  readCandidates,
  readPlanFile,
  SelectionError,
  select,
  sessionRerun,
  writePlanFile,
} from '../procedure/index.js';
import {keepHeapSmall} from './heap.js';
import {type CommandIo, programOf} from './io.js';
import {CommandError, exitCodes, makeOutput, runCommand} from './output.js';
import {progressLine} from './progress-line.js';
import {reportFormat, writeReport} from './report-file.js';
import {openSession, type SignInFlags} from './session.js';

export interface PlanFlags extends SignInFlags {
  readonly json: boolean;
  /** YYYY-MM-DD, checked by main.ts; default: the coming 1st. */
  readonly on?: string;
  readonly out?: string;
  /** --report FILE.html|md: the plan as a report to look at (charts, billing per month). */
  readonly report?: string;
  readonly only: readonly string[];
  readonly except: readonly string[];
}

/**
 * `tenant-mode plan`: every trial customer of the operator's subtree with its pricing, what switching it on the
 * planned day costs against leaving it, and (with --out) the plan file that `apply` runs on the day.
 */
export async function runPlanCommand(flags: PlanFlags, io: CommandIo): Promise<number> {
  const output = makeOutput(flags.json, io);
  return runCommand(io, async (signal) => {
    const now = io.clock.now();
    const day = flags.on ?? defaultPlanDay(now);
    const today = new Date(now).toISOString().slice(0, 10);
    if (day < today) {
      throw new CommandError(
        `--on ${day} is in the past (today is ${today}, UTC): plan a day to come.`,
        exitCodes.usage,
      );
    }
    // A report of a name that says no format is refused before anything is read.
    if (flags.report !== undefined) reportFormat(flags.report);
    const unwritable = flags.out === undefined ? undefined : cannotWritePlan(flags.out);
    if (unwritable)
      throw new CommandError(`Cannot write the plan to ${flags.out}: ${unwritable}.`, exitCodes.usage);
    if (flags.out !== undefined && exists(flags.out) && !isPlanFile(flags.out)) {
      throw new CommandError(
        `${flags.out} exists and is not a tenant-mode plan: it is not overwritten. Choose another name.`,
        exitCodes.usage,
      );
    }
    if (flags.out !== undefined && exists(`${flags.out}.results.jsonl`)) {
      throw new CommandError(
        `${flags.out} has been applied (${flags.out}.results.jsonl exists): write the new plan to another file.`,
        exitCodes.usage,
      );
    }
    const progress = progressLine(io.stderr, io.clock, !flags.json);
    const count = (n: number) => n.toLocaleString('en');
    // Thousands of reads: a 429 pauses all of them (and is said once every ten seconds), as in apply.
    let lastSaid = Number.NEGATIVE_INFINITY;
    const gate = new RequestGate(
      io.clock,
      (ms, askedMs) => {
        if (io.clock.now() - lastSaid < 10_000) return;
        lastSaid = io.clock.now();
        progress.end();
        output.note(`The platform asks to slow down (429): ${pauseWords(ms, askedMs)}.`);
      },
      io.interrupt,
    );
    keepHeapSmall();
    const session = await openSession(flags, io, output, {gate, onRetry: () => {}});
    progress.say("Listing the trial customers in your tenant's subtree…");
    let candidates: Awaited<ReturnType<typeof readCandidates>>;
    try {
      candidates = await readCandidates(session, day, {
        signal,
        onListed: (found) =>
          progress.say(`${count(found)} trial customers listed so far, in your tenant's subtree…`),
        onProgress: (read, total) => {
          keepHeapSmall();
          progress.say(`${count(read)} of ${count(total)} trial customers' pricing read…`, read === total);
        },
      });
    } finally {
      progress.end();
    }
    const {planned, endingBefore} = candidates;
    let chosen: Candidate[];
    try {
      chosen = select(planned, flags.only, flags.except, endingBefore);
    } catch (error) {
      if (error instanceof SelectionError) throw new CommandError(error.message, exitCodes.usage);
      throw error;
    }
    const plan = await makePlan(session, day, chosen, now, signal);
    if (flags.out !== undefined) {
      try {
        writePlanFile(flags.out, planText(plan));
      } catch (error) {
        if (error instanceof PlanFileError) throw new CommandError(error.message, exitCodes.usage);
        throw error;
      }
    }
    const reportPath =
      flags.report === undefined
        ? undefined
        : writeReport(
            planReport(
              plan,
              {planned: chosen, endingBefore},
              io.clock.now(),
              flags.out === undefined
                ? undefined
                : {path: resolve(flags.out), sha256: planDigest(planText(plan))},
            ),
            flags.report,
          );
    const when = formatDay(dayStart(day));
    const lines = [
      `Plan for ${when} (UTC): ${chosen.length} of ${planned.length} customers in trial.`,
      ...(new Date(dayStart(day)).getUTCDate() === 1
        ? []
        : [`! ${when} is not the 1st: a switch that day bills all of ${formatMonth(dayStart(day))}.`]),
      '',
      ...table(chosen, day),
    ];
    if (endingBefore.length > 0) {
      lines.push('', `Their trial ends before ${when}: planning them changes nothing.`);
      for (const candidate of endingBefore) {
        lines.push(
          `  ${where(candidate)}  ${candidate.id}  switches by itself on ${formatDay(candidate.autoSwitch ?? 0)}`,
        );
      }
    }
    const earlier = chosen.filter(
      (candidate) =>
        candidate.billedIfLeft !== undefined && candidate.billedIfLeft > candidate.billedIfSwitched,
    ).length;
    lines.push(
      '',
      '"Left alone": a trial that ends by itself is likely billed from its month, as a switch is (docs/month-start.md).',
    );
    if (earlier > 0) {
      lines.push(
        `${earlier} of them would start billing later if left alone: switching them on ${when} bills ${formatMonth(dayStart(day))} for each.`,
      );
    }
    lines.push(
      flags.out === undefined
        ? `Nothing written: add --out FILE to save this plan; on ${when} run tenant-mode apply FILE.`
        : `Written to ${flags.out} (readable by you only). On ${when} run:\n  ${applyCommand(flags.out, sessionRerun(session, programOf(io)))}`,
    );
    if (reportPath) lines.push(`Report: ${reportPath}`);
    const month = (ms: number | undefined) =>
      ms === undefined ? null : new Date(ms).toISOString().slice(0, 7);
    output.result(lines.join('\n'), {
      planned_date: day,
      plan_file: flags.out ?? null,
      report_file: reportPath ?? null,
      data_center: plan.data_center,
      operator_tenant: plan.operator_tenant,
      tenants: chosen.map((candidate, index) => ({
        ...plan.tenants[index],
        first_billed_month_if_switched: month(candidate.billedIfSwitched),
        first_billed_month_if_left: month(candidate.billedIfLeft),
      })),
      ending_before: endingBefore.map((candidate) => ({
        id: candidate.id,
        name: candidate.name,
        path: candidate.path,
        auto_switch_date: candidate.auto_switch_date,
      })),
    });
    return exitCodes.done;
  });
}

/** Only an earlier plan is replaced by --out: never a results file, an audit log, or anything else. */
function isPlanFile(path: string): boolean {
  try {
    parsePlan(readPlanFile(path), path);
    return true;
  } catch {
    return false;
  }
}

function where(candidate: Candidate): string {
  return [...candidate.path, candidate.name].map(printable).join(' / ');
}

/** The plan as a table: who, where, when it would switch by itself, and the first month billed either way. */
function table(candidates: readonly Candidate[], day: string): string[] {
  if (candidates.length === 0) return ['No customer to switch.'];
  const short = (ms: number | undefined) => (ms === undefined ? '—' : formatMonth(ms));
  const rows = candidates.map((candidate) => [
    where(candidate),
    candidate.id,
    // A date the platform sent that is no date is shown as sent, never as "none".
    candidate.autoSwitch !== undefined
      ? formatDay(candidate.autoSwitch)
      : candidate.auto_switch_date
        ? dateAsSent(candidate.auto_switch_date)
        : 'no date given',
    short(candidate.billedIfSwitched),
    short(candidate.billedIfLeft),
  ]);
  const heads = [
    'CUSTOMER',
    'UUID',
    'ENDS BY ITSELF',
    `BILLED FROM, SWITCHED ${day}`,
    'BILLED FROM, LEFT ALONE',
  ];
  const widths = heads.map((head, column) =>
    Math.min(column === 0 ? 48 : 40, Math.max(head.length, ...rows.map((row) => (row[column] ?? '').length))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(heads), ...rows.map(line)];
}
