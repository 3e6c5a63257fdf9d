import {resolve} from 'node:path';
import {
  type ApplyReport,
  AuditLog,
  applyEndLines,
  applyPlan,
  applyReport,
  applySummary,
  checkPlan,
  commandLine,
  dateCost,
  exitCodeOfApply,
  exitCodeOfCheck,
  formatDay,
  messageOf,
  type Plan,
  PlanFileError,
  PlanFormatError,
  ProgressTally,
  parsePlan,
  pauseWords,
  planDigest,
  planRefusal,
  planText,
  printable,
  RequestGate,
  ResultsRefused,
  readPlanFile,
  resultLine,
  resultTable,
  sameDataCenter,
  sessionRerun,
  settledEarlier,
  shellWord,
  type TenantResult,
  Throttle,
  tally,
  writableByOthers,
} from '../procedure/index.js';
import {UsageError} from './command-error.js';
import {keepHeapSmall} from './heap.js';
import {type CommandIo, programOf, type ShowApplyProgress} from './io.js';
import {CommandError, errorJson, exitCodes, makeOutput, type Output, runCommand} from './output.js';
import {ask} from './prompt.js';
import {reportFormat, writeReport} from './report-file.js';
import {accountJson, checkRecordFolder, openSession, openStore, type SignInFlags} from './session.js';

export interface ApplyFlags extends SignInFlags {
  readonly json: boolean;
  /** Read every tenant again and say what would happen, send nothing: `check` any day, `dry-run` on the day. */
  readonly look?: 'check' | 'dry-run';
  readonly yes: boolean;
  readonly notOnDate: boolean;
  readonly concurrency: number;
  readonly maxFailures: number;
  /** --report FILE.html|md: the run as a report to look at, written when it ends. */
  readonly report?: string;
}

