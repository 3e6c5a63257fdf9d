import type {CommandDeclaration} from '../declaration.js';
import {isSet, signInFlags, signInOf, text} from '../flags.js';

export const list: CommandDeclaration = {
  name: 'list',
  synopsis: 'list [--mode trial]',
  summary: 'the customer tenants under yours, with mode and dates',
  title: 'List the customer tenants under yours, with mode and dates.',
  usage: 'list [flags]',
  flags: [...signInFlags, 'mode', 'json'],
  operands: {count: 0, problem: 'tenant-mode list takes no tenant: --mode chooses which ones.'},
  examples: ['tenant-mode list --mode trial', 'tenant-mode list --json > tenants.json'],
  async run(input, io) {
    const {runListCommand} = await import('../list.js');
    return runListCommand(
      {...signInOf(input, io), json: isSet(input, 'json'), mode: text(input, 'mode')},
      io,
    );
  },
};
