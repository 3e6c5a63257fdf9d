import chalk from 'chalk';
import meow from 'meow';
import {systemClock} from './source/clock.js';
// Only what --help and --version need is loaded up front; each command, and the wizard, when it runs.
import {toolVersion} from './source/platform/version.js';
import {configDirectory, credentialsPath} from './source/store/location.js';

const cli = meow(
  `
  Switch a customer tenant of the cloud platform from trial to production, safely.

  Usage
    $ tenant-mode                             the guided wizard (needs a terminal)
    $ tenant-mode --sandbox                   the wizard with the embedded sandbox started (no account needed)
    $ tenant-mode status <name|uuid>          the tenant and its pricing, read-only
    $ tenant-mode list [--mode trial]         the customer tenants under yours, with mode and dates
    $ tenant-mode switch <name|uuid>          switch one tenant (asks to confirm; --yes in scripts)
    $ tenant-mode audit                       every switch attempt made from this computer, newest first
    $ tenant-mode sandbox                     run the sandbox on its own until Ctrl+C
    $ tenant-mode logout                      forget saved credentials (and revoke the saved token)

  Options
    --url <data center>      e.g. https://eu2-cloud.acronis.com (https only; http for loopback)
    --client-id <uuid>       the API client id; the secret comes from TENANT_MODE_CLIENT_SECRET
                             (without them: the credentials the wizard remembered)
    --timeout <seconds>      how long to wait for each answer (default 30)
    --json                   status, list, switch, audit: one JSON document on stdout
    --mode <mode>            list: only trial, production or suspended tenants
    --dry-run                switch: say what would be sent, send nothing
    --yes                    switch: confirmed in advance (needed without a terminal)
    --sandbox                start the embedded sandbox and offer it first in the wizard
    --no-color               no colours (NO_COLOR is honoured too)
    --port <n>               sandbox: the port to listen on (0: any free port)
    --tenants <n>            sandbox: seed this many extra customers
    --faults <file>          sandbox: misbehave as a JSON file of fault rules says (readme.md)
    --version                print the version
    --help                   print this help

  Saved credentials and the audit log
    ${credentialsPath()}
    (readable by you only; TENANT_MODE_CONFIG_DIR moves the folder)

  Exit codes
    0 done, or nothing to do        3 authentication failed
    1 the platform refused (4xx)    4 network, timeout or 5xx
    2 bad usage or input, not       5 outcome unknown after re-reading
      confirmed, or no terminal     130 interrupted (Ctrl+C)
      for the wizard
`,
  {
    importMeta: import.meta,
    description: false,
    version: toolVersion,
    allowUnknownFlags: false,
    flags: {
      url: {type: 'string'},
      clientId: {type: 'string'},
      timeout: {type: 'number', default: 30},
      json: {type: 'boolean', default: false},
      mode: {type: 'string'},
      dryRun: {type: 'boolean', default: false},
      yes: {type: 'boolean', default: false},
      sandbox: {type: 'boolean', default: false},
      color: {type: 'boolean', default: true},
      port: {type: 'number', default: 0},
      tenants: {type: 'number', default: 0},
      faults: {type: 'string'},
    },
  },
);

const commands = ['status', 'list', 'switch', 'audit', 'sandbox', 'logout'];
const takesTenant = new Set(['status', 'switch']);

async function main(): Promise<number> {
  const {flags, input} = cli;
  const [command, ...rest] = input;
  // chalk ignores NO_COLOR in a terminal (ink-and-friends.md); level 0 turns every colour of Ink off.
  if ((process.env.NO_COLOR ?? '') !== '' || !flags.color) chalk.level = 0;
  if (command !== undefined && !commands.includes(command)) {
    return usage(`Unknown command "${command}". See tenant-mode --help.`);
  }
  const wanted = command !== undefined && takesTenant.has(command) ? 1 : 0;
  if (rest.length !== wanted) {
    return usage(
      wanted === 1
        ? `tenant-mode ${command} takes one tenant name or UUID (quote a name with spaces).`
        : `Unexpected argument "${rest.join(' ')}". See tenant-mode --help.`,
    );
  }
  if (!(flags.timeout > 0 && flags.timeout <= 600)) {
    return usage(`--timeout must be a number of seconds from 1 to 600 (got ${flags.timeout}).`);
  }
  const session = {
    url: flags.url,
    clientId: flags.clientId,
    secret: process.env.TENANT_MODE_CLIENT_SECRET || undefined,
    timeoutSeconds: flags.timeout,
    configDirectory: configDirectory(),
    clock: systemClock,
  };
  const [tenant = ''] = rest;
  switch (command) {
    case 'sandbox':
      return (await import('./source/commands/sandbox.js')).runSandboxCommand({
        port: flags.port,
        tenants: flags.tenants,
        json: flags.json,
        faults: flags.faults,
        clock: systemClock,
      });
    case 'logout':
      return (await import('./source/commands/logout.js')).runLogoutCommand(systemClock);
    case 'status':
      return (await import('./source/commands/status.js')).runStatusCommand(tenant, {
        ...session,
        json: flags.json,
      });
    case 'list':
      return (await import('./source/commands/list.js')).runListCommand({
        ...session,
        json: flags.json,
        mode: flags.mode,
      });
    case 'switch':
      return (await import('./source/commands/switch.js')).runSwitchCommand(tenant, {
        ...session,
        json: flags.json,
        dryRun: flags.dryRun,
        yes: flags.yes,
      });
    case 'audit':
      return (await import('./source/commands/audit.js')).runAuditCommand({
        json: flags.json,
        configDirectory: session.configDirectory,
      });
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    return usage(
      'The wizard needs an interactive terminal, and this is not one (input or output is piped).\n' +
        'In scripts use the commands: tenant-mode status | list | switch --yes (see tenant-mode --help).',
    );
  }
  // Both ends are a terminal, so a person is there: Ink would otherwise draw nothing until exit when the
  // environment says CI (is-in-ci reads CI and CONTINUOUS_INTEGRATION when Ink is first loaded, just below).
  for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) if (name in process.env) process.env[name] = '0';
  // A pty that reports 0 columns makes Ink put one character per line.
  if (!process.stdout.columns) Object.defineProperty(process.stdout, 'columns', {value: 80});
  const {startWizard} = await import('./source/wizard/start.js');
  return startWizard({
    url: flags.url,
    clientId: flags.clientId,
    secret: session.secret,
    timeoutSeconds: flags.timeout,
    sandbox: flags.sandbox,
    clock: systemClock,
  });
}

function usage(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}

process.exitCode = await main();
