import type {CommandDeclaration} from '../declaration.js';
import {isSet} from '../flags.js';

export const accounts: CommandDeclaration = {
  name: 'accounts',
  synopsis: 'accounts [use <name>]',
  summary: 'the remembered accounts; `use NAME` sets the default',
  title:
    'List the remembered accounts — name, data center, client id, partner tenant, token, where the secret is kept — or choose the default one.',
  usage: 'accounts [use <name>] [--json]',
  about: ['Every command takes --account NAME (or TENANT_MODE_ACCOUNT); without it, the default account.'],
  flags: ['json'],
  operands: {
    count: [0, 2],
    name: 'use <name>',
    problem: 'tenant-mode accounts takes nothing, or "use NAME".',
  },
  examples: ['tenant-mode accounts', 'tenant-mode accounts --json', 'tenant-mode accounts use us-reseller'],
  async run(input, io) {
    const {runAccountsCommand} = await import('../accounts.js');
    return runAccountsCommand(input.operands, isSet(input, 'json'), io);
  },
};
