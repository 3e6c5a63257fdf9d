import {
  formatDay,
  type PricingMode,
  parsePlatformDate,
  printable,
  relativeDays,
  type Tenant,
} from '../procedure/index.js';
import type {CommandIo} from './io.js';
import {CommandError, exitCodes, makeOutput, runCommand} from './output.js';
import {openSession, type SignInFlags} from './session.js';

const modes: readonly PricingMode[] = ['trial', 'production', 'suspended'];

/** `tenant-mode list`: the customers in the signed-in tenant's whole subtree, in a stable order. */
export async function runListCommand(
  options: SignInFlags & {json: boolean; mode?: string},
  io: CommandIo,
): Promise<number> {
  const output = makeOutput(options.json, io);
  return runCommand(output, io, async (signal) => {
    if (options.mode !== undefined && !modes.includes(options.mode as PricingMode)) {
      throw new CommandError(
        `--mode must be one of ${modes.join(', ')} (got "${options.mode}").`,
        exitCodes.usage,
      );
    }
    const session = await openSession(options, io, output);
    output.progress(`Reading the tenants under ${printable(session.own.name)}…`);
    const all = await session.client.listSubtree(session.own.id, {signal});
    const byId = new Map(all.map((tenant) => [tenant.id, tenant]));
    const pathOf = (tenant: Tenant): string[] => {
      const names: string[] = [];
      for (
        let parent = byId.get(tenant.parent_id);
        parent && tenant.id !== session.own.id;
        parent = byId.get(parent.parent_id)
      ) {
        names.unshift(parent.name);
        if (parent.id === session.own.id || parent.parent_id === parent.id) break;
      }
      return names;
    };
    const now = io.clock.now();
    const rows = all
      .filter((tenant) => tenant.kind === 'customer')
      .filter((tenant) => options.mode === undefined || tenant.pricing_mode === options.mode)
      .map((tenant) => ({tenant, path: pathOf(tenant)}))
      .sort(
        (a, b) =>
          a.path.join('\u0000').localeCompare(b.path.join('\u0000')) ||
          a.tenant.name.localeCompare(b.tenant.name) ||
          a.tenant.id.localeCompare(b.tenant.id),
      );
    const describe = (tenant: Tenant): string => {
      const date = tenant.production_start_date
        ? parsePlatformDate(tenant.production_start_date)
        : Number.NaN;
      if (Number.isNaN(date)) return '';
      return tenant.pricing_mode === 'trial'
        ? `switches by itself on ${formatDay(date)} (${relativeDays(date, now)})`
        : `since ${formatDay(date)}`;
    };
    const lines = rows.map(
      ({tenant, path}) =>
        `${tenant.id}  ${tenant.pricing_mode.padEnd(10)}  ${printable([...path, tenant.name].join(' / '))}${describe(tenant) ? `  — ${describe(tenant)}` : ''}`,
    );
    output.result(
      rows.length === 0 ? 'No customer tenants.' : [...lines, `${rows.length} customer tenants.`].join('\n'),
      {
        tenants: rows.map(({tenant, path}) => ({
          id: tenant.id,
          name: tenant.name,
          path,
          mode: tenant.pricing_mode,
          production_start_date: tenant.production_start_date ?? null,
        })),
      },
    );
    return exitCodes.done;
  });
}
