import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {commandRows, shellWord} from '../source/procedure/index.js';

// A command printed in rows on a narrow screen (the plan's apply command) pastes into a shell as one command.

describe('a command in rows', () => {
  const words = [
    'apply',
    '/tmp/a folder/plans/plan-2027-01-01.json',
    '--account',
    "it's mine",
    '--not-on-date',
  ];
  const command = ['printf', "'%s\\n'", ...words.map(shellWord)].join(' ');

  it('fits as one row when it can', () => {
    expect(commandRows(command, 200)).toEqual([command]);
  });

  it('is broken between words, each row but the last ending in a backslash, and runs as the same words', () => {
    const rows = commandRows(command, 30);
    expect(rows.length).toBeGreaterThan(2);
    for (const row of rows.slice(0, -1)) expect(row.endsWith(' \\')).toBe(true);
    // No row is wider than asked, unless one word alone is (the path here is 40 characters, quoted).
    for (const row of rows)
      expect(row.length <= 30 || row.trim() === "'/tmp/a folder/plans/plan-2027-01-01.json' \\").toBe(true);
    const out = execFileSync('/bin/sh', ['-c', rows.join('\n')], {encoding: 'utf8'});
    expect(out.split('\n').slice(0, -1)).toEqual(words);
  });
});
