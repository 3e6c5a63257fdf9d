import type {CommandDeclaration} from '../declaration.js';
import {text} from '../flags.js';

export const report: CommandDeclaration = {
  name: 'report',
  synopsis: 'report <results file>',
  summary: "an apply's report to look at: totals, billing per month, charts",
  title:
    'A report of an apply, from its results file (PLAN.results.jsonl) and its plan beside it: totals by outcome, the tenants by outcome, the billing comparison per month, and charts of the tenants switched per day and the months each starts billing. Nothing is read from the platform.',
  usage: 'report <results file> [--out FILE.html|FILE.md]',
  about: [
    'Without --out, Markdown on stdout. The HTML is one file with nothing outside it (charts as inline SVG), printable and readable in dark mode. Before the 1st: tenant-mode plan --report FILE; while applying: apply --report FILE (docs/month-start.md).',
  ],
  flags: ['out'],
  flagHelp: {out: 'write the report there: .html (charts, printable) or .md'},
  operands: {
    count: 1,
    name: '<results file>',
    problem: 'tenant-mode report takes one results file (PLAN.results.jsonl, written by apply).',
    completes: 'file',
  },
  examples: [
    'tenant-mode report dec.json.results.jsonl --out dec-done.html',
    'tenant-mode report dec.json.results.jsonl',
  ],
  async run(input, io) {
    const {runReportCommand} = await import('../report.js');
    return runReportCommand(input.operands[0] ?? '', {out: text(input, 'out')}, io);
  },
};
