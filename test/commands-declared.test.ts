// Commands declared once (commands/catalogue/): help, `help COMMAND`, "did you mean", the width help is wrapped to,
// bash completion sourced in a real bash, and an unexpected error said as a bug (exit 70).
import {execFileSync} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {systemClock} from '../source/clock.js';
import {commands} from '../source/commands/catalogue/index.js';
import {everywhere} from '../source/commands/flags.js';
import type {CommandIo, TextSink} from '../source/commands/io.js';
import {main} from '../source/commands/main.js';
import {runCli} from './helpers/cli.js';

const named = commands.filter((command) => command.name !== '');

describe('help', () => {
  it('`help COMMAND` is `COMMAND --help`, for every command', async () => {
    for (const command of named) {
      const [viaHelp, viaFlag] = await Promise.all([
        runCli(['help', command.name]),
        runCli([command.name, '--help']),
      ]);
      expect(viaHelp).toEqual(viaFlag);
      expect(viaHelp.code).toBe(0);
      // The usage line, wrapped at 80 columns.
      expect(viaHelp.stdout.replace(/\n {6}/g, ' ')).toContain(`$ tenant-mode ${command.usage}`);
    }
    expect((await runCli(['help'])).stdout).toBe((await runCli(['--help'])).stdout);
  });

  it('says what a flag does in each command where that differs', async () => {
    expect((await runCli(['help', 'sandbox'])).stdout.replace(/\s+/g, ' ')).toContain(
      '--json print its URL and demo credentials as one JSON line; on stop, one more line',
    );
    expect((await runCli(['help', 'apply'])).stdout).toMatch(
      /--dry-run +the same as --check, on the planned day/,
    );
    expect((await runCli(['help', 'switch'])).stdout).toMatch(
      /--dry-run +say what would be sent, send nothing/,
    );
  });

  it("apply's cron example is a crontab: CRON_TZ on its own line, then five fields and the command", async () => {
    const {stdout} = await runCli(['help', 'apply']);
    expect(stdout).toMatch(/\n {2}CRON_TZ=UTC\n {2}5 0 1 \* \* tenant-mode apply \S+ --yes /);
  });

  it('lists every command and every flag a command takes', async () => {
    const tool = (await runCli(['--help'])).stdout;
    for (const command of named) expect(tool).toContain(`$ tenant-mode ${command.synopsis}`);
    for (const command of named) {
      const own = (await runCli([command.name, '--help'])).stdout;
      for (const flag of command.flags) expect(own).toMatch(new RegExp(`^  --${flag}\\b`, 'm'));
    }
  });

  it('is wrapped to 80 columns into a pipe, and to the terminal’s width on one', async () => {
    for (const args of [['--help'], ...named.map((command) => [command.name, '--help'])]) {
      const {stdout} = await runCli(args);
      // Every line, examples too (a long command is continued with \, a crontab line kept short).
      expect(stdout.split('\n').filter((line) => line.length > 80)).toEqual([]);
    }
    const narrow = await inProcess(['apply', '--help'], {isTTY: true, columns: 50});
    // Examples are commands to copy: never broken, so not counted.
    const prose = narrow.stdout.split('\n\nExamples\n')[0]?.split('\n') ?? [];
    expect(Math.max(...prose.map((line) => line.length))).toBeLessThanOrEqual(50);
    expect(narrow.stdout).toContain('--max-failures <n>');
  });
});

describe('a slip gets a suggestion, exit 2', () => {
  it.each([
    [['swich', 'Acme'], 'Unknown command "swich". Did you mean "switch"?'],
    [['stauts', 'Acme'], 'Unknown command "stauts". Did you mean "status"?'],
    [['help', 'aply'], 'Unknown command "aply". Did you mean "apply"?'],
    [['list', '--mod', 'trial'], 'Unknown flag --mod. Did you mean --mode?\nSee tenant-mode list --help.'],
    [['apply', 'x.json', '--dryrun'], 'Unknown flag --dryrun. Did you mean --dry-run?'],
    [['status', 'Acme', '--check'], '--check is not a flag of tenant-mode status. It is one of apply.'],
    [['switch', 'Acme', '--mode', 'x'], '--mode is not a flag of tenant-mode switch.'],
  ])('%j', async (args, said) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(said);
    expect(run.stdout).toBe('');
  });

  it('says nothing it cannot back: a word far from every command gets no guess', async () => {
    const run = await runCli(['frobnicate']);
    expect(run).toMatchObject({code: 2, stderr: 'Unknown command "frobnicate". See tenant-mode --help.\n'});
  });
});

