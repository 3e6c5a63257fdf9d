import {UsageError} from '../command-error.js';
import type {CommandDeclaration} from '../declaration.js';
import {isSet, number, signInFlags, signInOf, text} from '../flags.js';

export const apply: CommandDeclaration = {
  name: 'apply',
  synopsis: 'apply plan.json',
  summary: 'run that plan on its day (resumable; --check any day before)',
  title: 'Run a plan on its day: switch its tenants from trial to production. Not reversible.',
  usage: 'apply <plan file> [flags]',
  about: [
    "Refused on another day than the plan's (UTC) unless --not-on-date, and for another data center or account. " +
      'Each switch carries the version the plan read; attempts and outcomes go to FILE.results.jsonl (flushed ' +
      'before each request) and the audit log. Run it again after any stop or crash: it skips what is done and ' +
      'reads again every tenant whose outcome is not known before deciding. On a terminal it asks you to type the ' +
      'number of tenants; scripts and cron pass --yes (and then the plan must be yours alone: chmod 600).',
  ],
  flags: [
    ...signInFlags,
    'check',
    'dry-run',
    'yes',
    'not-on-date',
    'concurrency',
    'max-failures',
    'report',
    'json',
  ],
  flagHelp: {
    'dry-run': 'the same as --check, on the planned day',
    json: "one JSON document on stdout with every tenant's outcome (docs/scripting.md)",
  },
  operands: {
    count: 1,
    name: '<plan file>',
    problem: 'tenant-mode apply takes one plan file (made by tenant-mode plan --out FILE).',
    completes: 'file',
  },
  examples: [
    'tenant-mode apply dec.json --check',
    'tenant-mode apply dec.json',
    'tenant-mode apply dec.json --report dec-done.html',
    '# crontab -e: at 00:05 UTC on the 1st (cronie and systemd-cron read CRON_TZ)\n' +
      'CRON_TZ=UTC\n' +
      '5 0 1 * * tenant-mode apply ~/next.json --yes --client-secret-file ~/.secret',
  ],
  exitCodes: [
    ['0', 'every tenant switched, or nothing to do'],
    ['1', 'some refused (changed since the plan)'],
    ['2', 'bad usage, or the plan was refused'],
    ['3', 'authentication failed'],
    ['4', 'failures (network, 5xx) or not reached'],
    ['5', 'some outcome unknown after re-reading'],
    ['', 'mixed outcomes: the highest of 5, 4, 1, 0'],
    ['70', 'a bug in tenant-mode: please report it'],
    ['129', 'the terminal closed (SIGHUP): run it again to resume'],
    ['130', 'interrupted: run it again to resume'],
  ],
  async run(input, io, context) {
    if (isSet(input, 'check') && isSet(input, 'dry-run')) {
      throw new UsageError('--check and --dry-run are the same look on different days: give one.');
    }
    const {runApplyCommand} = await import('../apply.js');
    return runApplyCommand(
      input.operands[0] ?? '',
      {
        ...signInOf(input, io),
        json: isSet(input, 'json'),
        look: isSet(input, 'check') ? 'check' : isSet(input, 'dry-run') ? 'dry-run' : undefined,
        yes: isSet(input, 'yes'),
        notOnDate: isSet(input, 'not-on-date'),
        concurrency: number(text(input, 'concurrency'), 'concurrency', {
          min: 1,
          max: 32,
          fallback: 4,
          whole: true,
        }),
        maxFailures: number(text(input, 'max-failures'), 'max-failures', {
          min: 1,
          max: 100_000,
          fallback: 10,
          whole: true,
        }),
        report: text(input, 'report'),
      },
      io,
      context.showApplyProgress,
    );
  },
};
