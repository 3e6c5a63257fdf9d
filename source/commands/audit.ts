import {constants} from 'node:fs';
import {open} from 'node:fs/promises';
import {
  type AuditEntry,
  AuditLog,
  ChainReadError,
  type ChainReport,
  chainVerdict,
  configDirectory,
  fileProblem,
  jsonText,
  printable,
  receiptDiffers,
  receiptHashes,
  sameDataCenter,
  shellWord,
  statusCommand,
  verifyChain,
} from '../procedure/index.js';
import {UsageError} from './command-error.js';
import {type CommandIo, programOf} from './io.js';
import {CommandError, exitCodes, makeOutput, runCommand} from './output.js';
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
  options: {json: boolean; since?: string; rehearsals?: boolean},
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
    // Rehearsals (a sandbox's) and real switches are shown apart: `--rehearsals` shows the former only.
    let otherKind = 0;
    const index = await log.index((attempt) => {
      if (since !== undefined && attempt.time.slice(0, 10) < since) return false;
      if ((attempt.rehearsal === true) === (options.rehearsals === true)) return true;
      otherKind += 1;
      return false;
    });
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
          rehearsals: options.rehearsals === true,
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
      const what = options.rehearsals ? 'rehearsals' : 'switch attempts';
      if (shown === 0 && !options.json) {
        io.stdout.write(
          `${
            since === undefined
              ? `No ${what} recorded (${log.path}).`
              : `No ${what} since ${since} (UTC) of ${index.total} recorded (${log.path}).`
          }\n`,
        );
      }
      if (otherKind > 0 && !options.json) {
        io.stdout.write(
          options.rehearsals
            ? `${otherKind} real switch ${otherKind === 1 ? 'attempt is' : 'attempts are'} not shown: ${[...programOf(io), 'audit'].map(shellWord).join(' ')}\n`
            : `${otherKind} ${otherKind === 1 ? 'rehearsal' : 'rehearsals'} against a sandbox ${otherKind === 1 ? 'is' : 'are'} not shown: ${[...programOf(io), 'audit', '--rehearsals'].map(shellWord).join(' ')}\n`,
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
  const rehearsal = entry.rehearsal ? 'REHEARSAL  ' : '';
  return `${rehearsal}${fields.join('  ')}  ${printable(entry.tenant_name)} (${printable(entry.tenant_id)})  via ${entry.via}  ${printable(new URL(entry.data_center).host)}`;
}

/** A JSON object as an item of the document's `entries` list, four spaces in. */
function indented(json: string): string {
  return json
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

/** A receipt is a few KiB: a larger file is not one. */
const receiptBytesAtMost = 4 * 1024 * 1024;

/**
 * `tenant-mode audit --verify [--receipt FILE]`: checks the audit log's hash chain in one streaming pass and names
 * the first line edited, removed, reordered or inserted (exit 6), or says it is intact; with a receipt, that the
 * receipt's lines are in the log (docs/audit-log.md).
 */
export async function runAuditVerify(
  options: {json: boolean; receipt?: string},
  io: CommandIo,
): Promise<number> {
  return runCommand(io, async (signal) => {
    const log = new AuditLog(configDirectory(io.env));
    let receipt: {file: string; hashes: string[]; differs?: string} | undefined;
    if (options.receipt !== undefined) {
      const file = options.receipt;
      let text: string;
      try {
        const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
        try {
          const stat = await handle.stat();
          if (!stat.isFile())
            throw new UsageError(`${file} is not a file: give the receipt tenant-mode wrote.`);
          if (stat.size > receiptBytesAtMost) throw new UsageError(`${file} is too large to be a receipt.`);
          text = await handle.readFile('utf8');
        } finally {
          await handle.close();
        }
      } catch (error) {
        if (error instanceof UsageError) throw error;
        throw new UsageError(`The receipt ${file} cannot be read (${fileProblem(error)}).`);
      }
      const hashes = receiptHashes(text);
      receipt = {file, hashes, differs: await receiptContent(log, text, hashes)};
    }
    let report: ChainReport;
    try {
      report = await verifyChain(log.path, new Set(receipt?.hashes ?? []), signal);
    } catch (error) {
      if (error instanceof ChainReadError)
        throw new CommandError(error.message, exitCodes.usage, {reason: 'local-files'});
      throw error;
    }
    const verdict = chainVerdict(log.path, report, receipt);
    io.stdout.write(options.json ? `${jsonText(verdict.document, 2)}\n` : `${verdict.lines.join('\n')}\n`);
    return verdict.exitCode;
  });
}

/**
 * What is wrong with a receipt's content, if anything: the entry whose attempt line it quotes, made into a receipt
 * again, must read the same (procedure/receipt-formats.ts, receiptDiffers).
 */
async function receiptContent(
  log: AuditLog,
  text: string,
  hashes: readonly string[],
): Promise<string | undefined> {
  if (hashes.length === 0) return undefined;
  const index = await log.index((attempt) => attempt.kind === 'attempt' && text.includes(attempt.attempt_id));
  try {
    for (let at = 0; at < index.count; at++) {
      const entry = await index.entry(at);
      if (entry?.attempt_line && hashes.includes(entry.attempt_line.sha256))
        return receiptDiffers(text, entry);
    }
    return 'no attempt of the log is the one it names';
  } finally {
    await index.close();
  }
}
