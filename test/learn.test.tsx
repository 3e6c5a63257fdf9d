import {execFile} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {scenarioNamed} from '../source/sandbox/index.js';
import {Lesson} from '../source/wizard/lesson.js';
import {newConfigDirectory, runInProcess, sandboxCli} from './helpers/cli.js';
import {sandboxPerFile, tenantId} from './helpers/sandbox.js';
import {keys, wizardStarter} from './helpers/wizard-driver.js';

// tenant-mode learn (docs/onboarding.md): the wizard as a lesson on the sandbox, its transcript, and the scenarios
// a trainer stages.

const sandbox = sandboxPerFile();
const start = wizardStarter(sandbox);
const run = promisify(execFile);

/** A lesson at 80×24: the sandbox chosen, signed in, the account screen's panel open by itself. */
async function signedInLesson(lesson: Lesson) {
  const wizard = start({columns: 80, rows: 24, services: {lesson}});
  // Step 1 opens with its explanation in the panel: Esc closes it, and the sandbox is chosen.
  await wizard.waitFor('Step 1, sign in');
  await wizard.press(keys.escape);
  await wizard.waitFor('Which data center');
  await wizard.press(keys.enter);
  return wizard;
}

/** A lesson from its start to step 5's panel: the customer searched, chosen, its pricing read, its name typed. */
async function switchedInLesson(lesson: Lesson, name: string) {
  const wizard = await signedInLesson(lesson);
  await wizard.waitFor('Step 1, signed in.');
  await wizard.press(keys.escape);
  await wizard.press(keys.enter);
  await wizard.waitFor('Step 2, choose the customer');
  await wizard.press(keys.escape);
  await wizard.type(name);
  await wizard.press(keys.enter);
  await wizard.waitFor('1 tenant matches');
  await wizard.press(keys.enter);
  await wizard.waitFor(`Step 3, read ${name}'s pricing`);
  await wizard.press(keys.escape);
  await wizard.press(keys.enter);
  await wizard.waitFor('Step 4, confirm');
  await wizard.press(keys.escape);
  await wizard.waitFor('Type the tenant');
  // Keys within half a second of the confirmation are dropped (docs/wizard.md).
  await new Promise((resolve) => setTimeout(resolve, 600));
  await wizard.type(name);
  await wizard.press(keys.enter);
  await wizard.waitFor('Step 5, the switch');
  return wizard;
}

