import chalk from 'chalk';
import meow from 'meow';
import {runLogoutCommand} from './source/commands/logout.js';
import {runSandboxCommand} from './source/commands/sandbox.js';
import {toolVersion} from './source/platform/index.js';
import {credentialsPath} from './source/store/index.js';

const cli = meow(
  `
  Switch a customer tenant of the cloud platform from trial to production, safely.

  Usage
    $ tenant-mode                     the guided wizard (needs a terminal)
    $ tenant-mode --sandbox           the wizard with the embedded sandbox started (no account needed)
    $ tenant-mode sandbox             run the sandbox on its own until Ctrl+C
    $ tenant-mode logout              forget saved credentials (and revoke the saved token)

  Options
    --url <data center>      e.g. https://eu2-cloud.acronis.com (https only; http for loopback)
    --client-id <uuid>       the API client id; the secret comes from TENANT_MODE_CLIENT_SECRET
    --timeout <seconds>      how long to wait for each answer (default 30)
    --sandbox                start the embedded sandbox and offer it first
    --no-color               no colours (NO_COLOR is honoured too)
    --port <n>               sandbox: the port to listen on (0: any free port)
    --tenants <n>            sandbox: seed this many extra customers
    --json                   sandbox: print one JSON line with its URL and demo credentials first
    --version                print the version
    --help                   print this help

  Saved credentials
    ${credentialsPath()}
    (readable by you only; TENANT_MODE_CONFIG_DIR moves it)

  Exit codes
    0 done · 2 bad usage or no terminal for the wizard · 130 interrupted (Ctrl+C)
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
      sandbox: {type: 'boolean', default: false},
      color: {type: 'boolean', default: true},
      port: {type: 'number', default: 0},
      tenants: {type: 'number', default: 0},
      json: {type: 'boolean', default: false},
    },
  },
);

async function main(): Promise<number> {
  const [command, ...rest] = cli.input;
  // chalk ignores NO_COLOR in a terminal (ink-and-friends.md); level 0 turns every colour of Ink off.
  if ((process.env.NO_COLOR ?? '') !== '' || !cli.flags.color) chalk.level = 0;
  if (rest.length > 0 || (command !== undefined && !['sandbox', 'logout'].includes(command))) {
    process.stderr.write(`Unknown command "${cli.input.join(' ')}". See tenant-mode --help.\n`);
    return 2;
  }
  if (command === 'sandbox') {
    return runSandboxCommand({port: cli.flags.port, tenants: cli.flags.tenants, json: cli.flags.json});
  }
  if (command === 'logout') return runLogoutCommand();
  if (!(cli.flags.timeout > 0 && cli.flags.timeout <= 600)) {
    process.stderr.write(`--timeout must be a number of seconds from 1 to 600 (got ${cli.flags.timeout}).\n`);
    return 2;
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write(
      'The wizard needs an interactive terminal, and this is not one (input or output is piped).\n' +
        'Run it in a terminal; scripted use (status, list, switch) is not built yet.\n',
    );
    return 2;
  }
  // A pty that reports 0 columns makes Ink put one character per line.
  if (!process.stdout.columns) Object.defineProperty(process.stdout, 'columns', {value: 80});
  const {startWizard} = await import('./source/wizard/start.js');
  return startWizard({
    url: cli.flags.url,
    clientId: cli.flags.clientId,
    secret: process.env.TENANT_MODE_CLIENT_SECRET || undefined,
    timeoutSeconds: cli.flags.timeout,
    sandbox: cli.flags.sandbox,
  });
}

process.exitCode = await main();
