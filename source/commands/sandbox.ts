import {printable, rememberSandboxAccount, shellWord} from '../procedure/index.js';
import {
  type FaultRule,
  loadFaultFile,
  type Scenario,
  StateFileError,
  scenarioList,
  scenarioNamed,
  startSandbox,
  summarize,
} from '../sandbox/index.js';
import {type CommandIo, programOf} from './io.js';
import {openStore} from './session.js';

export interface SandboxCommandOptions {
  /** Checked by the flag parser: 0 to 65535. */
  readonly port: number;
  /** Checked by the flag parser: 0 to 100000. */
  readonly tenants: number;
  /** Checked by the flag parser: 0 to 10000 ms added to every answer. */
  readonly latencyMs: number;
  /** At most this many requests a second (0: no limit); more are answered 429 with Retry-After. */
  readonly ratePerSecond: number;
  readonly json: boolean;
  /** A trainer's fault file (see loadFaultFile). */
  readonly faults?: string;
  /** `--state FILE`: the world kept across runs. */
  readonly state?: string;
  /** `--login`: remembered as the account "sandbox" while it runs. */
  readonly login: boolean;
  /** `--scenario NAME` (sandbox/scenarios.ts); `help` lists them. */
  readonly scenario?: string;
}

/** `tenant-mode sandbox`: the platform double on its own, until Ctrl+C or SIGTERM. */
export async function runSandboxCommand(options: SandboxCommandOptions, io: CommandIo): Promise<number> {
  const note = (text: string) => io.stderr.write(`${text}\n`);
  let scenario: Scenario | undefined;
  if (options.scenario !== undefined) {
    if (options.scenario.trim().toLowerCase() === 'help') {
      io.stdout.write(
        `Scenarios (tenant-mode sandbox --scenario NAME; docs/onboarding.md):\n${scenarioList().join('\n')}\n`,
      );
      return 0;
    }
    scenario = scenarioNamed(options.scenario);
    if (!scenario) {
      note(
        `--scenario: there is no scenario "${printable(options.scenario)}". They are:\n${scenarioList().join('\n')}`,
      );
      return 2;
    }
  }
  let faults: FaultRule[] = [...(scenario?.faults ?? [])];
  if (options.faults !== undefined) {
    try {
      faults = [...faults, ...loadFaultFile(options.faults)];
    } catch (error) {
      note(`--faults: ${(error as Error).message}.`);
      return 2;
    }
  }
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sandbox = await startSandbox({
      port: options.port,
      tenants: options.tenants,
      latencyMs: options.latencyMs,
      ratePerSecond: options.ratePerSecond || scenario?.ratePerSecond || undefined,
      clock: io.clock,
      statePath: options.state,
    });
  } catch (error) {
    if (error instanceof StateFileError) {
      note(`${error.message} Nothing was started.`);
      return 2;
    }
    const code = (error as {code?: string}).code;
    const reason = code === 'EADDRINUSE' ? `port ${options.port} is already in use` : String(error);
    note(`The sandbox could not start: ${reason}.`);
    // The operator's to change (another --port): a usage fault, not the platform refusing (1).
    return 2;
  }
  for (const rule of faults) sandbox.faults.add(rule);
  const account = options.login ? rememberSandbox(sandbox, io) : undefined;
  if (options.json) {
    io.stdout.write(
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
  io.stderr.write(
    [
      `Sandbox of the platform API listening on ${sandbox.url}`,
      `  data center    ${sandbox.url}`,
      `  client id      ${sandbox.clientId}`,
      `  client secret  ${sandbox.clientSecret}   (sandbox demo credentials)`,
      `  your tenant    Northwind Partners (${sandbox.tenantId})`,
      ...(scenario ? [`  scenario       ${scenario.name}: ${scenario.lesson}`] : []),
      ...(options.faults !== undefined
        ? [
            `  faults         ${faults.length - (scenario?.faults.length ?? 0)} rule(s) from ${options.faults}`,
          ]
        : []),
      ...(options.state ? [`  state          ${options.state} (kept across runs)`] : []),
      ...(account
        ? [
            `  account        "sandbox", while it runs: ${[...programOf(io).map(shellWord), 'status', "'Acme Corp'", '--account', 'sandbox'].join(' ')}`,
            "  the vendor's example scripts read their account from two files; in their folder run:",
            `    printf '%s\\n' '${JSON.stringify({client_id: sandbox.clientId, client_secret: sandbox.clientSecret, tenant_id: sandbox.tenantId})}' > api_client.json`,
            `    printf '%s\\n' '${JSON.stringify({base_url: `${sandbox.url}/`})}' > cyber.platform.cfg.json`,
          ]
        : [
            // A switch sent with --url and --client-id is recorded as a real one (docs/audit-log.md, "Rehearsals").
            '  rehearsals     switches sent with --url and --client-id are recorded as real ones; start it with',
            '                 --login (the account "sandbox") to have them recorded as rehearsals',
          ]),
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    if (io.interrupt.aborted) resolve();
    io.interrupt.addEventListener('abort', () => resolve(), {once: true});
  });
  account?.forget();
  await sandbox.close();
  const summary = summarize(sandbox.requests);
  // With --json, a second line: what a bench reads to prove that no tenant was switched by two PUTs.
  if (options.json) io.stdout.write(`${JSON.stringify(summary)}\n`);
  note(
    `Sandbox stopped after ${summary.requests} requests: ${summary.puts} PUTs of a pricing (${summary.puts_applied} carried out; tenants changed by more than one: ${summary.tenants_changed_twice}), ${summary.rate_limited} answered 429.`,
  );
  return 0;
}

/** `--login`: the account "sandbox" while it runs (procedure/sandbox-account.ts); said when it cannot be. */
function rememberSandbox(sandbox: Awaited<ReturnType<typeof startSandbox>>, io: CommandIo) {
  const store = openStore(io, {note: (text) => io.stderr.write(`${text}\n`)});
  const remembered = rememberSandboxAccount(store, sandbox);
  if ('refused' in remembered) {
    io.stderr.write(`${remembered.refused}\n`);
    return undefined;
  }
  return remembered;
}
