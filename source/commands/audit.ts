import {AuditLog, configDirectory, printable} from '../procedure/index.js';
import type {CommandIo} from './io.js';
import {exitCodes, makeOutput, runCommand} from './output.js';

/**
 * `tenant-mode audit`: every switch attempt made from this computer, newest first; `--since DAY` only those from
 * that day on (UTC, as the log's times are), so that a year of month-start batches stays readable.
 */
export async function runAuditCommand(
  options: {json: boolean; since?: string},
  io: CommandIo,
): Promise<number> {
  const output = makeOutput(options.json, io);
  return runCommand(output, io, async () => {
    const log = new AuditLog(configDirectory(io.env));
    const {entries, unreadable} = log.read();
    const since = options.since;
    const newest = entries
      .filter((entry) => since === undefined || entry.time.slice(0, 10) >= since)
      .reverse();
    if (unreadable > 0) {
      output.note(
        `${unreadable} line(s) of ${log.path} could not be read (torn by a crash, edited, or not an audit line) and were skipped.`,
      );
    }
    const lines = newest.map((entry) => {
      const outcome =
        entry.outcome === 'not-recorded'
          ? `outcome not recorded — check with tenant-mode status ${entry.tenant_id}`
          : entry.outcome;
      return `${entry.time}  ${outcome.padEnd(28)}  ${String(entry.status ?? '-').padEnd(3)}  ${printable(entry.tenant_name)} (${entry.tenant_id})  via ${entry.via}  ${new URL(entry.data_center).host}`;
    });
    const none =
      since === undefined
        ? `No switch attempts recorded (${log.path}).`
        : `No switch attempts since ${since} (UTC) of ${entries.length} recorded (${log.path}).`;
    output.result(newest.length === 0 ? none : lines.join('\n'), {
      path: log.path,
      ...(since === undefined ? {} : {since}),
      entries: newest,
      unreadable_lines: unreadable,
    });
    return exitCodes.done;
  });
}
