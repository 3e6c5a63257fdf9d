import {
  type AuditEntry,
  AuditLog,
  configDirectory,
  jsonText,
  printable,
  sameDataCenter,
  statusCommand,
} from '../procedure/index.js';
import {type CommandIo, programOf} from './io.js';
import {exitCodes, makeOutput, runCommand} from './output.js';
import {openStore} from './session.js';

/** Entries are written in batches of this many: a log of any size is never one string in memory. */
const batch = 500;

/**
 * `tenant-mode audit`: every switch attempt made from this computer, newest first; `--since DAY` only those from
 * that day on (UTC, as the log's times are), so that a year of month-start batches stays readable. The log is read
 * as hostile and in flat memory: one pass finds where each attempt and its outcome are (store/audit.ts), then they
 * are read again, newest first, as they are written out; lines that are no audit line are skipped and named.
 */
export async function runAuditCommand(
  options: {json: boolean; since?: string},
  io: CommandIo,
): Promise<number> {
  const output = makeOutput(options.json, io);
  return runCommand(io, async (signal) => {
    const log = new AuditLog(configDirectory(io.env));
    // An entry's account is named in its printed command only while it is still remembered as the same client.
    const store = openStore(io, output);
    const remembered = (entry: AuditEntry) => {
      const named = entry.account === undefined ? undefined : store.account(entry.account);
      if (named?.clientId === entry.client_id && sameDataCenter(named.dataCenter, entry.data_center)) {
        return named.name;
      }
      // An attempt that names no account (0.2's, or one made with --url): the account of its client, if remembered.
      return store.profile(entry.data_center, entry.client_id)?.name;
    };
    const since = options.since;
    const index = await log.index((attempt) => since === undefined || attempt.time.slice(0, 10) >= since);
    try {
      const skipped = index.skipped.sentence();
      if (skipped) {
        output.note(
          `${log.path}: ${skipped} (torn by a crash or by another program, edited, or not an audit line).`,
        );
      }
      if (options.json) {
        const head = {
          path: log.path,
          ...(since === undefined ? {} : {since}),
          unreadable_lines: index.skipped.count,
          unreadable_line_numbers: index.skipped.numbers,
        };
        io.stdout.write(`${jsonText(head, 2).replace(/\n}$/, ',\n  "entries": [')}`);
      }
      let shown = 0;
      let lines: string[] = [];
      let documents: string[] = [];
      const flush = () => {
        if (lines.length > 0) io.stdout.write(`${lines.join('\n')}\n`);
        if (documents.length > 0)
          io.stdout.write(`${shown > documents.length ? ',' : ''}\n${documents.join(',\n')}`);
        lines = [];
        documents = [];
      };
      for (let at = index.count - 1; at >= 0 && !signal.aborted; at--) {
        const entry = await index.entry(at);
        if (!entry) continue;
        shown += 1;
        if (options.json) documents.push(indented(jsonText(entry, 2)));
        else lines.push(entryLine(entry, programOf(io), remembered(entry)));
        if (lines.length + documents.length >= batch) flush();
      }
      flush();
      if (options.json) io.stdout.write(shown === 0 ? ']\n}\n' : '\n  ]\n}\n');
      if (shown === 0 && !options.json) {
        io.stdout.write(
          `${
            since === undefined
              ? `No switch attempts recorded (${log.path}).`
              : `No switch attempts since ${since} (UTC) of ${index.total} recorded (${log.path}).`
          }\n`,
        );
      }
      return exitCodes.done;
    } finally {
      await index.close();
    }
  });
}

function entryLine(entry: AuditEntry, program: readonly string[], account: string | undefined): string {
  const rerun = {
    program,
    dataCenter: entry.data_center,
    clientId: entry.client_id,
    ...(account ? {account} : {}),
  };
  const outcome =
    entry.outcome === 'not-recorded'
      ? `outcome not recorded — check with ${statusCommand(rerun, entry.tenant_id)}`
      : entry.outcome;
  // Every field from the file through printable: a line feed in a hand-edited time cannot fake a row.
  const fields = [entry.time, outcome.padEnd(28), String(entry.status ?? '-').padEnd(3)].map(printable);
  return `${fields.join('  ')}  ${printable(entry.tenant_name)} (${printable(entry.tenant_id)})  via ${entry.via}  ${printable(new URL(entry.data_center).host)}`;
}

/** A JSON object as an item of the document's `entries` list, four spaces in. */
function indented(json: string): string {
  return json
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
