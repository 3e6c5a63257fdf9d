import type {CommandDeclaration} from '../declaration.js';
import {day, isSet, text} from '../flags.js';

export const audit: CommandDeclaration = {
  name: 'audit',
  synopsis: 'audit',
  summary: 'every switch attempt made from this computer, newest first',
  title: 'Every switch attempt made from this computer, newest first.',
  usage: 'audit [--since YYYY-MM-DD] [--json]',
  flags: ['since', 'json'],
  operands: {count: 0, problem: 'tenant-mode audit takes no tenant: --since chooses the days.'},
  examples: [
    'tenant-mode audit',
    'tenant-mode audit --since 2026-12-01',
    `tenant-mode audit --json | jq '.entries[] | select(.outcome != "switched")'`,
  ],
  async run(input, io) {
    const {runAuditCommand} = await import('../audit.js');
    return runAuditCommand({json: isSet(input, 'json'), since: day(text(input, 'since'), 'since')}, io);
  },
};