/** `tenant-mode apply FILE`: the plan made by `plan`, run on its day — resumable, one PUT per tenant at most. */
export async function runApplyCommand(
  file: string,
  flags: ApplyFlags,
  io: CommandIo,
  showProgress?: ShowApplyProgress,
): Promise<number> {
  const output = makeOutput(flags.json, io);
  return runCommand(io, async (signal) => {
    if (flags.report !== undefined) {
      if (flags.look) {
        throw new UsageError(
          `--report goes with an apply that sends (or plan --report before it): --${flags.look} sends nothing to report.`,
        );
      }
      reportFormat(flags.report);
    }
    const {plan, sha256} = readPlan(file);
    const resultsPath = `${file}.results.jsonl`;
    if (flags.yes) {
      for (const path of [file, resultsPath]) {
        const why = writableByOthers(path);
        if (why) {
          throw new CommandError(`Refusing an unattended apply: ${why}. Nothing was sent.`, exitCodes.usage, {
            reason: 'writable-by-others',
          });
        }
      }
    }
    const person = Boolean(io.stdin.isTTY && io.stderr.isTTY);
    if (!flags.look && !flags.yes && !person) {
      throw new CommandError(
        'Refusing to apply without confirmation: there is no terminal to ask on. Pass --yes in a script (or --check to only look).',
        exitCodes.usage,
        {reason: 'confirmation-needed'},
      );
    }
    // A 429 pauses every request (the gate) and halves the switches in flight (the throttle); said at most once
    // every ten seconds, with how many pauses there were, so that a storm is a few lines and not thousands.
    const throttle = new Throttle(flags.concurrency);
    let pauses = 0;
    let lastSaid = Number.NEGATIVE_INFINITY;
    const gate = new RequestGate(
      io.clock,
      (ms, askedMs) => {
        throttle.slowDown();
        pauses += 1;
        const now = io.clock.now();
        if (now - lastSaid < 10_000) return;
        lastSaid = now;
        output.note(
          `The platform asks to slow down (429, ${pauses} so far): ${pauseWords(ms, askedMs)}, then ${throttle.limit} at a time.`,
        );
      },
      io.interrupt,
    );
    keepHeapSmall();
    if (!flags.look) checkRecordFolder(io);
    const session = await openSession(accountForPlan(flags, plan, io, output), io, output, {
      gate,
      onRetry: () => {},
    });
    const now = io.clock.now();
    const refusal = planRefusal(
      plan,
      {dataCenter: session.client.baseUrl, ownId: session.ownId},
      now,
      flags.notOnDate || flags.look === 'check',
    );
    if (refusal) throw new CommandError(refusal, exitCodes.usage, {reason: 'plan-refused'});
    const today = new Date(now).toISOString().slice(0, 10);
    if (today !== plan.planned_date && flags.look !== 'check') {
      output.note(`Not the planned day (--not-on-date): ${dateCost(plan, now)}.`);
    }
    const count = plan.tenants.length;
    const about = {
      plan_file: file,
      plan_sha256: sha256,
      planned_date: plan.planned_date,
      account: accountJson(session),
    };

    if (flags.look) {
      output.progress(`Reading the ${count} planned tenants again; nothing is sent…`);
      const results = await checkPlan(session, plan, {concurrency: flags.concurrency, signal});
      const lines = [...resultTable(results), '', applySummary(results, flags.look)];
      output.result(
        lines.join('\n'),
        {
          ...about,
          look: flags.look,
          sent: false,
          summary: Object.fromEntries(tally(results)),
          tenants: results.map(tenantJson),
        },
        // With --json a failure's words are the lines under the table (the document has every tenant).
        true,
      );
      if (flags.json && exitCodeOfCheck(results) !== 0)
        output.note(lines.slice(resultTable(results).length + 1).join('\n'));
      return exitCodeOfCheck(results);
    }

    let settled: number;
    try {
      settled = await settledEarlier(resultsPath, sha256, plan, new AuditLog(session.store.directory));
    } catch (error) {
      if (error instanceof ResultsRefused) {
        throw new CommandError(error.message, exitCodes.usage, {reason: 'results-refused'});
      }
      throw error;
    }
    // Nothing left to send (an empty plan, or all settled by an earlier run): no question to ask.
    const left = count - settled;
    if (!flags.yes && left > 0 && !(await confirmed(left, settled, plan, io))) {
      throw new CommandError('Not confirmed: nothing was sent.', exitCodes.usage, {reason: 'not-confirmed'});
    }
    output.info(
      `Applying ${file} (SHA-256 ${sha256.slice(0, 12)}…): ${count} tenants${settled > 0 ? `, ${settled} settled by an earlier run` : ''}, ${flags.concurrency} at a time. Results: ${resultsPath}`,
    );
    let done = 0;
    let report: ApplyReport;
    const started = io.clock.now();
    const progress = new ProgressTally(count, started);
    // On a terminal a live view (redrawn ten times a second); else one line a tenant, for a log.
    const view =
      person && !flags.json && showProgress
        ? await showProgress('Progress', progress.snapshot(started))
        : undefined;
    const redraw = view
      ? setInterval(() => view.update(progress.snapshot(io.clock.now(), gate.pausedUntil)), 100)
      : undefined;
    try {
      report = await applyPlan({
        session,
        plan,
        planSha256: sha256,
        resultsPath,
        audit: new AuditLog(session.store.directory),
        clock: io.clock,
        concurrency: flags.concurrency,
        maxFailures: flags.maxFailures,
        notOnDate: flags.notOnDate,
        stop: signal,
        gate,
        throttle,
        onStart: (tenant) => progress.start(tenant),
        onResult: (result) => {
          done += 1;
          progress.result(result);
          keepHeapSmall();
          // One line a tenant is a cron job's log of what was sent; with --json the document says it.
          if (!view && !result.earlier && (!flags.json || io.stderr.isTTY)) {
            io.stderr.write(
              `[${String(done).padStart(String(count).length)}/${count}] ${resultLine(result)}\n`,
            );
          }
        },
      });
    } catch (error) {
      if (error instanceof ResultsRefused) {
        throw new CommandError(error.message, exitCodes.usage, {reason: 'results-refused'});
      }
      throw error;
    } finally {
      clearInterval(redraw);
      await view?.close(progress.snapshot(io.clock.now()), signal.aborted ? 'Interrupted.' : undefined);
    }
    const sentNow = report.results.filter((result) => result.puts > 0).length;
    const rerun = sessionRerun(session, programOf(io));
    const lines = applyEndLines(report, {
      plan,
      resultsPath,
      maxFailures: flags.maxFailures,
      seconds: Math.max(0.001, (io.clock.now() - started) / 1000),
      now: io.clock.now(),
      again: commandLine(rerun, ['apply', resolve(file), ...(flags.notOnDate ? ['--not-on-date'] : [])]),
      notOnDate: commandLine(rerun, ['apply', resolve(file), '--not-on-date']),
    });
    // The report is written from what the results file recorded; when it cannot be, the switches stand as said.
    let reportPath: string | undefined;
    let reportProblem: string | undefined;
    if (flags.report !== undefined) {
      try {
        const made = await applyReport(plan, resolve(file), sha256, resultsPath, io.clock.now());
        reportPath = writeReport(made, flags.report);
        lines.push(`Report: ${reportPath}`);
      } catch (error) {
        reportProblem = messageOf(error);
        lines.push(
          `The report was not written (${reportProblem}); the switches stand as said above. Write it with:\n  ${[...programOf(io), 'report', resolve(resultsPath), '--out', resolve(flags.report)].map(shellWord).join(' ')}`,
        );
      }
    }
    output.result(
      lines.join('\n'),
      {
        ...about,
        results_file: resultsPath,
        ...(flags.report === undefined ? {} : {report_file: reportPath ?? null}),
        ...(reportProblem ? {report_problem: reportProblem} : {}),
        sent: sentNow > 0,
        stopped: report.stopped ?? null,
        ...(report.recordProblem ? {record_problem: report.recordProblem} : {}),
        summary: Object.fromEntries(tally(report.results)),
        tenants: report.results.map(tenantJson),
      },
      true,
    );
    if (flags.json && exitCodeOfApply(report) !== 0) {
      output.note(lines.slice(resultTable(report.results).length + 1).join('\n'));
    }
    return exitCodeOfApply(report);
  });
}

