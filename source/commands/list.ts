import {
  type CustomerRow,
  dateAsSent,
  formatDay,
  jsonText,
  listCustomers,
  type PricingMode,
  parsePlatformDate,
  printable,
  relativeDays,
} from '../procedure/index.js';
import {keepHeapSmall} from './heap.js';
import type {CommandIo} from './io.js';
import {CommandError, exitCodes, makeOutput, runCommand} from './output.js';
import {openSession, type SignInFlags} from './session.js';

const modes: readonly PricingMode[] = ['trial', 'production', 'suspended'];

/** Rows are written in batches of this many: the output of 100,000 customers is never one string in memory. */
const batch = 1000;

/** `tenant-mode list`: the customers in the signed-in tenant's whole subtree, in a stable order. */
export async function runListCommand(
  options: SignInFlags & {json: boolean; mode?: string},
  io: CommandIo,
): Promise<number> {
  const output = makeOutput(options.json, io);
  return runCommand(io, async (signal) => {
    if (options.mode !== undefined && !modes.includes(options.mode as PricingMode)) {
      throw new CommandError(
        `--mode must be one of ${modes.join(', ')} (got "${options.mode}").`,
        exitCodes.usage,
      );
    }
    keepHeapSmall();
    const session = await openSession(options, io, output);
    output.progress("Reading the customers in your tenant's subtree…");
    const rows = await listCustomers(session, {
      mode: options.mode as PricingMode | undefined,
      signal,
      onPage: () => keepHeapSmall({headroomMiB: 20}),
    });
    const now = io.clock.now();
    const describe = (row: CustomerRow): string => {
      if (!row.productionStartDate) return '';
      const date = parsePlatformDate(row.productionStartDate);
      if (Number.isNaN(date)) return `  — date ${dateAsSent(row.productionStartDate)}`;
      return row.mode === 'trial'
        ? `  — switches by itself on ${formatDay(date)} (${relativeDays(date, now)})`
        : `  — since ${formatDay(date)}`;
    };
    const line = (row: CustomerRow) =>
      `${row.id}  ${(row.mode ?? 'not given').padEnd(10)}  ${[...row.path, row.name].join(' / ')}${describe(row)}`;
    const item = (row: CustomerRow) =>
      jsonText({
        id: row.id,
        name: row.name,
        path: row.path,
        mode: row.mode,
        production_start_date: row.productionStartDate,
      });
    const summary =
      rows.length === 0
        ? 'No customer tenants.'
        : `${rows.length} customer tenant${rows.length === 1 ? '' : 's'}.`;
    for (let start = 0; start < rows.length; start += batch) {
      const slice = rows.slice(start, start + batch);
      if (options.json) {
        const first = start === 0 ? '{"tenants": [\n' : ',\n';
        io.stdout.write(`${first}${slice.map(item).join(',\n')}`);
      } else {
        // One row a line, whatever a name holds: a line feed in a name is shown, never a line break (a crafted
        // name cannot fake a row).
        io.stdout.write(`${slice.map((row) => printable(line(row))).join('\n')}\n`);
      }
    }
    if (options.json) io.stdout.write(rows.length === 0 ? '{"tenants": []}\n' : '\n]}\n');
    // The count is for the person, not for a pipe of rows (`list | wc -l` counts tenants).
    if (!options.json || io.stderr.isTTY) io.stderr.write(`${summary}\n`);
    return exitCodes.done;
  });
}
