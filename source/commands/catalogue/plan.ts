import type {CommandDeclaration} from '../declaration.js';
import {day, isSet, list, signInFlags, signInOf, text} from '../flags.js';

export const plan: CommandDeclaration = {
  name: 'plan',
  synopsis: 'plan --out plan.json',
  summary: 'plan the 1st: which trial customers to switch, and what it costs',
  title:
    'Plan the month-start batch: every trial customer under yours, what switching it on the planned day costs ' +
    'against leaving it to switch by itself, and (with --out) the plan file that apply runs on the day.',
  usage: 'plan [--on YYYY-MM-DD] [--out FILE] [--only NAME|UUID]… [--except NAME|UUID]… [flags]',
  about: [
    "A plan keeps each tenant's pricing version: on the day, a tenant that changed since is refused by the " +
      'platform (409), never switched unseen. Tenants whose trial ends before the planned day are listed apart. ' +
      'The file is JSON, one tenant a line: delete a line to leave a tenant out (docs/month-start.md).',
  ],
  flags: [...signInFlags, 'on', 'out', 'report', 'only', 'except', 'json'],
  operands: {count: 0, problem: 'tenant-mode plan takes no tenant: --only and --except choose them.'},
  examples: [
    'tenant-mode plan',
    'tenant-mode plan --out dec.json --except "Acme Corp"',
    'tenant-mode plan --out dec.json --report dec-plan.html',
    `tenant-mode plan --on 2027-01-01 --json | jq '.tenants | length'`,
  ],
  async run(input, io) {
    const {runPlanCommand} = await import('../plan.js');
    return runPlanCommand(
      {
        ...signInOf(input, io),
        json: isSet(input, 'json'),
        on: day(text(input, 'on'), 'on'),
        out: text(input, 'out'),
        report: text(input, 'report'),
        only: list(input, 'only'),
        except: list(input, 'except'),
      },
      io,
    );
  },
};