describe('completion bash', () => {
  const script = execFileSync(process.execPath, ['dist/cli.js', 'completion', 'bash'], {encoding: 'utf8'});
  /** What bash offers after the words typed so far (the last one being completed), the script sourced. */
  function offered(words: string[], cwd = process.cwd()): string[] {
    const array = words.map((word) => `'${word.replaceAll("'", "'\\''")}'`).join(' ');
    const out = execFileSync(
      'bash',
      [
        '-c',
        `eval "$TENANT_MODE_COMPLETION"; COMP_WORDS=(tenant-mode ${array}); COMP_CWORD=${words.length}; _tenant_mode; printf '%s\\n' "\${COMPREPLY[@]}"`,
      ],
      {env: {...process.env, TENANT_MODE_COMPLETION: script}, encoding: 'utf8', cwd},
    );
    return out.split('\n').filter(Boolean).sort();
  }

  it('completes every command', () => {
    expect(offered([''])).toEqual(named.map((command) => command.name).sort());
    expect(offered(['sw'])).toEqual(['switch']);
    expect(offered(['help', 'a'])).toEqual(['accounts', 'apply', 'audit']);
  });

  it('completes every flag of every command, and only its own', () => {
    for (const command of commands) {
      const words = command.name ? [command.name, '--'] : ['--'];
      const own = [...command.flags, ...everywhere].map((flag) => `--${flag}`).sort();
      expect(offered(words), command.name || 'the wizard').toEqual(own);
    }
  });

  it('completes values: --mode its three, a plan file and --out from the folder, after a flag’s value too', () => {
    expect(offered(['list', '--mode', ''])).toEqual(['production', 'suspended', 'trial']);
    expect(offered(['apply', 'pack'], 'test/..')).toEqual(['package-lock.json', 'package.json']);
    expect(offered(['plan', '--out', 'package.j'])).toEqual(['package.json']);
    expect(offered(['--url', 'https://x', 'sta'])).toEqual(['status']);
    expect(offered(['completion', ''])).toEqual(['bash']);
  });

  it('completes --flag=value, names with spaces whole, and no operand beyond what a command takes', () => {
    expect(offered(['list', '--mode', '=', 'pro'])).toEqual(['production']);
    expect(offered(['--timeout', '=', '30', 'sta'])).toEqual(['status']);
    const folder = mkdtempSync(join(tmpdir(), 'tenant-mode-completion-'));
    writeFileSync(join(folder, 'my plan.json'), '{}');
    writeFileSync(join(folder, '[ab].json'), '{}');
    expect(offered(['apply', 'my'], folder)).toEqual(['my plan.json']);
    expect(offered(['apply', '['], folder)).toEqual(['[ab].json']);
    expect(offered(['apply', 'plan.json', ''], folder)).toEqual([]);
    expect(offered(['completion', 'bash', ''])).toEqual([]);
    expect(offered(['help', 'status', ''])).toEqual([]);
  });

  it('says so for a shell it does not know, exit 2', async () => {
    expect(await runCli(['completion', 'zsh'])).toMatchObject({code: 2, stdout: ''});
  });
});

describe('an error tenant-mode did not expect', () => {
  it('is said to be a bug, where to report it, with no stack, exit 70 (and in --json too)', async () => {
    const wizardBreaks = () =>
      Promise.reject(new TypeError("Cannot read properties of undefined (reading 'x')"));
    const run = await inProcess([], {isTTY: true, columns: 80}, wizardBreaks);
    expect(run.code).toBe(70);
    expect(run.stderr).toContain('This is a bug in tenant-mode');
    expect(run.stderr).toContain('Reporting a bug');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

async function inProcess(
  args: string[],
  terminal: {isTTY: boolean; columns: number},
  startWizard: () => Promise<number> = () => Promise.resolve(0),
) {
  const chunks = {stdout: [] as string[], stderr: [] as string[]};
  const sink = (into: string[]): TextSink => ({...terminal, write: (text: string) => into.push(text)});
  const stdin = Object.assign(Readable.from([]), {isTTY: terminal.isTTY});
  const io: CommandIo = {
    stdout: sink(chunks.stdout),
    stderr: sink(chunks.stderr),
    stdin,
    env: {},
    clock: systemClock,
    interrupt: new AbortController().signal,
  };
  const code = await main(args, io, startWizard);
  return {code, stdout: chunks.stdout.join(''), stderr: chunks.stderr.join('')};
}
