import {UsageError} from '../command-error.js';
import type {CommandDeclaration} from '../declaration.js';
import {day, isSet, text} from '../flags.js';

export const audit: CommandDeclaration = {
  name: 'audit',
  synopsis: 'audit',
  summary: 'every switch attempt made from this computer, newest first; --verify checks the log',
  title: 'Every switch attempt made from this computer, newest first.',
  usage: 'audit [--since YYYY-MM-DD] [--rehearsals] [--verify [--receipt FILE]] [--json]',
  about: [
    'Rehearsals (switches sent to the embedded sandbox or an account marked as a sandbox) are shown apart, with --rehearsals.',
    "Each line of the log carries the SHA-256 of the line before it: --verify reads the whole log and names the first line edited, removed, reordered or inserted (exit 6), or says it is intact. With --receipt, it also checks that the receipt's lines are in the log (docs/audit-log.md).",
  ],
  flags: ['since', 'rehearsals', 'verify', 'receipt', 'json'],
  operands: {count: 0, problem: 'tenant-mode audit takes no tenant: --since chooses the days.'},
  examples: [
    'tenant-mode audit',
    'tenant-mode audit --since 2026-12-01',
    'tenant-mode audit --verify',
    'tenant-mode audit --verify --receipt receipt-Globex.md',
    `tenant-mode audit --json | jq '.entries[] | select(.outcome != "switched")'`,
  ],
  async run(input, io) {
    const {runAuditCommand, runAuditVerify} = await import('../audit.js');
    const receipt = text(input, 'receipt');
    if (isSet(input, 'verify')) {
      if (text(input, 'since') !== undefined || isSet(input, 'rehearsals')) {
        throw new UsageError('--verify checks the whole log: it takes no --since or --rehearsals.');
      }
      return runAuditVerify({json: isSet(input, 'json'), ...(receipt === undefined ? {} : {receipt})}, io);
    }
    if (receipt !== undefined)
      throw new UsageError('--receipt goes with --verify: tenant-mode audit --verify --receipt FILE');
    return runAuditCommand(
      {
        json: isSet(input, 'json'),
        since: day(text(input, 'since'), 'since'),
        rehearsals: isSet(input, 'rehearsals'),
      },
      io,
    );
  },
};
