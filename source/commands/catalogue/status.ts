import type {CommandDeclaration} from '../declaration.js';
import {isSet, signInFlags, signInOf} from '../flags.js';

export const status: CommandDeclaration = {
  name: 'status',
  synopsis: 'status <name|uuid>',
  summary: 'the tenant and its pricing, read-only',
  title: 'Show a tenant and its pricing, read-only.',
  usage: 'status <name|uuid> [flags]',
  flags: [...signInFlags, 'json'],
  operands: {
    count: 1,
    name: '<name|uuid>',
    problem: 'tenant-mode status takes one tenant name or UUID (quote a name with spaces).',
  },
  examples: [
    'tenant-mode status "Acme Corp"',
    'tenant-mode status 6d7c3f5e-1b2a-4c3d-8e9f-0a1b2c3d4e5f --json',
  ],
  async run(input, io) {
    const {runStatusCommand} = await import('../status.js');
    return runStatusCommand(
      input.operands[0] ?? '',
      {...signInOf(input, io), json: isSet(input, 'json')},
      io,
    );
  },
};
