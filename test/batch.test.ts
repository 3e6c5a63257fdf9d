import {chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {ManualClock} from '../source/clock.js';
import {type Sandbox, type SandboxOptions, startSandbox} from '../source/sandbox/index.js';
import {newConfigDirectory, runInProcess, sandboxCli} from './helpers/cli.js';
import {fixedNow} from './helpers/sandbox.js';
import {cliSchemaErrors} from './helpers/schemas.js';

// The month-start batch against the sandbox over real sockets: plan on 26 Nov 2026 (the fixed "today"), apply on
// 1 Dec 2026 at 00:05 UTC, by moving the sandbox's (and so the run's) clock.

const firstOfDecember = Date.UTC(2026, 11, 1, 0, 5);
let open: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(open.map((sandbox) => sandbox.close()));
  open = [];
});

async function world(options: Partial<SandboxOptions> = {}) {
  const clock = new ManualClock(fixedNow);
  const sandbox = await startSandbox({clock, tenants: 12, ...options});
  open.push(sandbox);
  const folder = mkdtempSync(join(tmpdir(), 'tenant-mode-batch-'));
  const config = newConfigDirectory();
  const cli = sandboxCli(sandbox, config);
  const audit = async () =>
    JSON.parse(
      (await runInProcess(['audit', '--json'], {TENANT_MODE_CONFIG_DIR: config}, {clock})).stdout,
    ) as {
      entries: Array<Record<string, unknown>>;
    };
  const plan = join(folder, 'plan.json');
  const putsApplied = () =>
    sandbox.requests.filter((request) => request.method === 'PUT' && request.status === 200);
  const puts = () => sandbox.requests.filter((request) => request.method === 'PUT');
  const toTheFirst = () => clock.advance(firstOfDecember - clock.now());
  const mode = (name: string) =>
    [...sandbox.world.tenants.values()].find((tenant) => tenant.name === name)?.pricing.mode;
  return {sandbox, clock, cli, audit, config, folder, plan, puts, putsApplied, toTheFirst, mode};
}

const json = (text: string) =>
  JSON.parse(text) as Record<string, unknown> & {tenants: Array<Record<string, unknown>>};

