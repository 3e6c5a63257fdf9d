import type {Clock} from '../clock.js';
import {type FaultRule, loadFaultFile, startSandbox} from '../sandbox/index.js';

export interface SandboxCommandOptions {
  readonly port: number;
  readonly tenants: number;
  readonly json: boolean;
  /** A trainer's fault file (see loadFaultFile). */
  readonly faults?: string;
  readonly clock: Clock;
}

/** `tenant-mode sandbox`: the platform double on its own, until Ctrl+C or SIGTERM. */
export async function runSandboxCommand(options: SandboxCommandOptions): Promise<number> {
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65_535) {
    process.stderr.write(`--port must be a whole number from 0 to 65535 (got ${options.port}).\n`);
    return 2;
  }
  if (!Number.isInteger(options.tenants) || options.tenants < 0 || options.tenants > 100_000) {
    process.stderr.write(`--tenants must be a whole number from 0 to 100000 (got ${options.tenants}).\n`);
    return 2;
  }
  let faults: FaultRule[] = [];
  if (options.faults !== undefined) {
    try {
      faults = loadFaultFile(options.faults);
    } catch (error) {
      process.stderr.write(`--faults: ${(error as Error).message}.\n`);
      return 2;
    }
  }
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sandbox = await startSandbox({port: options.port, tenants: options.tenants, clock: options.clock});
  } catch (error) {
    const code = (error as {code?: string}).code;
    const reason = code === 'EADDRINUSE' ? `port ${options.port} is already in use` : String(error);
    process.stderr.write(`The sandbox could not start: ${reason}.\n`);
    return 1;
  }
  for (const rule of faults) sandbox.faults.add(rule);
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({
        url: sandbox.url,
        client_id: sandbox.clientId,
        client_secret: sandbox.clientSecret,
        tenant_id: sandbox.tenantId,
      })}\n`,
    );
  }
  // The sandbox's demo secret is no secret: it is the same fixed value on every machine, shown so that
  // a newcomer can sign in with it.
  process.stderr.write(
    [
      `Sandbox of the platform API listening on ${sandbox.url}`,
      `  data center    ${sandbox.url}`,
      `  client id      ${sandbox.clientId}`,
      `  client secret  ${sandbox.clientSecret}   (sandbox demo credentials)`,
      `  your tenant    Northwind Partners (${sandbox.tenantId})`,
      ...(faults.length > 0 ? [`  faults         ${faults.length} rule(s) from ${options.faults}`] : []),
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sandbox.close();
  process.stderr.write('Sandbox stopped.\n');
  return 0;
}
