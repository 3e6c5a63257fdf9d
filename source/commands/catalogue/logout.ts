import type {CommandDeclaration} from '../declaration.js';
import {isSet, text} from '../flags.js';

export const logout: CommandDeclaration = {
  name: 'logout',
  synopsis: 'logout [--account <name> | --all]',
  summary: 'forget a remembered account (and revoke its token)',
  title:
    'Forget a remembered account: its token revoked at its data center, its secret removed from the keyring or the file.',
  usage: 'logout [--account <name> | --all]',
  about: [
    'Without a flag, the default account (and it says which). What cannot be done is said: a data center that cannot be reached leaves the account forgotten here and its token alive until it expires (two hours at most).',
  ],
  flags: ['account', 'all', 'json'],
  flagHelp: {account: 'the account to forget (tenant-mode accounts lists them)'},
  operands: {count: 0, problem: 'tenant-mode logout takes no operand: name the account with --account.'},
  examples: [
    'tenant-mode logout',
    'tenant-mode logout --account northwind@eu2-cloud.acronis.com',
    'tenant-mode logout --all',
  ],
  async run(input, io) {
    const {runLogoutCommand} = await import('../logout.js');
    const account = text(input, 'account') ?? (io.env.TENANT_MODE_ACCOUNT || undefined);
    if (account !== undefined && isSet(input, 'all')) {
      const {UsageError} = await import('../command-error.js');
      throw new UsageError('Give --account NAME or --all, not both.');
    }
    return runLogoutCommand({account, all: isSet(input, 'all'), json: isSet(input, 'json')}, io);
  },
};
