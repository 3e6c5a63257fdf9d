// Scripting: with --json stdout is the one document and stderr only what a person must see; list's count is not
// a row; plan shows its progress on a terminal and, into a log, a line every ten seconds.
import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {ManualClock} from '../source/clock.js';
import {progressLine} from '../source/commands/progress-line.js';
import {newConfigDirectory, runInProcess} from './helpers/cli.js';
import {sandboxPerFile} from './helpers/sandbox.js';

const sandbox = sandboxPerFile();

function cli(args: string[], terminal: boolean, config = newConfigDirectory()) {
  return runInProcess(
    [...args, '--url', sandbox.current.url, '--client-id', sandbox.current.clientId],
    {TENANT_MODE_CLIENT_SECRET: sandbox.current.clientSecret, TENANT_MODE_CONFIG_DIR: config},
    {clock: sandbox.current.clock, terminal},
  );
}

describe('--json', () => {
  it.each([[['status', 'Acme Corp']], [['list']], [['plan']], [['switch', 'Acme Corp', '--dry-run']]])(
    '%j: one document on stdout and, all being well, nothing on stderr',
    async (args) => {
      const run = await cli([...args, '--json'], false);
      expect(run.code).toBe(0);
      expect(() => JSON.parse(run.stdout)).not.toThrow();
      expect(run.stderr).toBe('');
    },
  );

  it.each([[['status', 'Acme Corp']], [['list']], [['switch', 'Acme Corp', '--dry-run']]])(
    '%j on a terminal: progress lines only, never the human result beside the document',
    async (args) => {
      const human = (await cli(args, false)).stdout.split('\n').filter((line) => line.trim().length > 8);
      const run = await cli([...args, '--json'], true);
      expect(human.length).toBeGreaterThan(0);
      for (const line of human) expect(run.stderr).not.toContain(line);
      expect(run.stderr).not.toContain('Switch Acme Corp');
    },
  );

  it('audit: the document only, whatever the log holds', async () => {
    const config = newConfigDirectory();
    expect((await cli(['switch', 'Globex', '--yes'], false, config)).code).toBe(0);
    const run = await runInProcess(
      ['audit', '--json'],
      {TENANT_MODE_CONFIG_DIR: config},
      {clock: sandbox.current.clock, terminal: true},
    );
    expect(run.stderr).toBe('');
    expect((JSON.parse(run.stdout) as {entries: unknown[]}).entries).toHaveLength(1);
  });

  it('a failure is still said on stderr for the person reading the log', async () => {
    const run = await cli(['status', 'No Such Customer', '--json'], false);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({error: {reason: 'not-found'}});
    expect(run.stderr).toContain('No Such Customer');
  });
});

describe('list', () => {
  it('prints one row a tenant on stdout; the count goes to stderr', async () => {
    const run = await cli(['list', '--mode', 'trial'], false);
    const rows = run.stdout.trimEnd().split('\n');
    expect(rows.every((row) => /^[0-9a-f-]{36} {2}trial/.test(row))).toBe(true);
    expect(run.stderr).toBe(`${rows.length} customer tenants.\n`);
  });
});

describe('plan on a terminal', () => {
  it('shows what it has read, of how many, and clears the line before the plan', async () => {
    const run = await cli(['plan'], true);
    expect(run.code).toBe(0);
    const [listing, reading, cleared] = run.stderr.split('\r').slice(1);
    expect(listing).toBe("Listing the trial customers in your tenant's subtree…\u001B[K");
    // The numbers first: a narrow terminal cuts the words, never the count.
    expect(reading).toMatch(/^(\d+) of \1 trial customers' pricing read…/);
    expect(reading?.endsWith('\u001B[K')).toBe(true);
    expect(cleared).toBe('\u001B[K');
    expect(run.stdout).toMatch(/^Plan for /);
  });
});

describe('a progress line into a log', () => {
  it('is one line every ten seconds, never more often', () => {
    const clock = new ManualClock(0);
    const written: string[] = [];
    const progress = progressLine({isTTY: false, write: (text: string) => written.push(text)}, clock);
    const quiet = progressLine(
      {isTTY: false, write: (text: string) => written.push(`json: ${text}`)},
      clock,
      false,
    );
    for (let second = 0; second <= 25; second++) {
      progress.say(`read ${second}`);
      quiet.say(`read ${second}`);
      clock.advance(1000);
    }
    progress.end();
    expect(written).toEqual(['read 10\n', 'read 20\n']);
  });
});

describe('our own files failing', () => {
  it.each([
    [
      'a folder in place of the audit log',
      (config: string) => mkdirSync(join(config, 'audit.log'), {recursive: true}),
    ],
    ['a file in place of the config folder', (config: string) => writeFileSync(config, 'not a folder')],
  ])('audit with %s: exit 2, the file, the cause and the fix; never "a bug"', async (_what, spoil) => {
    const config = join(newConfigDirectory(), 'nested');
    mkdirSync(dirname(config), {recursive: true});
    spoil(config);
    const target = existsSync(join(config, 'audit.log')) ? config : join(config, 'inside');
    for (const json of [false, true]) {
      const run = await runInProcess(
        ['audit', ...(json ? ['--json'] : [])],
        {TENANT_MODE_CONFIG_DIR: target},
        {
          clock: sandbox.current.clock,
        },
      );
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`${target}/audit.log cannot be read`);
      expect(run.stderr).toContain('set TENANT_MODE_CONFIG_DIR to a folder of your own');
      expect(run.stderr).not.toContain('bug');
      if (json) expect(JSON.parse(run.stdout)).toMatchObject({error: {reason: 'local-files'}});
    }
  });
});