function readPlan(file: string): {plan: Plan; sha256: string} {
  try {
    const text = readPlanFile(file);
    const plan = parsePlan(text, file);
    // The digest of the plan's content as tenant-mode writes it: a copy re-saved with other whitespace, a BOM or
    // CRLF is the same plan (same lock, same memory of what was switched); a tenant added or removed is another.
    return {plan, sha256: planDigest(planText(plan))};
  } catch (error) {
    if (error instanceof PlanFileError || error instanceof PlanFormatError) {
      throw new CommandError(`${error.message} Nothing was sent.`, exitCodes.usage, {reason: 'plan-refused'});
    }
    throw error;
  }
}

function tenantJson(result: TenantResult<string>) {
  return {
    id: result.tenant.id,
    name: result.tenant.name,
    path: result.tenant.path,
    outcome: result.outcome,
    status: result.status,
    puts: result.puts,
    earlier: result.earlier ?? false,
    ...(result.nowNamed === undefined ? {} : {now_named: result.nowNamed}),
    pricing_after: result.pricingAfter ?? null,
    ...(result.error ? errorJson(result.error) : {}),
  };
}

/** On a terminal: the operator types the number of tenants, as a second look at the size of what happens. */
async function confirmed(count: number, settled: number, plan: Plan, io: CommandIo): Promise<boolean> {
  io.stderr.write(
    `${[
      `This switches up to ${count.toLocaleString('en')} customer tenants of ${printable(plan.operator_tenant.name)} from trial to production, planned for ${formatDay(Date.parse(`${plan.planned_date}T00:00:00Z`))}.`,
      ...(settled > 0
        ? [`${settled.toLocaleString('en')} more were settled by an earlier run and are left alone.`]
        : []),
      'Not reversible. Tenants that changed since the plan are refused by the platform, not switched.',
    ].join('\n')}\n`,
  );
  const answer = await ask(`Type ${count} to confirm, anything else cancels: `, io);
  // 1,324 and 1 324 are the number too; Ctrl+D (no answer) is not confirmed.
  return answer !== undefined && answer.replace(/[\s,._']/g, '') === String(count);
}

/**
 * Without --account, --url or --client-id: the remembered account the plan was made for (its data center and
 * operator tenant), so that a month-start cron line needs no more than the plan; several match → --account is
 * asked for; none → the default account, as every command (the plan's own check then says what does not match).
 */
function accountForPlan(flags: ApplyFlags, plan: Plan, io: CommandIo, output: Output): ApplyFlags {
  if (flags.account !== undefined || flags.url !== undefined || flags.clientId !== undefined) return flags;
  const store = openStore(io, {note: () => {}});
  const matching = store
    .accounts()
    .filter(
      ({profile}) =>
        sameDataCenter(profile.dataCenter, plan.data_center) && profile.tenantId === plan.operator_tenant.id,
    );
  if (matching.length > 1) {
    throw new CommandError(
      `Several remembered accounts can apply this plan (${matching.map((each) => each.name).join(', ')}): choose one with --account NAME. Nothing was sent.`,
      exitCodes.usage,
      {reason: 'several-accounts', accounts: matching.map((each) => each.name)},
    );
  }
  const only = matching[0];
  if (only && !only.isDefault) output.info(`The plan's account: "${only.name}".`);
  return only ? {...flags, account: only.name} : flags;
}