describe('tenant-mode plan', () => {
  it('lists the trial customers with what the 1st costs, apart those ending before, and writes a private plan', async () => {
    const {cli, plan} = await world();
    const run = await cli(['plan', '--out', plan]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Plan for 1 Dec 2026 (UTC): 14 of 14 customers in trial.');
    expect(run.stdout).toMatch(
      /Northwind Partners \/ Customer 00001 +\S+ +4 Dec 2026 +December 2026 +December 2026/,
    );
    // Ends by itself on 15 Jan 2027: switching on the 1st bills December, leaving it bills from January.
    expect(run.stdout).toMatch(/Customer 00007 +\S+ +15 Jan 2027 +December 2026 +January 2027/);
    expect(run.stdout).toMatch(
      /ends before 1 Dec 2026: planning them changes nothing\.\n {2}Northwind Partners \/ Globex .* switches by itself on 29 Nov 2026/,
    );
    expect(run.stdout).not.toMatch(/Customer 00003|Customer 00006|Initech/);
    expect(run.stdout).toContain(`On 1 Dec 2026 run:\n  tenant-mode apply ${plan} --url `);
    expect(statSync(plan).mode & 0o777).toBe(0o600);
    const text = readFileSync(plan, 'utf8');
    const document = JSON.parse(text);
    expect(document).toMatchObject({kind: 'tenant-mode/plan', version: 1, planned_date: '2026-12-01'});
    expect(document.operator_tenant.name).toBe('Northwind Partners');
    expect(document.tenants).toHaveLength(14);
    // One tenant a line: a line deleted by hand leaves the tenant out.
    expect(text.split('\n').filter((line) => line.includes('"pricing_version"'))).toHaveLength(14);
  });

  it('--only and --except by name or UUID; a name nobody has, or one ending before the day, is exit 2', async () => {
    const {cli, sandbox, folder} = await world();
    const acme = [...sandbox.world.tenants.values()].find((tenant) => tenant.name === 'Acme Corp')?.id ?? '';
    const only = json(
      (await cli(['plan', '--json', '--only', acme, '--except', 'Muller Backerei GmbH'])).stdout,
    );
    expect(only.tenants.map((tenant) => tenant.name)).toEqual(['Acme Corp']);
    const both = await cli([
      'plan',
      '--json',
      '--only',
      acme.toUpperCase(),
      '--only',
      'Muller Backerei GmbH ',
    ]);
    expect(json(both.stdout).tenants.map((tenant) => tenant.name)).toEqual([
      'Acme Corp',
      'Müller Bäckerei GmbH',
    ]);
    const except = json((await cli(['plan', '--json', '--except', 'Acme Corp'])).stdout);
    expect(cliSchemaErrors('plan', except)).toEqual([]);
    expect(except.tenants.find((tenant) => tenant.name === 'Customer 00007')).toMatchObject({
      first_billed_month_if_switched: '2026-12',
      first_billed_month_if_left: '2027-01',
    });
    expect(except.tenants).toHaveLength(13);
    const namesake = await cli(['plan', '--only', 'Contoso']);
    expect(namesake.code).toBe(2);
    expect(namesake.stderr).toContain('2 trial customers have this name');
    const early = await cli(['plan', '--only', 'Globex']);
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('its trial ends by itself on 29 Nov 2026, before the planned day');
    const nowhere = await cli(['plan', '--out', '/nonexistent/folder/plan.json']);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain('/nonexistent/folder: there is no such file or folder');
    writeFileSync(join(folder, 'notes.txt'), 'my notes\n');
    const notAPlan = await cli(['plan', '--out', join(folder, 'notes.txt')]);
    expect(notAPlan.code).toBe(2);
    expect(notAPlan.stderr).toContain(
      'notes.txt exists and is not a tenant-mode plan: it is not overwritten.',
    );
    expect(readFileSync(join(folder, 'notes.txt'), 'utf8')).toBe('my notes\n');
    const past = await cli(['plan', '--on', '2026-11-01']);
    expect(past.code).toBe(2);
    expect(past.stderr).toContain('is in the past');
  });
});

describe('tenant-mode apply', () => {
  it('on the day: switches every planned tenant once, records each, and a rerun sends nothing', async () => {
    const {cli, audit, plan, puts, putsApplied, toTheFirst, mode} = await world();
    expect((await cli(['plan', '--out', plan])).code).toBe(0);
    toTheFirst();
    const run = await cli(['apply', plan, '--yes', '--json']);
    expect(run.code).toBe(0);
    const document = json(run.stdout);
    expect(cliSchemaErrors('apply', document)).toEqual([]);
    expect(document.summary).toEqual({switched: 14});
    expect(putsApplied()).toHaveLength(14);
    expect(mode('Customer 00007')).toBe('production');
    // With --json and no terminal, stderr is for what a person must see: all went well, so nothing.
    expect(run.stderr).toBe('');
    const results = readFileSync(`${plan}.results.jsonl`, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(statSync(`${plan}.results.jsonl`).mode & 0o777).toBe(0o600);
    expect(results.filter((line) => line.kind === 'attempt')).toHaveLength(14);
    expect(results.filter((line) => line.kind === 'outcome' && line.outcome === 'switched')).toHaveLength(14);
    const {entries} = await audit();
    expect(entries).toHaveLength(14);
    expect(entries.every((entry) => entry.via === 'apply' && entry.outcome === 'switched')).toBe(true);
    expect(new Set(entries.map((entry) => entry.plan_sha256)).size).toBe(1);

    const again = await cli(['apply', plan, '--yes']);
    expect(again.code).toBe(0);
    expect(puts()).toHaveLength(14);
    expect(again.stdout).toContain('14 of them were settled by an earlier run of this plan and left alone.');
  });

  it('refuses another day unless --not-on-date, and says what that costs', async () => {
    const {cli, plan, puts} = await world();
    await cli(['plan', '--out', plan]);
    const early = await cli(['apply', plan, '--yes']);
    expect(early.code).toBe(2);
    expect(early.stderr).toContain(
      'This plan is for 1 Dec 2026 (UTC), and today is 26 Nov 2026. Nothing was sent.',
    );
    expect(puts()).toHaveLength(0);
    const anyway = await cli(['apply', plan, '--yes', '--not-on-date']);
    expect(anyway.stderr).toContain('switching today bills all of November 2026 for each tenant');
    // Without --json and without a terminal (cron), one line a tenant on stderr is the log of what was sent.
    expect(anyway.stderr).toMatch(/\[ 1\/14\] switched {2}Northwind Partners \/ /);
    expect(anyway.code).toBe(0);
    expect(puts()).toHaveLength(14);
  });

  it('refuses a plan of another data center or account, a writable plan with --yes, and no terminal without --yes', async () => {
    const {cli, plan, puts, toTheFirst} = await world();
    await cli(['plan', '--out', plan]);
    toTheFirst();
    const text = readFileSync(plan, 'utf8');
    const edited = (from: RegExp, to: string) => {
      const path = `${plan}.${Math.random().toString(36).slice(2)}.json`;
      writeFileSync(path, text.replace(from, to), {mode: 0o600});
      return path;
    };
    const otherDataCenter = await cli([
      'apply',
      edited(/"data_center": "[^"]+"/, '"data_center": "https://eu2-cloud.acronis.com/api/2"'),
      '--yes',
    ]);
    expect(otherDataCenter.code).toBe(2);
    expect(otherDataCenter.stderr).toContain('This plan was made for https://eu2-cloud.acronis.com/api/2');
    const otherAccount = await cli([
      'apply',
      edited(
        /"operator_tenant": \{"id":"[^"]+"/,
        '"operator_tenant": {"id":"00000000-0000-4000-8000-000000000001"',
      ),
      '--yes',
    ]);
    expect(otherAccount.code).toBe(2);
    expect(otherAccount.stderr).toContain('This plan was made for the account of Northwind Partners');
    chmodSync(plan, 0o664);
    const writable = await cli(['apply', plan, '--yes']);
    expect(writable.code).toBe(2);
    expect(writable.stderr).toContain('Refusing an unattended apply: others can write');
    chmodSync(plan, 0o600);
    const unconfirmed = await cli(['apply', plan]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('Pass --yes in a script');
    expect(puts()).toHaveLength(0);
  });

  it('refuses a hand-edited plan that does not parse or has an unknown field, with its line; a deleted line is fine', async () => {
    const {cli, plan, putsApplied, toTheFirst, mode} = await world();
    await cli(['plan', '--out', plan]);
    toTheFirst();
    const lines = readFileSync(plan, 'utf8').split('\n');
    const write = (text: string) => {
      writeFileSync(plan, text, {mode: 0o600});
    };
    // The last tenant's line deleted, its comma left behind.
    const lastTenant = lines.findLastIndex((line) => line.includes('"pricing_version"'));
    write(lines.filter((_, index) => index !== lastTenant).join('\n'));
    const comma = await cli(['apply', plan, '--yes']);
    expect(comma.code).toBe(2);
    expect(comma.stderr).toContain(
      `plan.json line ${lastTenant + 1}: a value was expected — a comma too many before "]"`,
    );
    const unknown = lines.map((line, index) =>
      index === 9 ? line.replace('"mode":"trial"', '"mode":"trial","switch":true') : line,
    );
    write(unknown.join('\n'));
    const field = await cli(['apply', plan, '--yes']);
    expect(field.code).toBe(2);
    expect(field.stderr).toContain('plan.json line 10: unknown field "switch" in tenant 2');
    // Deleting a whole line (and the comma before it): that tenant is left out.
    const name = JSON.parse(lines[9]?.trim().replace(/,$/, '') ?? '{}').name;
    write(lines.filter((_, index) => index !== 9).join('\n'));
    const fewer = await cli(['apply', plan, '--yes', '--json']);
    expect(fewer.code).toBe(0);
    expect(json(fewer.stdout).summary).toEqual({switched: 13});
    expect(putsApplied()).toHaveLength(13);
    expect(mode(name)).toBe('trial');
  });

  it('a tenant changed since the plan is never switched with a fresh version: read first, and 409 if it changes after', async () => {
    const {cli, plan, sandbox, putsApplied, puts, toTheFirst, mode} = await world();
    await cli(['plan', '--out', plan]);
    const tenant = (name: string) =>
      [...sandbox.world.tenants.values()].find((candidate) => candidate.name === name);
    // Someone changes Acme's currency after the review, and switches Wayne Enterprises by hand.
    const acme = tenant('Acme Corp');
    const wayne = tenant('Wayne Enterprises');
    const fabrikam = tenant('Fabrikam Stores');
    if (!acme || !wayne || !fabrikam) throw new Error('seed changed');
    acme.pricing.currency = 'EUR';
    acme.pricing.version += 1;
    wayne.pricing.mode = 'production';
    wayne.pricing.version += 1;
    // …and Fabrikam is renamed: the check shows the name it has now.
    fabrikam.name = 'Fabrikam Retail';
    const check = await cli(['apply', plan, '--check', '--json']);
    expect(json(check.stdout).tenants.find((entry) => entry.id === fabrikam.id)).toMatchObject({
      name: 'Fabrikam Stores',
      now_named: 'Fabrikam Retail',
      outcome: 'ready',
    });
    // With --json the table is the document; stderr says only what went wrong, in its last lines.
    expect(check.stderr).not.toContain('Fabrikam');
    expect(check.stderr).toMatch(/^Check \(nothing sent\): 14 tenants — .*1 changed since the plan/);
    const words = await cli(['apply', plan, '--check']);
    expect(words.stdout).toContain(
      'Northwind Partners / Retail / Fabrikam Stores (now named Fabrikam Retail)',
    );
    expect(check.code).toBe(1);
    expect(cliSchemaErrors('apply', json(check.stdout))).toEqual([]);
    expect(json(check.stdout).summary).toEqual({ready: 12, 'changed-since-plan': 1, 'nothing-to-do': 1});
    expect(check.stdout).toContain('"sent": false');
    expect(puts()).toHaveLength(0);
    toTheFirst();
    // Fabrikam changes between apply's read and its PUT: the read answers the planned version, the PUT 409.
    const planned = {...fabrikam.pricing};
    fabrikam.pricing.version += 1;
    sandbox.faults.add({
      method: 'GET',
      path: `/tenants/${fabrikam.id}/pricing`,
      status: 200,
      body: planned,
      times: 1,
    });
    const run = await cli(['apply', plan, '--yes', '--json']);
    expect(run.code).toBe(1);
    const document = json(run.stdout);
    expect(document.summary).toEqual({switched: 11, 'changed-since-plan': 2, 'nothing-to-do': 1});
    // Acme: seen at the read, no PUT. Fabrikam: its PUT with the planned version refused, 409.
    expect(document.tenants.find((entry) => entry.name === 'Acme Corp')).toMatchObject({
      outcome: 'changed-since-plan',
      puts: 0,
    });
    expect(document.tenants.find((entry) => entry.name === 'Fabrikam Stores')).toMatchObject({
      outcome: 'changed-since-plan',
      status: 409,
      puts: 1,
      now_named: 'Fabrikam Retail',
    });
    // With --json the document names it as the platform does now (above); stderr says what went wrong.
    expect(run.stderr).toContain('changed since the plan: not switched, plan again');
    expect(mode('Acme Corp')).toBe('trial');
    expect(fabrikam.pricing.mode).toBe('trial');
    expect(putsApplied()).toHaveLength(11);
    expect(puts()).toHaveLength(12);
  });

  it('a production tenant or a folder edited into a plan is never sent a PUT', async () => {
    const {cli, plan, sandbox, puts, toTheFirst} = await world();
    await cli(['plan', '--out', plan, '--only', 'Acme Corp']);
    toTheFirst();
    const document = JSON.parse(readFileSync(plan, 'utf8'));
    const initech = [...sandbox.world.tenants.values()].find((tenant) => tenant.name === 'Initech');
    const retail = [...sandbox.world.tenants.values()].find((tenant) => tenant.name === 'Retail');
    if (!initech || !retail) throw new Error('seed changed');
    const edited = (tenant: typeof initech) => ({
      id: tenant.id,
      name: tenant.name,
      path: ['Northwind Partners'],
      pricing_version: tenant.pricing.version,
      mode: 'trial',
      auto_switch_date: null,
    });
    document.tenants.push(edited(initech), edited(retail));
    writeFileSync(plan, JSON.stringify(document), {mode: 0o600});
    const run = await cli(['apply', plan, '--yes', '--json']);
    // Initech: read, in production, nothing to do. Retail: a folder, refused before any request about it.
    expect(run.code).toBe(1);
    expect(json(run.stdout).summary).toEqual({switched: 1, 'nothing-to-do': 1, refused: 1});
    const folder = json(run.stdout).tenants.find((tenant) => tenant.id === retail.id) as {
      error?: {message?: string};
    };
    expect(folder.error?.message).toContain(
      'A folder tenant, not a customer: only customer tenants are switched',
    );
    expect(puts().map((request) => request.path)).toEqual([`/tenants/${document.tenants[0].id}/pricing`]);
  });

  it('a copy of a plan applied under another name remembers, through the audit log, what the first switched', async () => {
    const {cli, plan, folder, puts, toTheFirst} = await world();
    await cli(['plan', '--out', plan]);
    toTheFirst();
    expect((await cli(['apply', plan, '--yes'])).code).toBe(0);
    // Re-saved by an editor: CRLF line ends and a trailing blank line. The same plan, by its content.
    const copy = join(folder, 'copy.json');
    writeFileSync(copy, `${readFileSync(plan, 'utf8').replaceAll('\n', '\r\n')}\r\n`, {mode: 0o600});
    const again = await cli(['apply', copy, '--yes', '--json']);
    expect(again.code).toBe(0);
    expect(json(again.stdout).summary).toEqual({switched: 14});
    expect(json(again.stdout).tenants.every((tenant) => tenant.earlier === true)).toBe(true);
    expect(puts()).toHaveLength(14);
  });

  it('a 429 storm pauses every worker; each tenant is switched once and none fails', async () => {
    const {cli, plan, putsApplied, puts, toTheFirst} = await world({ratePerSecond: 3});
    await cli(['plan', '--out', plan]);
    toTheFirst();
    const run = await cli(['apply', plan, '--yes', '--json', '--concurrency', '8']);
    expect(run.code).toBe(0);
    expect(json(run.stdout).summary).toEqual({switched: 14});
    expect(puts().some((request) => request.status === 429)).toBe(true);
    expect(run.stderr).toMatch(
      /The platform asks to slow down \(429, \d+ so far\): every request waits \d+ s, then \d+ at a time\./,
    );
    const applied = putsApplied().map((request) => request.path);
    expect(new Set(applied).size).toBe(14);
    expect(applied).toHaveLength(14);
  });

  it('stops after --max-failures failures in a row, sends nothing more, and a rerun finishes the plan', async () => {
    const {cli, plan, sandbox, puts, putsApplied, toTheFirst} = await world();
    await cli(['plan', '--out', plan]);
    toTheFirst();
    sandbox.faults.add({method: 'PUT', path: /\/pricing$/, status: 503, body: 'Service Unavailable'});
    const run = await cli(['apply', plan, '--yes', '--json', '--max-failures', '3', '--concurrency', '1']);
    expect(run.code).toBe(4);
    expect(puts()).toHaveLength(3);
    const document = json(run.stdout);
    expect(document).toMatchObject({stopped: 'failures', summary: {failed: 3, 'not-sent': 11}});
    expect(run.stderr).toContain('Stopped after 3 failures in a row (--max-failures 3)');
    sandbox.faults.clear();
    const rerun = await cli(['apply', plan, '--yes', '--json']);
    expect(rerun.code).toBe(0);
    expect(json(rerun.stdout).summary).toEqual({switched: 14});
    expect(putsApplied()).toHaveLength(14);
  });

  it('usage: a missing or unreadable plan, --check with --dry-run, a bad --concurrency: exit 2, nothing sent', async () => {
    const {cli, puts, folder, sandbox} = await world();
    const none = await cli(['apply']);
    expect(none).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('tenant-mode apply takes one plan file'),
    });
    const missing = await cli(['apply', join(folder, 'nope.json'), '--yes']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json: there is no such file or folder. Nothing was sent.');
    writeFileSync(join(folder, 'other.json'), '{"kind": "something-else"}\n', {mode: 0o600});
    const foreign = await cli(['apply', join(folder, 'other.json'), '--yes', '--json']);
    expect(foreign.code).toBe(2);
    expect(JSON.parse(foreign.stdout).error.message).toContain('not a tenant-mode plan');
    expect(cliSchemaErrors('error', JSON.parse(foreign.stdout))).toEqual([]);
    const both = await cli(['apply', join(folder, 'other.json'), '--check', '--dry-run']);
    expect(both).toMatchObject({code: 2, stderr: expect.stringContaining('give one')});
    const concurrency = await cli(['apply', join(folder, 'other.json'), '--concurrency', '0']);
    expect(concurrency.stderr).toContain('--concurrency must be a whole number from 1 to 32 (got 0)');
    const forgotten = await runInProcess(
      ['apply', 'plan.json', '--url', '--client-id', 'x'],
      {},
      {clock: sandbox.clock},
    );
    expect(forgotten).toMatchObject({code: 2, stderr: expect.stringContaining('--url needs a value')});
    const hex = await cli(['apply', join(folder, 'other.json'), '--concurrency', '0x10']);
    expect(hex.stderr).toContain('--concurrency must be a whole number from 1 to 32 (got 0x10)');
    writeFileSync(join(folder, 'empty.json'), '\n', {mode: 0o600});
    const empty = await cli(['apply', join(folder, 'empty.json'), '--yes']);
    expect(empty).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('empty.json: the file is empty, not a plan.'),
    });
    expect(puts()).toHaveLength(0);
  });

  it('a plan split by folder (as jq writes it, re-formatted) applies as a plan of its own', async () => {
    const {cli, plan, folder, putsApplied, toTheFirst} = await world();
    await cli(['plan', '--out', plan]);
    toTheFirst();
    const whole = JSON.parse(readFileSync(plan, 'utf8'));
    const part = join(folder, 'retail.json');
    const retail = whole.tenants.filter((tenant: {path: string[]}) => tenant.path[1] === 'Retail');
    writeFileSync(part, `${JSON.stringify({...whole, tenants: retail}, null, 2)}\n`);
    const run = await cli(['apply', part, '--yes', '--json']);
    expect(run.code).toBe(0);
    expect(json(run.stdout).tenants.map((tenant) => tenant.name)).toEqual(['Contoso', 'Fabrikam Stores']);
    expect(putsApplied()).toHaveLength(2);
  });

  it('Ctrl+C sends no new PUT, lets those in flight finish and records them, exits 130; a rerun finishes', async () => {
    const {sandbox, cli, plan, puts, putsApplied, toTheFirst, config} = await world();
    await cli(['plan', '--out', plan]);
    toTheFirst();
    // Each PUT takes 40 ms of real time: the interruption comes while two are in flight.
    sandbox.faults.add({method: 'PUT', path: /\/pricing$/, delayMs: 40});
    const interrupt = new AbortController();
    const watch = setInterval(() => {
      if (puts().length >= 4) interrupt.abort();
    }, 2);
    const run = await runInProcess(
      [
        'apply',
        plan,
        '--yes',
        '--json',
        '--concurrency',
        '2',
        '--url',
        sandbox.url,
        '--client-id',
        sandbox.clientId,
      ],
      {TENANT_MODE_CLIENT_SECRET: sandbox.clientSecret, TENANT_MODE_CONFIG_DIR: config},
      {clock: sandbox.clock, interrupt: interrupt.signal},
    );
    clearInterval(watch);
    expect(run.code).toBe(130);
    const document = json(run.stdout);
    expect(document.stopped).toBe('interrupted');
    const sent = puts().length;
    expect(sent).toBeLessThanOrEqual(6);
    // Every PUT sent has its outcome: none was cut off.
    expect(document.summary).toEqual({switched: sent, 'not-sent': 14 - sent});
    const lines = readFileSync(`${plan}.results.jsonl`, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.filter((line) => line.kind === 'outcome')).toHaveLength(sent);
    expect(run.stderr).toContain('Interrupted: no new switch was sent; those in flight finished');
    sandbox.faults.clear();
    const rerun = await cli(['apply', plan, '--yes', '--json']);
    expect(rerun.code).toBe(0);
    expect(putsApplied()).toHaveLength(14);
    expect(puts()).toHaveLength(14);
  });

  it('an outcome nobody can read is unknown (exit 5); the rerun reads it again and sends nothing more', async () => {
    const {sandbox, cli, plan, puts, toTheFirst, mode} = await world();
    await cli(['plan', '--out', plan]);
    toTheFirst();
    const acme = [...sandbox.world.tenants.values()].find((tenant) => tenant.name === 'Acme Corp')?.id ?? '';
    // The PUT is carried out but its answer is lost, and the pricing cannot be read afterwards.
    sandbox.faults.add({method: 'PUT', path: `/tenants/${acme}/pricing`, drop: 'after'});
    // (The read before the PUT goes through; the re-reads after it do not.)
    sandbox.faults.add({
      method: 'GET',
      path: `/tenants/${acme}/pricing`,
      status: 503,
      body: 'Service Unavailable',
      skip: 1,
    });
    const run = await cli(['apply', plan, '--yes', '--json']);
    expect(run.code).toBe(5);
    const document = json(run.stdout);
    expect(document.summary).toEqual({unknown: 1, switched: 13});
    expect(run.stderr).toContain('outcome unknown: apply again to re-read it');
    expect(mode('Acme Corp')).toBe('production');
    sandbox.faults.clear();
    const rerun = await cli(['apply', plan, '--yes', '--json']);
    expect(rerun.code).toBe(0);
    expect(json(rerun.stdout).tenants.find((tenant) => tenant.name === 'Acme Corp')).toMatchObject({
      outcome: 'switched-confirmed-by-reread',
      puts: 0,
    });
    expect(puts()).toHaveLength(14);
  });

  it('an audit log that cannot be written sends nothing (exit 2), as for switch', async () => {
    const {cli, plan, puts, toTheFirst, config} = await world();
    await cli(['plan', '--out', plan]);
    toTheFirst();
    mkdirSync(join(config, 'audit.log'), {recursive: true});
    const run = await cli(['apply', plan, '--yes']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /The audit log .*audit\.log cannot be written \(it is not a regular file\)\. Nothing was sent\./,
    );
    expect(puts()).toHaveLength(0);
  });

  it('Ctrl+C during a long 429 pause ends the wait at once: exit 130, nothing more sent', async () => {
    const clock = new ManualClock(fixedNow, {sleeps: 'held'});
    const {sandbox, cli, plan, puts, config} = await world({clock});
    await cli(['plan', '--out', plan]);
    clock.advance(firstOfDecember - clock.now());
    // Every PUT is refused for a minute; the clock does not move, so the pause would last for ever.
    sandbox.faults.add({
      method: 'PUT',
      path: /\/pricing$/,
      status: 429,
      headers: {'Retry-After': '60'},
      body: {error: {code: 'too_many_requests', message: 'Slow down.'}},
    });
    const interrupt = new AbortController();
    const watch = setInterval(() => {
      if (puts().length >= 1) setTimeout(() => interrupt.abort(), 50);
    }, 5);
    const started = performance.now();
    const run = await runInProcess(
      ['apply', plan, '--yes', '--json', '--url', sandbox.url, '--client-id', sandbox.clientId],
      {TENANT_MODE_CLIENT_SECRET: sandbox.clientSecret, TENANT_MODE_CONFIG_DIR: config},
      {clock, interrupt: interrupt.signal},
    );
    clearInterval(watch);
    expect(run.code).toBe(130);
    expect(performance.now() - started).toBeLessThan(3000);
    const sent = puts().length;
    expect(sent).toBeLessThanOrEqual(4);
    expect(json(run.stdout)).toMatchObject({stopped: 'interrupted'});
    expect(
      sandbox.requests.filter((request) => request.method === 'PUT' && request.status === 200),
    ).toHaveLength(0);
  });

  it('a plan saved by an editor with a byte-order mark, CRLF lines and upper-case UUIDs still applies', async () => {
    const {cli, plan, putsApplied, toTheFirst} = await world();
    await cli(['plan', '--out', plan, '--only', 'Acme Corp']);
    toTheFirst();
    const text = readFileSync(plan, 'utf8');
    const edited = `\uFEFF${text.replace(/"id":"([0-9a-f-]{36})"/g, (_all, id: string) => `"id":"${id.toUpperCase()}"`).replaceAll('\n', '\r\n')}`;
    writeFileSync(plan, edited, {mode: 0o600});
    const run = await cli(['apply', plan, '--yes', '--json']);
    expect(run.code).toBe(0);
    expect(json(run.stdout).summary).toEqual({switched: 1});
    expect(putsApplied()).toHaveLength(1);
  });
});