describe('a lesson', () => {
  it('at 80×24 shows the token call with its explanation before step 2', async () => {
    const wizard = await signedInLesson(new Lesson());
    const frame = await wizard.waitFor('Step 1, signed in.');
    expect(frame.split('\n')[0]).toMatch(/^Step 1 of 5 · /);
    expect(frame).toContain('❯ ▾ 1. POST /api/2/idp/token → 200 OK');
    expect(frame).toContain("Sign in: exchange the API client's id and secret for a bearer token");
    expect(frame).not.toContain('Step 2 of 5');
    expect(frame.split('\n').length).toBeLessThanOrEqual(24);
    // Typing at the panel, which opened by itself, is said to go nowhere, never lost unsaid; a panel key clears it.
    await wizard.press('A');
    const said = await wizard.waitFor('Keys typed here go nowhere: Esc or Tab shows the step');
    expect(said.split('\n').length).toBe(frame.split('\n').length);
    await wizard.press('\u001b[B');
    await wizard.waitForGone('Keys typed here go nowhere');
  });

  it('a whole lesson: its transcript holds every call made, the guide’s Python, a script that runs, no secret', async () => {
    const lesson = new Lesson();
    const from = sandbox.current.requests.length;
    const wizard = await switchedInLesson(lesson, 'Wayne Enterprises');
    await wizard.press(keys.escape);
    await wizard.waitFor('is now in production');
    await wizard.press('q');

    const transcript = lesson.transcript();
    // Every call the sandbox saw, in the transcript by its method and path.
    const seen = sandbox.current.requests.slice(from);
    expect(seen.length).toBeGreaterThanOrEqual(6);
    expect(lesson.calls).toHaveLength(seen.length);
    for (const request of seen) {
      const path = request.path.split('?')[0] ?? '';
      expect(transcript).toContain(`${request.method} ${path.startsWith('/api/2') ? path : `/api/2${path}`}`);
    }
    expect(transcript).toContain("> Step 3, read Wayne Enterprises's pricing (the guide's steps 3–5)");
    expect(transcript).toContain(
      ">>> response = requests.get(f'{base_url}/tenants/{tenant_id}/pricing', headers=auth)",
    );
    expect(transcript).toContain('Differs: the guide sends the whole pricing object back');
    expect(transcript).toContain('## What was learned');
    // Each step under its heading, its explanation first, then the calls its panel showed: step 3's pricing read
    // (made to open step 3) comes after step 3's heading, not before it.
    const step3 = transcript.indexOf("## Step 3, read Wayne Enterprises's pricing");
    const step4 = transcript.indexOf('## Step 4, confirm');
    const read = transcript.search(/### Call \d+\. GET \/api\/2\/tenants\/[0-9a-f-]{36}\/pricing/);
    expect(step3).toBeGreaterThan(0);
    expect(read).toBeGreaterThan(step3);
    expect(read).toBeLessThan(step4);
    expect(transcript).toContain('## Step 5, the switch');
    expect(transcript).not.toContain(sandbox.current.clientSecret);
    for (const token of sandbox.current.world.tokens.keys()) expect(transcript).not.toContain(token);

    // The script at its end switches another tenant, with the secret from the environment.
    const script = /```python\n([\s\S]*?)\n```/.exec(transcript)?.[1];
    expect(script).toBeDefined();
    const file = join(mkdtempSync(join(tmpdir(), 'tenant-mode-lesson-')), 'switch.py');
    writeFileSync(file, script ?? '');
    const other = tenantId(sandbox.current, 'Müller Bäckerei GmbH');
    const {stdout} = await run('python3', [file, other], {
      env: {...process.env, TENANT_MODE_CLIENT_SECRET: sandbox.current.clientSecret},
    });
    expect(stdout).toContain('PUT pricing: 200');
    expect(sandbox.current.world.tenants.get(other)?.pricing.mode).toBe('production');
    // An unknown tenant and a wrong secret are said, never a traceback.
    const unknown = await run('python3', [file, '00000000-0000-4000-8000-000000000000'], {
      env: {...process.env, TENANT_MODE_CLIENT_SECRET: sandbox.current.clientSecret},
    }).catch((error: {code: number; stderr: string}) => error);
    expect(unknown).toMatchObject({code: 1, stderr: expect.stringContaining('could not be read: 404')});
    const wrong = await run('python3', [file, other], {
      env: {...process.env, TENANT_MODE_CLIENT_SECRET: 'not-the-secret'},
    }).catch((error: {code: number; stderr: string}) => error);
    expect(wrong).toMatchObject({code: 1, stderr: expect.stringContaining('Sign-in failed: 401')});
    expect(String((wrong as {stderr: string}).stderr)).not.toContain('Traceback');
    // Where Python's requests is missing (-S: no site-packages), the script's few lines of urllib stand in.
    const third = tenantId(sandbox.current, 'Acme Corp');
    const bare = await run('python3', ['-S', file, third], {
      env: {...process.env, TENANT_MODE_CLIENT_SECRET: sandbox.current.clientSecret},
    });
    expect(bare.stdout).toContain('PUT pricing: 200');
    expect(sandbox.current.world.tenants.get(third)?.pricing.mode).toBe('production');
  }, 30_000);

  it('the plan at 80×24: its explanation above the calls, said once, and the frame within the terminal', async () => {
    const wizard = await signedInLesson(new Lesson());
    await wizard.waitFor('Step 1, signed in.');
    await wizard.press(keys.escape);
    await wizard.press(keys.enter);
    await wizard.waitFor('Step 2, choose the customer');
    await wizard.press(keys.escape);
    await wizard.waitFor('Tenant name or UUID:');
    await wizard.press('\u0010');
    const panel = await wizard.waitFor(/Planning the 1st \(not in the guide\)[\s\S]*pricing → 200/);
    expect(panel).toContain('"bills a month early" marks those');
    // The plan's own note ("not in the vendor's guide") is the lesson's explanation here: not said twice.
    expect(panel).not.toContain("Planning the 1st is not in the vendor's guide");
    expect(panel.split('\n')[0]).toMatch(/^HTTP calls of this step/);
    expect(panel.split('\n').length).toBeLessThanOrEqual(24);
  });

  it('at 40×12 the explanation scrolls with the calls: the title stays on screen, the frame within 12 rows', async () => {
    const wizard = start({columns: 40, rows: 12, services: {lesson: new Lesson()}});
    await wizard.waitFor('Step 1, sign in');
    await wizard.press(keys.escape);
    await wizard.waitFor('Which data center');
    await wizard.press(keys.enter);
    const opened = await wizard.waitFor('Step 1, signed in.');
    const rows = opened.split('\n');
    expect(rows[0]).toMatch(/^Step 1\/5 · HTTP calls/);
    expect(rows.length).toBeLessThanOrEqual(12);
    expect(rows[2]).toMatch(/^│ 3 calls · 1–\d+\/\d+/);
    // The explanation is read first; End reaches the last call's last line, Home the explanation again.
    await wizard.press('\u001b[F');
    const end = await wizard.waitForGone('Step 1, signed in.');
    expect(end.split('\n')[0]).toMatch(/^Step 1\/5 · HTTP calls/);
    expect(end.split('\n').length).toBeLessThanOrEqual(12);
    await wizard.press('\u001b[H');
    await wizard.waitFor('Step 1, signed in.');
    // Typing at the panel is said to go nowhere, in the words that fit.
    await wizard.press('A');
    const said = await wizard.waitFor('Typed keys go nowhere here: Esc');
    expect(said.split('\n').length).toBeLessThanOrEqual(12);
    // The account screen behind it says its key, even at 40×12.
    await wizard.press(keys.escape);
    await wizard.waitFor(/Continue with this account[\s\S]*Enter choose/);
  });

  it('going back a step keeps the transcript in the order the calls were made', async () => {
    const lesson = new Lesson();
    const wizard = await signedInLesson(lesson);
    await wizard.waitFor('Step 1, signed in.');
    await wizard.press(keys.escape);
    await wizard.press(keys.enter);
    for (const name of ['Acme Corp', 'Initech']) {
      await wizard.waitFor('Step 2, choose the customer');
      await wizard.press(keys.escape);
      // Back from step 3 is the list of matches: Esc again is the search.
      if (name === 'Initech') {
        await wizard.waitFor('1 tenant matches "Acme Corp"');
        await wizard.press(keys.escape);
        await wizard.waitFor('Tenant name or UUID: Acme Corp');
        await wizard.press('\u0015');
      }
      await wizard.waitFor(/Tenant name or UUID: *\n/);
      await wizard.type(name);
      await wizard.press(keys.enter);
      await wizard.waitFor('1 tenant matches');
      await wizard.press(keys.enter);
      await wizard.waitFor(`Step 3, read ${name}'s pricing`);
      // Esc closes the panel, Esc again goes back to step 2.
      await wizard.press(keys.escape);
      await wizard.waitFor('Current pricing');
      await wizard.press(keys.escape);
    }
    await wizard.waitFor('Step 2, choose the customer');
    const transcript = lesson.transcript();
    const numbers = [...transcript.matchAll(/^### Call (\d+)\./gm)].map((match) => Number(match[1]));
    expect(numbers.length).toBe(lesson.calls.length);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(transcript.match(/^## Step 2, choose the customer$/gm)).toHaveLength(3);
  });

  it('conflict: the 409 is real — the re-read shows the new version, and confirming again carries it', async () => {
    const scenario = scenarioNamed('conflict');
    for (const rule of scenario?.faults ?? []) sandbox.current.faults.add(rule);
    const id = tenantId(sandbox.current, 'Fabrikam Stores');
    const before = sandbox.current.world.tenants.get(id)?.pricing.version;
    const from = sandbox.current.requests.length;
    const wizard = await switchedInLesson(new Lesson(scenario), 'Fabrikam Stores');
    // The result's panel opens by itself with the refused PUT; Esc shows the result with the pricing read again.
    await wizard.waitFor('conflict: the pricing changed since it was read');
    await wizard.press(keys.escape);
    const result = await wizard.waitForGone('HTTP calls of this step');
    expect(result).toContain('EUR');
    const puts = () => sandbox.current.requests.slice(from).filter((request) => request.method === 'PUT');
    expect(JSON.parse(puts()[0]?.body ?? '{}').version).toBe(before);
    const now = sandbox.current.world.tenants.get(id)?.pricing.version;
    expect(now).not.toBe(before);
    // r: the new pricing, confirmed once more; the second PUT carries the version read again.
    await wizard.press('r');
    await wizard.waitFor('Step 4, confirm');
    await wizard.press(keys.escape);
    await wizard.waitFor('Type the tenant');
    await new Promise((resolve) => setTimeout(resolve, 600));
    await wizard.type('Fabrikam Stores');
    await wizard.press(keys.enter);
    // The result's explanation opens the panel again: Esc shows the result.
    await wizard.waitFor(/PUT \/api\/2\/tenants\/[0-9a-f-]{36}\/pricing → 200/);
    await wizard.press(keys.escape);
    await wizard.waitFor('is now in production');
    expect(JSON.parse(puts()[1]?.body ?? '{}').version).toBe(now);
    expect(sandbox.current.world.tenants.get(id)?.pricing.mode).toBe('production');
  }, 30_000);

  it('lost-answer: the result’s lesson ends with the re-read explained', async () => {
    const scenario = scenarioNamed('lost-answer');
    for (const rule of scenario?.faults ?? []) sandbox.current.faults.add(rule);
    const lesson = new Lesson(scenario);
    const wizard = await switchedInLesson(lesson, 'Globex');
    await wizard.press('\u001b[F');
    const end = await wizard.waitFor('Not in the guide: its step 9 stops at the status code');
    expect(end).toContain('tenant-mode never sends the PUT again');
    // Its purpose, above it: the read is said to be a re-read.
    const transcript = lesson.transcript();
    expect(transcript).toContain(
      'Read the pricing again after a switch whose answer did not say what happened',
    );
    expect(transcript).toContain('Scenario **lost-answer**');
  }, 30_000);
});

describe('the scenarios', () => {
  it.each([
    ['lost-answer', ['switch', 'Acme Corp', '--yes'], 0, 'IS in production now: the answer was lost'],
    ['conflict', ['switch', 'Acme Corp', '--yes'], 1, '409'],
    ['outage', ['switch', 'Acme Corp', '--yes'], 4, 'still in trial'],
    ['namesakes', ['status', 'Contoso'], 2, 'Contoso'],
    ['already-production', ['switch', 'Initech', '--yes'], 0, 'already in production'],
  ])('%s: stages what it says', async (name, args, code, said) => {
    const scenario = scenarioNamed(name);
    expect(scenario?.lesson.length).toBeGreaterThan(40);
    const world = await (await import('../source/sandbox/index.js')).startSandbox({
      clock: sandbox.current.clock,
    });
    try {
      for (const rule of scenario?.faults ?? []) world.faults.add(rule);
      const result = await sandboxCli(world, newConfigDirectory())(args);
      expect(result.code).toBe(code);
      expect(`${result.stdout}${result.stderr}`).toContain(said);
    } finally {
      await world.close();
    }
  });

  it('rate-limited: more than 3 requests a second are answered 429, and tenant-mode waits as asked', async () => {
    const scenario = scenarioNamed('rate-limited');
    const world = await (await import('../source/sandbox/index.js')).startSandbox({
      clock: sandbox.current.clock,
      ratePerSecond: scenario?.ratePerSecond,
    });
    try {
      const result = await sandboxCli(world, newConfigDirectory())(['plan']);
      expect(result.code).toBe(0);
      expect(world.requests.some((request) => request.status === 429)).toBe(true);
    } finally {
      await world.close();
    }
  });

  it('--scenario help lists them, one line each; an unknown one is refused with the list', async () => {
    const help = await runInProcess(['sandbox', '--scenario', 'help'], {}, {clock: sandbox.current.clock});
    expect(help.code).toBe(0);
    for (const name of [
      'lost-answer',
      'conflict',
      'outage',
      'namesakes',
      'already-production',
      'rate-limited',
    ]) {
      expect(help.stdout).toMatch(new RegExp(`^ {2}${name} +\\S`, 'm'));
    }
    const learnHelp = await runInProcess(['learn', '--scenario', 'help'], {}, {clock: sandbox.current.clock});
    expect(learnHelp.stdout).toBe(help.stdout.replace('tenant-mode sandbox', 'tenant-mode learn'));
    const unknown = await runInProcess(['learn', '--scenario', 'typo'], {}, {clock: sandbox.current.clock});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no scenario "typo"');
  });
});
