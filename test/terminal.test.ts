import {type ChildProcess, spawn} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {stripVTControlCharacters} from 'node:util';
import {describe, expect, it} from 'vitest';
import {cliPath as cli, runCli} from './helpers/cli.js';

// The bundled CLI in a real pseudo-terminal (util-linux `script`), as an operator runs it.

interface Session {
  child: ChildProcess;
  output: () => string;
  waitFor: (text: string) => Promise<void>;
  exit: Promise<number | null>;
}

function inTerminal(command: string, env: Record<string, string | undefined>): Session {
  // As an operator's terminal: no colour settings and no CI flag inherited from the test run (tests give them).
  const {FORCE_COLOR: _, NO_COLOR: __, CI: ___, ...inherited} = process.env;
  const child = spawn('script', ['-qfec', `stty cols 0 rows 24; exec ${command}`, '/dev/null'], {
    env: {
      ...inherited,
      TENANT_MODE_CONFIG_DIR: join(mkdtempSync(join(tmpdir(), 'tenant-mode-tty-')), 'c'),
      // CI may have no SHELL (then `script` uses /bin/sh, dash) and no TERM (then chalk finds no colour
      // support): pin both as an operator's terminal has them, so every machine runs the same thing.
      SHELL: '/bin/sh',
      TERM: 'xterm-256color',
      ...env,
    },
    stdio: 'pipe',
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const waitFor = async (text: string) => {
    const deadline = Date.now() + 10_000;
    while (!output.includes(text)) {
      if (Date.now() > deadline) throw new Error(`no "${text}" in:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  };
  return {child, output: () => output, waitFor, exit};
}

describe('the wizard in a terminal', () => {
  it('redraws for the new size when the terminal is resized mid-step', async () => {
    // The pty starts at 100×30; a second later it is made 50×20, as a window resized by hand (the kernel sends
    // SIGWINCH to the wizard), and the step is laid out again, compact.
    const session = inTerminal(
      `sh -c 'stty cols 100 rows 30; (sleep 1; stty cols 50 rows 20 < /dev/tty) & exec ${process.execPath} ${cli} --sandbox'`,
      {},
    );
    await session.waitFor("Which data center is the customer's tenant on?");
    const before = session.output().length;
    await session.waitFor('Step 1/5 · Connect');
    await session.waitFor('Which data center?');
    // Narrower: the screen is cleared before the new frame, so that no re-wrapped line of the old one stays above.
    const after = session.output().slice(before);
    expect(after.indexOf('\u001b[2J')).toBeGreaterThanOrEqual(0);
    expect(after.indexOf('\u001b[2J')).toBeLessThan(after.indexOf('Step 1/5 · Connect'));
    session.child.stdin?.write('\u0003');
    expect(await session.exit).toBe(130);
  });

  it('Ctrl+C exits 130 and says no switch was sent; NO_COLOR means no colour; 0 columns count as 80; CI=true still draws', async () => {
    // CI=true: Ink draws nothing until exit in CI; a person at a terminal must see the wizard all the same.
    const session = inTerminal(`${process.execPath} ${cli} --sandbox`, {NO_COLOR: '1', CI: 'true'});
    await session.waitFor('Which data center');
    session.child.stdin?.write('\r');
    await session.waitFor('Tenant name or UUID:');
    session.child.stdin?.write('\u0003');
    expect(await session.exit).toBe(130);
    const output = session.output();
    expect(output).toContain('Interrupted. No switch was sent.');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for colour escapes
    expect(output).not.toMatch(/\u001B\[(3\d|9\d)m/);
    // NO_COLOR is about colour: the text cursor (inverse video) is still drawn in the field.
    expect(output).toContain('Tenant name or UUID: \u001B[7m \u001B[27m');
    // Wrapped at 80 columns, not one character per line.
    expect(output).toContain(
      // …and the hints wrap between hints, never after a dangling "·".
      'Enter search (empty: browse your customers) · Esc account · Ctrl+P plan the 1st\r\n · Tab HTTP calls · Ctrl+C quit',
    );
  });

  it('has colour when nothing turns it off, and --no-color turns it off', async () => {
    const coloured = inTerminal(`${process.execPath} ${cli} --sandbox`, {});
    await coloured.waitFor('Which data center');
    coloured.child.stdin?.write('\u0003');
    await coloured.exit;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for colour escapes
    expect(coloured.output()).toMatch(/\u001B\[(3\d|9\d)m/);

    const plain = inTerminal(`${process.execPath} ${cli} --sandbox --no-color`, {});
    await plain.waitFor('Which data center');
    plain.child.stdin?.write('\r');
    await plain.waitFor('Tenant name or UUID:');
    plain.child.stdin?.write('\u0003');
    expect(await plain.exit).toBe(130);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for colour escapes
    expect(plain.output()).not.toMatch(/\u001B\[(3\d|9\d)m/);
    // Bold and the field's cursor (inverse video) stay, as with NO_COLOR.
    expect(plain.output()).toContain('\u001B[1m');
    expect(plain.output()).toContain('Tenant name or UUID: \u001B[7m \u001B[27m');
  });
});

describe('switch on a terminal', () => {
  it('asks for the tenant name: the right name switches, another cancels and is audited', async () => {
    const {startSandbox} = await import('../source/sandbox/index.js');
    const {AuditLog} = await import('../source/store/index.js');
    const {systemClock} = await import('../source/clock.js');
    // The CLI runs as a process on the machine's clock: the sandbox keeps the same one.
    const sandbox = await startSandbox({clock: systemClock});
    const config = join(mkdtempSync(join(tmpdir(), 'tenant-mode-tty-')), 'c');
    const command = (name: string) =>
      `${process.execPath} ${cli} switch '${name}' --url ${sandbox.url} --client-id ${sandbox.clientId}`;
    const env = {TENANT_MODE_CLIENT_SECRET: sandbox.clientSecret, TENANT_MODE_CONFIG_DIR: config};
    try {
      const cancelled = inTerminal(command('Acme Corp'), env);
      await cancelled.waitFor("Type the tenant's name (Acme Corp) to confirm");
      cancelled.child.stdin?.write('Acme\r');
      expect(await cancelled.exit).toBe(2);
      expect(cancelled.output()).toContain('Not confirmed: nothing was sent.');

      const confirmed = inTerminal(command('Acme Corp'), env);
      await confirmed.waitFor("Type the tenant's name (Acme Corp) to confirm");
      confirmed.child.stdin?.write('Acme Corp\r');
      expect(await confirmed.exit).toBe(0);
      expect(confirmed.output()).toContain('Acme Corp is now in production. Status 200 OK.');

      const outcomes = (await new AuditLog(config).read()).entries.map((entry) => entry.outcome);
      expect(outcomes).toEqual(['cancelled-by-operator', 'switched']);
      expect(sandbox.requests.filter((request) => request.method === 'PUT')).toHaveLength(1);
    } finally {
      await sandbox.close();
    }
  });
});

describe('a secret pasted into --url, on a terminal', () => {
  it('is refused and never printed, not even in the progress line', async () => {
    const secret = 'S3cr3tV4lu3xyzQ9';
    for (const command of ['list', 'status Acme', 'switch Acme --yes']) {
      const session = inTerminal(
        `${process.execPath} ${cli} ${command} --url ${secret} --client-id 2b6d5f98-a539-5356-8e71-1085b4ac11c3`,
        {TENANT_MODE_CLIENT_SECRET: 'x'},
      );
      expect(await session.exit).toBe(2);
      expect(session.output()).toContain('full host name');
      expect(session.output()).not.toContain(secret);
    }
  });
});

describe('SIGHUP on a terminal', () => {
  it('in the wizard: exit 129, and Ink draws not one more frame to the gone terminal', async () => {
    const session = inTerminal(`${process.execPath} ${cli} --sandbox`, {NO_COLOR: '1'});
    await session.waitFor('Which data center');
    const before = session.output();
    const {execFileSync} = await import('node:child_process');
    execFileSync('pkill', ['-HUP', '-P', String(session.child.pid), '-x', 'tenant-mode']);
    expect(await session.exit).toBe(129);
    expect(session.output()).toBe(before);
  });

  it('during the PUT: exit 129, not one more byte to the gone terminal, the outcome in the audit log', async () => {
    const {startSandbox} = await import('../source/sandbox/index.js');
    const {AuditLog} = await import('../source/store/index.js');
    const {systemClock} = await import('../source/clock.js');
    const {tenantId} = await import('./helpers/sandbox.js');
    const sandbox = await startSandbox({clock: systemClock});
    const config = join(mkdtempSync(join(tmpdir(), 'tenant-mode-tty-')), 'c');
    try {
      const path = `/tenants/${tenantId(sandbox, 'Acme Corp')}/pricing`;
      sandbox.faults.add({method: 'PUT', path, delayMs: 3000, times: 1});
      const session = inTerminal(
        `${process.execPath} ${cli} switch 'Acme Corp' --yes --url ${sandbox.url} --client-id ${sandbox.clientId}`,
        {TENANT_MODE_CLIENT_SECRET: sandbox.clientSecret, TENANT_MODE_CONFIG_DIR: config},
      );
      for (let tries = 0; tries < 500; tries++) {
        if (sandbox.requests.some((request) => request.method === 'PUT')) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      const before = session.output();
      expect(before).toContain('Request: PUT');
      const {execFileSync} = await import('node:child_process');
      execFileSync('pkill', ['-HUP', '-P', String(session.child.pid), '-x', 'tenant-mode']);
      expect(await session.exit).toBe(129);
      expect(session.output()).toBe(before);
      expect((await new AuditLog(config).read()).entries.map((entry) => entry.outcome)).toEqual(['unknown']);
    } finally {
      await sandbox.close();
    }
  });
});

describe('apply on a terminal', () => {
  it('asks for the number of tenants, draws the progress, ends with the table', async () => {
    const {startSandbox} = await import('../source/sandbox/index.js');
    const {systemClock} = await import('../source/clock.js');
    const {sandboxCli} = await import('./helpers/cli.js');
    const sandbox = await startSandbox({clock: systemClock, tenants: 12});
    const folder = mkdtempSync(join(tmpdir(), 'tenant-mode-tty-'));
    const config = join(folder, 'c');
    const plan = join(folder, 'plan.json');
    try {
      // On the machine's clock: how many customers are in trial depends on the day (on a 1st, the plan is for today).
      const made = await sandboxCli(sandbox, config)(['plan', '--out', plan, '--json']);
      expect(made.code).toBe(0);
      const count = (JSON.parse(made.stdout) as {tenants: unknown[]}).tenants.length;
      const command = `${process.execPath} ${cli} apply ${plan} --not-on-date --url ${sandbox.url} --client-id ${sandbox.clientId}`;
      const env = {TENANT_MODE_CLIENT_SECRET: sandbox.clientSecret, TENANT_MODE_CONFIG_DIR: config};
      const wrong = inTerminal(command, env);
      await wrong.waitFor(`Type ${count} to confirm, anything else cancels:`);
      wrong.child.stdin?.write('all\r');
      expect(await wrong.exit).toBe(2);
      expect(wrong.output()).toContain('Not confirmed: nothing was sent.');
      expect(sandbox.requests.filter((request) => request.method === 'PUT')).toHaveLength(0);

      const right = inTerminal(command, env);
      await right.waitFor(`Type ${count} to confirm`);
      right.child.stdin?.write(`${count}\r`);
      expect(await right.exit).toBe(0);
      const screen = right.output();
      expect(screen).toContain('Applying');
      expect(screen).toContain(`${count} of ${count} (100 %)`);
      expect(stripVTControlCharacters(screen)).toContain(`✔ ${count} switched`);
      expect(screen).toMatch(
        /OUTCOME +UUID +TENANT\r?\nswitched +[0-9a-f-]{36} {2}Northwind Partners \/ Acme Corp/,
      );
      expect(screen).toContain(`Every attempt and outcome: ${plan}.results.jsonl`);
      // Run again: everything settled, nothing to ask, nothing sent.
      const again = inTerminal(command, env);
      expect(await again.exit).toBe(0);
      expect(again.output()).not.toContain('to confirm');
      expect(again.output()).toContain(
        `${count} of them were settled by an earlier run of this plan and left alone.`,
      );
      expect(screen).toContain(`Done: ${count} tenants — ${count} switched.`);
    } finally {
      await sandbox.close();
    }
  });
});

describe('SIGTERM', () => {
  it('leaves the wizard as Ctrl+C does: exit 130, says no switch was sent', async () => {
    const session = inTerminal(`${process.execPath} ${cli} --sandbox`, {NO_COLOR: '1'});
    await session.waitFor('Which data center');
    // `script` runs the command in its pty through $SHELL; `exec` above makes it script's direct child even
    // when that shell is dash (which forks for the last command). cli.tsx titles it "tenant-mode".
    const {execFileSync} = await import('node:child_process');
    execFileSync('pkill', ['-TERM', '-P', String(session.child.pid), '-x', 'tenant-mode']);
    expect(await session.exit).toBe(130);
    expect(session.output()).toContain('Interrupted. No switch was sent.');
  });
});

describe('the line mode on a terminal', () => {
  it('TERM=dumb: a whole switch as lines, the name typed a key at a time, the confirmation printed once, no ESC byte', async () => {
    const config = join(mkdtempSync(join(tmpdir(), 'tenant-mode-tty-')), 'c');
    const session = inTerminal(`sh -c '${process.execPath} ${cli} --sandbox; echo "EXIT=$?"'`, {
      TERM: 'dumb',
      TENANT_MODE_CONFIG_DIR: config,
    });
    const send = async (keys: string, after: string) => {
      session.child.stdin?.write(keys);
      await session.waitFor(after);
    };
    await session.waitFor('Data center (1 to 8');
    await send('\r', 'Tenant name or UUID:');
    await send('Fabrikam Stores\r', 'Tenant (1 to 1');
    await send('\r', 'Keys: Enter: continue to the switch');
    await send('\r', 'Name: ');
    // The confirmation is read first (keys sooner than half a second after it are dropped as typed ahead).
    await new Promise((resolve) => setTimeout(resolve, 600));
    // Nine letters, one at a time, as hands type them: each is echoed, nothing is printed again.
    for (const letter of 'Fabrikam ') {
      session.child.stdin?.write(letter);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await send('Stores\r', 'is now in production');
    await send('q', 'EXIT=0');
    const output = session.output();
    expect(output).not.toContain('\u001b');
    expect(output.split("Type the tenant's name").length - 1).toBe(1);
    expect(output.split('Name: ').length - 1).toBe(1);
    expect(output).toContain('Name: Fabrikam Stores\r\n');
    // Every line ended before the shell's next one.
    expect(output).toMatch(/Fabrikam Stores: switched to production \(200\)\.\r\nEXIT=0/);
    // The embedded sandbox is a rehearsal: not among the real switches, only under --rehearsals.
    const audit = await runCli(['audit'], {TENANT_MODE_CONFIG_DIR: config});
    expect(audit.stdout).toContain('No switch attempts recorded');
    expect(audit.stdout).toContain('1 rehearsal against a sandbox is not shown');
    const rehearsals = await runCli(['audit', '--rehearsals'], {TENANT_MODE_CONFIG_DIR: config});
    expect(rehearsals.stdout).toMatch(/^REHEARSAL {2}\S+ {2}switched .*Fabrikam Stores/m);
  });

  it('--accessible: the same line mode on any terminal; Ctrl+C ends the last line before the shell speaks', async () => {
    const session = inTerminal(
      `sh -c '${process.execPath} ${cli} --sandbox --accessible; echo "EXIT=$?"'`,
      {},
    );
    await session.waitFor('Data center (1 to 8');
    session.child.stdin?.write('\u0003');
    await session.waitFor('EXIT=130');
    expect(session.output()).not.toContain('\u001b');
    expect(session.output()).toMatch(/Interrupted\. No switch was sent\.\r\nEXIT=130/);
  });

  it('INK_SCREEN_READER=true: the line mode too, on a terminal that could draw the full screen', async () => {
    const session = inTerminal(`sh -c '${process.execPath} ${cli} --sandbox; echo "EXIT=$?"'`, {
      INK_SCREEN_READER: 'true',
    });
    await session.waitFor('Data center (1 to 8');
    session.child.stdin?.write('\u0003');
    await session.waitFor('EXIT=130');
    expect(session.output()).not.toContain('\u001b');
  });
});

describe('tenant-mode learn on a terminal', () => {
  it('line mode: the lesson says each step, the sandbox is the account "sandbox" meanwhile, and the transcript is written', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tenant-mode-learn-'));
    const config = join(folder, 'c');
    const transcript = join(folder, 'lesson.md');
    const session = inTerminal(
      `sh -c '${process.execPath} ${cli} learn --scenario namesakes --transcript ${transcript}; echo "EXIT=$?"'`,
      {TERM: 'dumb', TENANT_MODE_CONFIG_DIR: config},
    );
    await session.waitFor('Data center (1 to');
    expect(session.output()).toContain('Lesson: Step 1, sign in');
    const during = await runCli(['accounts', '--json'], {TENANT_MODE_CONFIG_DIR: config});
    expect(JSON.parse(during.stdout).accounts).toEqual([
      expect.objectContaining({name: 'sandbox', default: false, sandbox: true}),
    ]);
    session.child.stdin?.write('\r');
    await session.waitFor('Lesson: Step 1, signed in.');
    session.child.stdin?.write('\u0003');
    await session.waitFor('EXIT=');
    const output = session.output();
    expect(output).toContain('What this lesson showed:');
    expect(output).toContain(`The lesson's transcript: ${transcript}`);
    const text = readFileSync(transcript, 'utf8');
    expect(text).toContain('Scenario **namesakes**');
    expect(text).toContain('POST /api/2/idp/token');
    expect(text).toContain('> Step 1, signed in.');
    const after = await runCli(['accounts', '--json'], {TENANT_MODE_CONFIG_DIR: config});
    expect(JSON.parse(after.stdout).accounts).toEqual([]);
  }, 30_000);
});

describe('rehearsing the batch in a lesson', () => {
  it('the plan written in the lesson runs from a second terminal as printed, with --account sandbox', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tenant-mode-learn-'));
    const config = join(folder, 'c');
    const transcript = join(folder, 'lesson.md');
    const session = inTerminal(
      `sh -c '${process.execPath} ${cli} learn --transcript ${transcript}; echo "EXIT=$?"'`,
      {
        TERM: 'dumb',
        TENANT_MODE_CONFIG_DIR: config,
      },
    );
    await session.waitFor('Data center (1 to');
    session.child.stdin?.write('\r');
    await session.waitFor('Account (1 to');
    session.child.stdin?.write('\r');
    await session.waitFor('Tenant name or UUID:');
    session.child.stdin?.write('\u0010');
    await session.waitFor('Plan (');
    const list = session.output();
    // The lesson's sandbox has customers that switching on the 1st bills a month early: why planning matters.
    expect(list.match(/· bills a month early: in the plan/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
    session.child.stdin?.write('\r');
    await session.waitFor('Keys: Enter: another tenant');
    const written = stripVTControlCharacters(session.output()).replaceAll('\r', '');
    // Said in rows broken between words: read as one text.
    expect(written.replaceAll(/\n +/g, ' ')).toContain(
      "This lesson's sandbox is the account sandbox until the lesson ends. Add --check to see what the command would do, or --not-on-date",
    );
    const command =
      /Rehearse it now, from a second terminal, while the lesson runs:\n(.+)\n/.exec(written)?.[1] ?? '';
    expect(command).toMatch(/ apply \S+\.json --account sandbox$/);
    const planned = JSON.parse(readFileSync(/ apply (\S+\.json)/.exec(command)?.[1] ?? '', 'utf8')).tenants;

    // A second terminal, while the lesson runs: the command as printed, today (--not-on-date), unasked (--yes).
    const applied = await new Promise<{code: number; out: string}>((resolve) => {
      const shell = spawn('/bin/sh', ['-c', `${command} --not-on-date --yes`], {
        env: {PATH: process.env.PATH ?? '', HOME: folder, TENANT_MODE_CONFIG_DIR: config},
      });
      let out = '';
      shell.stdout.on('data', (chunk) => {
        out += chunk;
      });
      shell.stderr.on('data', (chunk) => {
        out += chunk;
      });
      shell.on('exit', (code) => resolve({code: code ?? -1, out}));
    });
    expect(applied.code).toBe(0);
    expect(applied.out).toContain(`Done: ${planned.length} tenants — ${planned.length} switched.`);
    // Rehearsals, each: under --rehearsals, never among the real switches.
    const real = await runCli(['audit', '--json'], {TENANT_MODE_CONFIG_DIR: config});
    const rehearsals = await runCli(['audit', '--rehearsals', '--json'], {TENANT_MODE_CONFIG_DIR: config});
    expect(JSON.parse(real.stdout).entries).toEqual([]);
    const entries: {outcome?: string; account?: string}[] = JSON.parse(rehearsals.stdout).entries;
    expect(
      entries.filter((entry) => entry.outcome === 'switched' && entry.account === 'sandbox'),
    ).toHaveLength(planned.length);

    session.child.stdin?.write('q');
    await session.waitFor('EXIT=');
    // Its sandbox has ended: no command is repeated that would not run any more.
    const ended =
      stripVTControlCharacters(session.output()).split('Keys: Enter: another tenant').at(-1) ?? '';
    expect(ended).toContain("It was for the lesson's sandbox, which has ended: it can no longer be applied.");
    expect(ended).not.toContain('--account sandbox');
    // The trainee keeps the plan and its command in the transcript, under the plan's heading.
    const kept = readFileSync(transcript, 'utf8');
    expect(kept).toMatch(/## Planning the 1st[\s\S]*Plan for \d{4}-\d{2}-\d{2} written, \d+ customers/);
    expect(kept).toContain(`\`${command}\``);
    const after = await runCli(['accounts', '--json'], {TENANT_MODE_CONFIG_DIR: config});
    expect(JSON.parse(after.stdout).accounts).toEqual([]);
  }, 40_000);
});
