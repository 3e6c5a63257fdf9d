import type {CommandDeclaration} from '../declaration.js';
import {text} from '../flags.js';

export const receipt: CommandDeclaration = {
  name: 'receipt',
  synopsis: 'receipt <name|uuid|attempt id>',
  summary: 'a receipt of one switch, for a ticket: Markdown, HTML or JSON',
  title:
    'A receipt of one switch attempt, from the audit log: the tenant, the account, who ran it and when, the request, the answer, how the outcome is known, what it bills, and the audit lines it comes from.',
  usage: 'receipt <name|uuid|attempt id> [--format md|html|json] [--out FILE]',
  about: [
    'A tenant (name or UUID) gives its latest attempt; an attempt id (tenant-mode audit --json) that attempt. No secret or token is ever in it. A rehearsal (sent to a sandbox) says "REHEARSAL — no customer was switched". Check a receipt against the log with tenant-mode audit --verify --receipt FILE (docs/audit-log.md).',
  ],
  flags: ['format', 'out'],
  flagHelp: {out: 'write the receipt to this file (its format from .md, .html or .json) instead of stdout'},
  operands: {
    count: 1,
    name: '<name|uuid|attempt id>',
    problem:
      'tenant-mode receipt takes one tenant name or UUID, or an attempt id (quote a name with spaces).',
  },
  examples: [
    'tenant-mode receipt "Acme Corp"',
    'tenant-mode receipt "Acme Corp" --out acme-receipt.html',
    'tenant-mode receipt 0b7c4a52-58d6-4f2e-9a1b-3c5d7e9f1a2b --format json',
  ],
  async run(input, io) {
    const {runReceiptCommand} = await import('../receipt.js');
    return runReceiptCommand(
      input.operands[0] ?? '',
      {format: text(input, 'format'), out: text(input, 'out')},
      io,
    );
  },
};
