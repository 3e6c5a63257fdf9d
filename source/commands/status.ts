import {pricingOf, printable, readPricing, resolveTenant} from '../procedure/index.js';
import type {CommandIo} from './io.js';
import {exitCodes, makeOutput, runCommand} from './output.js';
import {openSession, type SignInFlags} from './session.js';

/** `tenant-mode status <name|uuid>`: the tenant and its pricing, read-only. */
export async function runStatusCommand(
  query: string,
  flags: SignInFlags & {json: boolean},
  io: CommandIo,
): Promise<number> {
  const output = makeOutput(flags.json, io);
  return runCommand(io, async (signal) => {
    const session = await openSession(flags, io, output);
    const row = await resolveTenant(session, query, signal);
    const {tenant, path} = row;
    const pricing = await pricingOf(session, row, signal);
    const reading = readPricing(pricing, io.clock.now());
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