describe('hardening, second round: every wait of an apply ends', () => {
  it.each([
    ['99999999999 seconds', '99999999999', /the platform asks for 99,999,999,999 s/],
    [
      'an HTTP-date in the year 9999',
      'Fri, 31 Dec 9999 23:59:59 GMT',
      /the platform asks for 25\d,\d{3},\d{3},\d{3} s/,
    ],
  ])(
    'a 429 asking for %s pauses every request 60 s, says so, and the apply finishes',
    async (_what, retryAfter, asked) => {
      const {sandbox, cli, plan, putsApplied, toTheFirst} = await world();
      await cli(['plan', '--out', plan]);
      toTheFirst();
      sandbox.faults.add({
        method: 'GET',
        path: /\/pricing$/,
        status: 429,
        headers: {'Retry-After': retryAfter},
        body: {error: {code: 'too_many_requests', message: 'Slow down.'}},
        times: 1,
      });
      const run = await cli(['apply', plan, '--yes', '--json']);
      expect(run.stderr).toMatch(asked);
      expect(run.stderr).toContain('; every request waits 60 s (the longest pause tenant-mode takes)');
      expect(run.stderr).not.toContain('TimeoutOverflowWarning');
      expect(json(run.stdout).summary).toEqual({switched: 14});
      expect(run.code).toBe(0);
      expect(putsApplied()).toHaveLength(14);
    },
  );
});

