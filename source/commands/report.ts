import {resolve} from 'node:path';
import {
  applyReport,
  exists,
  PlanFileError,
  PlanFormatError,
  parsePlan,
  planDigest,
  planText,
  printable,
  readPlanFile,
  reportMarkdown,
} from '../procedure/index.js';
import {CommandError, UsageError} from './command-error.js';
import type {CommandIo} from './io.js';
import {exitCodes, runCommand} from './output.js';
import {reportFormat, writeReport} from './report-file.js';

const suffix = '.results.jsonl';

/**
 * `tenant-mode report RESULTS_FILE [--out FILE]`: an apply's report made afterwards, from its results file and the
 * plan beside it (`PLAN.results.jsonl` belongs to `PLAN`), as `apply --report` writes it (procedure/batch-report.ts).
 */
export async function runReportCommand(
  resultsFile: string,
  options: {out?: string},
  io: CommandIo,
): Promise<number> {
  return runCommand(io, async () => {
    if (options.out !== undefined) reportFormat(options.out);
    if (!resultsFile.endsWith(suffix)) {
      throw new UsageError(
        `${printable(resultsFile)} is not a results file: apply writes them beside the plan, as PLAN${suffix}.`,
      );
    }
    if (!exists(resultsFile)) {
      throw new UsageError(
        `${printable(resultsFile)} does not exist: the plan has not been applied yet (or was moved).`,
      );
    }
    const planFile = resultsFile.slice(0, -suffix.length);
    let plan: ReturnType<typeof parsePlan>;
    try {
      plan = parsePlan(readPlanFile(planFile), planFile);
    } catch (error) {
      if (error instanceof PlanFileError || error instanceof PlanFormatError) {
        throw new CommandError(
          `The report needs the plan beside its results (names and dates): ${error.message}`,
          exitCodes.usage,
          {reason: 'plan-refused'},
        );
      }
      throw error;
    }
    const sha256 = planDigest(planText(plan));
    const report = await applyReport(plan, resolve(planFile), sha256, resultsFile, io.clock.now());
    if (report.runs.length === 0) {
      throw new CommandError(
        `${printable(resultsFile)} holds no run of the plan ${printable(planFile)} as it is now (the plan file changed since it was applied, or the results are another plan's).`,
        exitCodes.usage,
        {reason: 'results-refused'},
      );
    }
    if (options.out === undefined) {
      io.stdout.write(reportMarkdown(report));
      return exitCodes.done;
    }
    const path = writeReport(report, options.out);
    io.stderr.write(`Report written to ${path}.\n`);
    return exitCodes.done;
  });
}
