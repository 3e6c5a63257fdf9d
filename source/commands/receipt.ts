import {extname} from 'node:path';
import {
  AuditLog,
  configDirectory,
  findAttempt,
  jsonText,
  printable,
  receiptHtml,
  receiptMarkdown,
  receiptOf,
  shellWord,
} from '../procedure/index.js';
import {CommandError, UsageError} from './command-error.js';
import {type CommandIo, programOf} from './io.js';
import {exitCodes, runCommand} from './output.js';
import {writeDocument} from './report-file.js';

type Format = 'md' | 'html' | 'json';
const formats: Record<string, Format> = {md: 'md', markdown: 'md', html: 'html', htm: 'html', json: 'json'};

/**
 * `tenant-mode receipt TENANT|ATTEMPT_ID [--format md|html|json] [--out FILE]`: one switch attempt of the audit log
 * as a document for a ticket (procedure/receipt.ts builds it; docs/audit-log.md shows one).
 */
export async function runReceiptCommand(
  asked: string,
  options: {format?: string; out?: string},
  io: CommandIo,
): Promise<number> {
  return runCommand(io, async (signal) => {
    const format = formatOf(options);
    const log = new AuditLog(configDirectory(io.env));
    const found = await findAttempt(log, asked, signal);
    if (found.kind === 'ambiguous') {
      throw new UsageError(
        `Several tenants called "${printable(asked)}" have attempts in the audit log: give the UUID of one.\n${found.tenants
          .map(
            (tenant) =>
              `  ${tenant.path ? `${[...tenant.path, tenant.name].map(printable).join(' / ')}` : printable(tenant.name)}  ${tenant.id}`,
          )
          .join('\n')}`,
      );
    }
    if (found.kind === 'none') {
      throw new CommandError(
        found.sent === 0
          ? `No switch was sent from this computer (${log.path}): there is nothing to make a receipt of.`
          : `No switch attempt for "${printable(asked)}" in the audit log (${log.path}). ${[...programOf(io), 'audit'].map(shellWord).join(' ')} lists them.`,
        exitCodes.usage,
        {reason: 'not-found'},
      );
    }
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    const receipt = receiptOf(found.entry, zone);
    const text =
      format === 'json'
        ? `${jsonText(receipt, 2)}\n`
        : format === 'html'
          ? receiptHtml(receipt)
          : receiptMarkdown(receipt);
    if (options.out === undefined) {
      io.stdout.write(text);
      return exitCodes.done;
    }
    const path = writeDocument(options.out, text);
    io.stderr.write(
      `${receipt.rehearsal ? 'A rehearsal receipt' : 'Receipt'} of ${printable(receipt.tenant.name)} (attempt ${receipt.attempt_id}) written to ${path}.\n`,
    );
    return exitCodes.done;
  });
}

function formatOf(options: {format?: string; out?: string}): Format {
  if (options.format !== undefined) {
    const format = formats[options.format.toLowerCase()];
    if (!format) throw new UsageError(`--format is md, html or json, not "${printable(options.format)}".`);
    return format;
  }
  if (options.out === undefined) return 'md';
  const fromName = formats[extname(options.out).slice(1).toLowerCase()];
  if (!fromName) {
    throw new UsageError(
      `Which format is ${printable(options.out)}? Name it .md, .html or .json, or say --format md|html|json.`,
    );
  }
  return fromName;
}