describe('hardening, second round: one PUT a tenant, on the planned day only', () => {
  it('a tenant that `switch` is switching at that moment is busy elsewhere: one PUT in all, a rerun settles it', async () => {
    const {sandbox, cli, plan, puts, toTheFirst} = await world();
    await cli(['plan', '--out', plan]);
    toTheFirst();
    const acme = [...sandbox.world.tenants.values()].find((tenant) => tenant.name === 'Acme Corp')?.id ?? '';
    const putsOfAcme = () => puts().filter((request) => request.path.includes(acme));
    sandbox.faults.add({method: 'PUT', path: `/tenants/${acme}/pricing`, delayMs: 1500, times: 1});
    // The same config folder, so the same locks: as an operator's `switch` and a cron job's `apply` would share.
    const switching = cli(['switch', 'Acme Corp', '--yes']);
    while (putsOfAcme().length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const run = await cli(['apply', plan, '--yes', '--json']);
    expect(json(run.stdout).tenants.find((tenant) => tenant.id === acme)).toMatchObject({
      outcome: 'busy',
      puts: 0,
    });
    expect(json(run.stdout).summary).toEqual({switched: 13, busy: 1});
    expect(run.stderr).toContain('busy elsewhere (another switch of it was running): not sent, apply again');
    expect(run.code).toBe(4);
    expect((await switching).code).toBe(0);
    expect(putsOfAcme()).toHaveLength(1);
    const again = await cli(['apply', plan, '--yes', '--json']);
    expect(json(again.stdout).tenants.find((tenant) => tenant.id === acme)).toMatchObject({
      outcome: 'nothing-to-do',
    });
    expect(again.code).toBe(0);
    expect(putsOfAcme()).toHaveLength(1);
  });

  it('a run still going at 00:00 UTC stops sending: the rest not sent, what --not-on-date bills said, exit 4', async () => {
    const {sandbox, clock, cli, plan, puts} = await world();
    await cli(['plan', '--out', plan]);
    clock.advance(Date.UTC(2026, 11, 1, 23, 59, 50) - clock.now());
    sandbox.faults.add({method: 'PUT', path: /\/pricing$/, delayMs: 100});
    // Midnight comes while the third PUT is on its way.
    const midnight = Date.UTC(2026, 11, 2);
    const watch = setInterval(() => {
      if (puts().length >= 3 && clock.now() < midnight) clock.advance(midnight + 1000 - clock.now());
    }, 5);
    const run = await cli(['apply', plan, '--yes', '--json', '--concurrency', '1']);
    clearInterval(watch);
    expect(puts()).toHaveLength(3);
    expect(json(run.stdout)).toMatchObject({stopped: 'day-ended', summary: {switched: 3, 'not-sent': 11}});
    expect(run.stderr).toContain(
      'The planned day ended at 00:00 UTC: 11 tenants were not sent. To finish, run it again with --not-on-date (switching today bills December 2026 in full, as the planned day would):',
    );
    expect(run.code).toBe(4);
  });
});
