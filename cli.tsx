import meow from 'meow';
import {runSandboxCommand} from './source/commands/sandbox.js';
import {toolVersion} from './source/platform/index.js';

const cli = meow(
  `
  Switch a customer tenant of the cloud platform from trial to production, safely.

  Usage
    $ tenant-mode                     the guided wizard (needs a terminal)
    $ tenant-mode --sandbox           the wizard against the embedded sandbox (no account needed)
    $ tenant-mode sandbox             run the sandbox on its own until Ctrl+C

  Options
    --url <data center>      e.g. https://eu2-cloud.acronis.com (https only; http for loopback)
    --client-id <uuid>       the API client id (the secret comes from TENANT_MODE_CLIENT_SECRET)
    --sandbox                start the embedded sandbox and use it
    --port <n>               sandbox: the port to listen on (0: any free port)
    --tenants <n>            sandbox: seed this many extra customers
    --json                   sandbox: print one JSON line with its URL and demo credentials first
    --version                print the version
    --help                   print this help
`,
  {
    importMeta: import.meta,
    description: false,
    version: toolVersion,
    allowUnknownFlags: false,
    flags: {
      url: {type: 'string'},
      clientId: {type: 'string'},
      sandbox: {type: 'boolean', default: false},
      port: {type: 'number', default: 0},
      tenants: {type: 'number', default: 0},
      json: {type: 'boolean', default: false},
    },
  },
);

const [command, ...rest] = cli.input;

async function main(): Promise<number> {
  if (command === 'sandbox') {
    return runSandboxCommand({port: cli.flags.port, tenants: cli.flags.tenants, json: cli.flags.json});
  }
  if (command !== undefined || rest.length > 0) {
    process.stderr.write(`Unknown command "${cli.input.join(' ')}". See tenant-mode --help.\n`);
    return 2;
  }
  process.stderr.write(
    'The guided wizard is not built yet. Run `tenant-mode sandbox` to try the platform double.\n',
  );
  return 2;
}

process.exitCode = await main();
