import type {CommandDeclaration} from '../declaration.js';
import {isSet, signInFlags, signInOf} from '../flags.js';
import {toolExitCodes} from './exit-codes.js';

export const switchCommand: CommandDeclaration = {
  name: 'switch',
  synopsis: 'switch <name|uuid>',
  summary: 'switch one tenant (asks to confirm; --yes in scripts)',
  title: 'Switch one customer tenant from trial to production. Not reversible.',
  usage: 'switch <name|uuid> [flags]',
  about: [
    "Asks you to type the tenant's name to confirm; scripts pass --yes. The request is sent once; when its " +
      'answer is lost, the pricing is read again, never resent.',
  ],
  flags: [...signInFlags, 'dry-run', 'yes', 'json'],
  operands: {
    count: 1,
    name: '<name|uuid>',
    problem: 'tenant-mode switch takes one tenant name or UUID (quote a name with spaces).',
  },
  examples: [
    'tenant-mode switch "Acme Corp" --dry-run',
    'TENANT_MODE_CLIENT_SECRET=… tenant-mode switch "Acme Corp" --yes --json \\\n    --url https://eu2-cloud.acronis.com --client-id 0b1c…',
  ],
  exitCodes: toolExitCodes,
  async run(input, io) {
    const {runSwitchCommand} = await import('../switch.js');
    return runSwitchCommand(
      input.operands[0] ?? '',
      {
        ...signInOf(input, io),
        json: isSet(input, 'json'),
        dryRun: isSet(input, 'dry-run'),
        yes: isSet(input, 'yes'),
      },
      io,
    );
  },
};
