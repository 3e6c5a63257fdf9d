import {printable, readPricing} from '../platform/index.js';
import {exitCodes, makeOutput, runCommand} from './output.js';
import {resolveTenant} from './resolve-tenant.js';
import {type CommandOptions, openSession} from './session.js';

/** `tenant-mode status <name|uuid>`: the tenant and its pricing, read-only. */
export async function runStatusCommand(
  query: string,
  options: CommandOptions & {json: boolean},
): Promise<number> {
  const output = makeOutput(options.json);
  return runCommand(output, async (signal) => {
    const session = await openSession(options, output, signal);
    const {tenant, path} = await resolveTenant(session, query, signal);
    const pricing = await session.client.getPricing(tenant.id, signal);
    const reading = readPricing(pricing, options.clock.now());
    output.result(
      [
        `${printable(tenant.name)} (${tenant.kind})`,
        `  path     ${path.map(printable).join(' / ') || '(top)'}`,
        `  uuid     ${tenant.id}`,
        `  pricing  ${reading}`,
        JSON.stringify(pricing, null, 2),
      ].join('\n'),
      {tenant: {id: tenant.id, name: tenant.name, kind: tenant.kind, path}, pricing, reading},
    );
    return exitCodes.done;
  });
}
