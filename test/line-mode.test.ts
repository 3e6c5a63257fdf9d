// The line mode (source/wizard/lines/; docs/wizard.md, "The line mode"): for a screen reader or a terminal that
// cannot move its cursor. Each screen printed once, lists numbered, what is typed echoed and never redrawn, no
// escape code, every line ended; the same steps, checks and confirmation as the full-screen wizard.
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {lineStarter} from './helpers/line-driver.js';
import {requestLines, sandboxPerFile, tenantId} from './helpers/sandbox.js';

const sandbox = sandboxPerFile();
const start = lineStarter(sandbox);
const count = (text: string, part: string) => text.split(part).length - 1;
const puts = (from: number) => requestLines(sandbox.current, from).filter((line) => line.startsWith('PUT'));
let spare = 0;
/** A trial customer of its own, with a name of nine letters: other tests switch the seeded ones. */
function freshTrial(): string {
  const name = `Lineshop${String.fromCharCode(97 + spare++)}`;
  sandbox.current.world.addTenant({name, kind: 'customer', parentId: sandbox.current.tenantId});
  return name;
}

/** A line-mode wizard signed in to the sandbox, at the pricing of this trial customer (found by its name). */
async function atPricing(name: string) {
  const lines = start();
  await lines.signInToSandbox();
  await lines.answer('Tenant name or UUID: ', name);
  await lines.answer(/Enter: 1\): $/, '');
  await lines.waitFor('Keys: Enter: continue');
  return lines;
}

describe('the line mode', () => {
  it('switches a tenant: each screen once, the name typed a key at a time and echoed, no escape code', async () => {
    const name = freshTrial();
    const lines = start();
    const from = sandbox.current.requests.length;
    await lines.signInToSandbox();
    await lines.answer('Tenant name or UUID:', name);
    await lines.answer(/Tenant \(1 to 1, or text to search; Enter: 1\): $/, '');
    await lines.waitFor('Step 3 of 5: Current pricing');
    lines.input('\r');
    await lines.waitFor('Name: ');
    lines.typeKeys(name);
    lines.input('\r');
    await lines.waitFor(`Done: ${name} is now in production. Status 200 OK.`);
    lines.input('q');
    await lines.waitFor(`${name}: switched to production (200).\n`);
    const transcript = lines.transcript();
    expect(transcript).not.toContain('\u001b');
    // Printed once, whatever was typed into it: the confirmation, its question, its warnings.
    expect(count(transcript, "Type the tenant's name")).toBe(1);
    expect(count(transcript, 'Warning: Not reversible')).toBe(1);
    // The name echoed as typed, on the line of its question, which Enter ended.
    expect(transcript).toContain(`\nName: ${name}\n`);
    expect(transcript.endsWith('\n')).toBe(true);
    expect(lines.exits).toEqual([expect.objectContaining({exitCode: 0, switchesSent: 1})]);
    expect(puts(from)).toHaveLength(1);
  });

  it('numbers a list: a number, text that finds one, text that finds several, and a number not in it', async () => {
    const lines = start();
    await lines.signInToSandbox();
    await lines.answer('Tenant name or UUID:', 'contoso');
    const list = await lines.waitFor(/Enter: 1\): $/);
    expect(list).toMatch(/^1\. Contoso {2}\(customer · trial/m);
    expect(list).toMatch(/^2\. Contoso/m);
    lines.typeKeys('7\r');
    expect(await lines.waitFor(/Enter: 1\): $/)).toContain(
      'Error: 7 is not in the list: type a number from 1 to 2.',
    );
    lines.typeKeys('contoso\r');
    expect(await lines.waitFor(/Enter: 1\): $/)).toContain('2 have "contoso":');
    lines.typeKeys('2\r');
    const pricing = await lines.waitFor('Keys:');
    expect(pricing).toContain('Step 3 of 5: Current pricing');
    expect(pricing).toContain('Contoso');
  });

  it('takes Tab (the HTTP calls, printed once), Esc (back) and Ctrl+C (leave: 130) as the full screen does', async () => {
    const lines = start();
    await lines.signInToSandbox();
    await lines.waitFor('Tenant name or UUID: ');
    lines.typeKeys('Acm');
    lines.input('\t');
    const calls = await lines.waitFor('Tab or Esc: back to the question (what you typed is kept).');
    expect(calls).toContain('HTTP calls of this step:');
    expect(calls).toContain('End of the HTTP calls.');
    expect(count(calls, 'HTTP calls of this step')).toBe(1);
    // While the calls are on show, keys are not the question's (a password manager's "id Tab secret Enter").
    lines.input('x');
    expect(await lines.waitFor('not taken')).toContain('Keys typed here are not taken');
    lines.input('\t');
    await lines.waitFor('Tenant name or UUID: Acm');
    lines.typeKeys('e Corp\r');
    await lines.answer(/Enter: 1\): $/, '1');
    await lines.waitFor('Step 3 of 5');
    lines.input('\u001b');
    expect(await lines.waitFor(/Enter: 1\): $/)).toContain('Step 2 of 5: Choose the tenant');
    lines.input('\u0003');
    expect(await lines.waitFor('No switch was sent.\n')).toContain('Interrupted.');
    expect(lines.exits[0]?.exitCode).toBe(130);
  });

  it('drops keys typed before the confirmation was printed, and says so: nothing is sent', async () => {
    const name = freshTrial();
    const from = sandbox.current.requests.length;
    const lines = await atPricing(name);
    // Enter with the name and its Enter in one input event (a paste): the name was typed before the step was shown.
    lines.input(`\r${name}\r`);
    const confirm = await lines.waitFor('Name: ');
    expect(confirm).toContain(
      `Error: ${name.length + 1} keys were typed before this step was shown and were dropped`,
    );
    expect(count(lines.transcript(), "Type the tenant's name")).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(puts(from)).toEqual([]);
  });

  it('refuses a wrong name with the reason, asks again, and records leaving with Esc as cancelled', async () => {
    const name = freshTrial();
    const from = sandbox.current.requests.length;
    const lines = await atPricing(name);
    lines.input('\r');
    await lines.answer('Name: ', 'Lineshop');
    expect(await lines.waitFor('Name: ')).toContain(
      `Error: That is not the name: you typed "Lineshop". Type ${name}.`,
    );
    lines.input('\u001b');
    await lines.waitFor('Step 3 of 5');
    expect(puts(from)).toEqual([]);
    const audit = readFileSync(lines.audit.path, 'utf8');
    expect(audit).toContain('"kind":"cancelled"');
  });

  it('never echoes the secret, and says a refused one', async () => {
    const lines = start({initialForm: {dataCenter: sandbox.current.url, clientId: sandbox.current.clientId}});
    await lines.answer('Client secret: ', 'not-the-secret');
    await lines.answer('Remember', '1');
    expect(await lines.waitFor('Client secret: ')).toContain('Error:');
    lines.typeKeys(sandbox.current.clientSecret);
    lines.input('\r');
    await lines.waitFor('Step 2 of 5');
    const transcript = lines.transcript();
    expect(transcript).not.toContain('not-the-secret');
    expect(transcript).not.toContain(sandbox.current.clientSecret);
  });

  it('says a refused switch as an error, and r confirms once more', async () => {
    const name = freshTrial();
    const lines = start();
    await lines.signInToSandbox();
    await lines.answer('Tenant name or UUID:', name);
    await lines.answer(/Enter: 1\): $/, '');
    await lines.waitFor('Keys: Enter: continue');
    sandbox.current.faults.add({
      method: 'PUT',
      path: new RegExp(`^/tenants/${tenantId(sandbox.current, name)}/pricing$`),
      status: 503,
      times: 1,
    });
    lines.input('\r');
    await lines.answer('Name: ', name);
    const failed = await lines.waitFor('Keys:');
    expect(failed).toContain('Error: The switch did not go through: status 503 Service Unavailable.');
    expect(await lines.waitFor('\n')).toContain('r: try again (confirm once more)');
    lines.input('r');
    await lines.answer('Name: ', name);
    expect(await lines.waitFor('Keys:')).toContain(`Done: ${name} is now in production.`);
  });

  it('plans the 1st: numbers check and uncheck, + and - all and none, Enter alone writes the plan', async () => {
    const lines = start();
    await lines.signInToSandbox();
    await lines.waitFor('Tenant name or UUID: ');
    lines.input('\u0010');
    const list = await lines.waitFor(/Plan \(\d+ of \d+ checked\): $/);
    expect(list).toMatch(/^1\. .*: in the plan$/m);
    const total = Number(/Plan \(\d+ of (\d+) checked\)/.exec(list)?.[1]);
    lines.typeKeys('-\r');
    expect(await lines.waitFor('checked): ')).toContain(`0 of ${total} in the plan.`);
    lines.typeKeys('1 2-3\r');
    const checked = await lines.waitFor('checked): ');
    expect(checked).toMatch(/^1\. .*: in the plan$/m);
    expect(checked).toMatch(/^3\. .*: in the plan$/m);
    expect(checked).toContain(`3 of ${total} in the plan.`);
    lines.input('\r');
    const written = await lines.waitFor('Keys:');
    expect(written).toContain('Done: Plan written, 3 customers, readable by you only:');
    expect(lines.transcript()).not.toContain('\u001b');
  });
});

// Each from a screen-reader user's review of the line mode (in tmux and a pty, TERM=dumb).
describe('the line mode, as a screen-reader user found it', () => {
  it('keeps the plan’s checks after an error, says only the error, and prints long lists in part', async () => {
    for (let number = 1; number <= 25; number++) {
      sandbox.current.world.addTenant({
        name: `Planned Customer ${number}`,
        kind: 'customer',
        parentId: sandbox.current.tenantId,
      });
    }
    const lines = start();
    await lines.signInToSandbox();
    await lines.waitFor('Tenant name or UUID: ');
    lines.input('\u0010');
    const list = await lines.waitFor(/checked\): $/);
    expect(list).toMatch(/… and \d+ more \(\d+ checked in all\): type part of a name to find one\./);
    lines.typeKeys('-\r');
    await lines.waitFor('checked): ');
    lines.input('\r');
    const refused = await lines.waitFor(/checked\): $/);
    expect(refused).toContain('Error: No customer is checked: check at least one (+ checks all shown).');
    // The error alone: the list is not read out again, and nothing was checked again behind the operator's back.
    expect(refused).not.toContain('1. ');
    expect(refused).toMatch(/Plan \(0 of \d+ checked\): $/);
  });

  it('asks again with an empty field: a refused answer is never printed back to be typed after', async () => {
    const lines = start();
    await lines.signInToSandbox();
    await lines.answer('Tenant name or UUID: ', 'Nobody Such');
    await lines.waitFor(/No tenant|nothing/i);
    await lines.answer('Tenant name or UUID: ', 'Initech');
    expect(await lines.waitFor('…')).toContain('"Initech"');
  });

  it('takes Esc and Tab sent as lines (Emacs): Esc goes back, Tab’s Enter chooses nothing', async () => {
    const lines = start();
    await lines.signInToSandbox();
    await lines.answer('Tenant name or UUID: ', 'contoso');
    await lines.waitFor(/Enter: 1\): $/);
    lines.input('\t\r');
    const calls = await lines.waitFor('Tab or Esc: back to the question.');
    expect(calls).toContain('HTTP calls of this step');
    lines.input('\u001b\r');
    const question = await lines.waitFor(/Enter: 1\): $/);
    expect(question).toContain('Back to the question.');
    expect(lines.transcript()).not.toContain('Step 3 of 5');
    lines.input('\u001b\r');
    const back = await lines.waitFor('Tenant name or UUID: ');
    expect(back).toContain('Keys: Enter: search');
    expect(back).not.toContain('Step 3 of 5');
  });

  it('names a list shown again instead of reading it out, and says which letters are capitals', async () => {
    const lines = start();
    await lines.signInToSandbox();
    await lines.answer('Tenant name or UUID: ', 'Wayne');
    const first = await lines.waitFor(/Enter: \d+\): $/);
    const unit = /^(\d+)\. Wayne R&D/m.exec(first)?.[1] ?? '?';
    lines.typeKeys(`${unit}\r`);
    const again = await lines.waitFor(/Enter: \d+\): $/);
    expect(again).toContain('The list above, again.');
    expect(again).toContain('Error: ');
    expect(again).not.toContain(`${unit}. Wayne R&D`);
    lines.input('\u001b');
    const name = freshTrial();
    await lines.answer('Tenant name or UUID: ', name);
    await lines.answer(/Enter: 1\): $/, '');
    await lines.waitFor('Keys: Enter: continue');
    lines.input('\r');
    await lines.answer('Name: ', name.toLowerCase());
    expect(await lines.waitFor('Name: ')).toContain(`Type ${name}, capitals as shown (L).`);
  });

  it('says the keys again after Tab on a screen with no question, and for a key it does not take', async () => {
    const lines = start();
    await lines.signInToSandbox();
    // Initech is in production: its pricing screen asks nothing.
    await lines.answer('Tenant name or UUID: ', 'Initech');
    await lines.answer(/Enter: 1\): $/, '');
    await lines.waitFor('Keys: Esc: back');
    lines.input('\t');
    expect(await lines.waitFor('Keys: Esc: back')).toContain('End of the HTTP calls.');
    lines.input('x');
    await lines.waitFor('Keys: Esc: back');
    lines.input('y');
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Once a screen: a second stray key adds nothing.
    expect(lines.transcript().endsWith('Ctrl+C: quit.\n')).toBe(true);
  });
});

describe('wrapWords', () => {
  it('breaks between words to fit, indents what follows, and never splits a word', async () => {
    const {wrapWords} = await import('../source/wizard/lines/line-wizard.js');
    expect(wrapWords('Keys: Enter: search; Esc: account; Ctrl+P: plan the 1st; Tab: HTTP calls', 40)).toEqual(
      ['Keys: Enter: search; Esc: account;', '  Ctrl+P: plan the 1st; Tab: HTTP calls'],
    );
    expect(wrapWords('short', 40)).toEqual(['short']);
  });
});

// Each from a hostile tester's review of the line mode (a pty driver, tmux, faults files).
describe('the line mode, as a hostile tester found it', () => {
  /** At the confirmation of a fresh trial customer, typed as a person does. */
  async function atConfirmation(name = freshTrial()) {
    const lines = await atPricing(name);
    lines.pause();
    lines.input('\r');
    await lines.waitFor('Name: ');
    return {lines, name};
  }

  it('drops a name that comes too soon after the confirmation was printed (a paste cut in two)', async () => {
    const name = freshTrial();
    const lines = await atPricing(name);
    const from = sandbox.current.requests.length;
    // The Enter, then the name in the next read, no time between them: nobody read the confirmation.
    lines.input('\r');
    await lines.waitFor('Name: ');
    lines.input(`${name}\r`);
    expect(await lines.waitFor('Name: ')).toContain(
      `Error: ${name.length + 1} keys were typed before this step`,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(puts(from)).toEqual([]);
    // Typed once it could be read, it confirms.
    lines.typeKeys(`${name}\r`);
    await lines.waitFor(`Done: ${name} is now in production.`);
    expect(puts(from)).toHaveLength(1);
  });

  it('confirms a name with nothing to see by its UUID only: an empty answer never confirms', async () => {
    const blank = sandbox.current.world.addTenant({
      name: '\u00a0',
      kind: 'customer',
      parentId: sandbox.current.tenantId,
    });
    const lines = start();
    const from = sandbox.current.requests.length;
    await lines.signInToSandbox();
    await lines.answer('Tenant name or UUID: ', blank.id);
    await lines.waitFor('Keys: Enter: continue');
    lines.pause();
    lines.input('\r');
    const confirm = await lines.waitFor('UUID: ');
    expect(confirm).toContain(`Type its UUID, ${blank.id}, to confirm.`);
    lines.typeKeys('\r');
    expect(await lines.waitFor(`type ${blank.id}.\nUUID: `)).toContain('Error: That is not its UUID');
    expect(puts(from)).toEqual([]);
    lines.typeKeys(`${blank.id}\r`);
    await lines.waitFor('is now in production.');
    expect(puts(from)).toHaveLength(1);
  });

  it('keeps a password manager’s "id, Tab, secret, Enter" out of the client id field: the secret is never printed', async () => {
    const lines = start({initialForm: {dataCenter: sandbox.current.url}});
    await lines.waitFor('API client id: ');
    lines.typeKeys(sandbox.current.clientId);
    for (const key of ['\t', ...sandbox.current.clientSecret, '\r']) lines.input(key);
    await lines.waitFor('not taken');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines.transcript()).not.toContain(sandbox.current.clientSecret);
    // A pasted "not an id ⏎ secret ⏎": the rest after the refusal is not taken either.
    lines.input('\t');
    lines.input(`not-an-id\r${sandbox.current.clientSecret}\r`);
    expect(await lines.waitFor('was not taken.')).toContain('A client id is a UUID');
    expect(lines.transcript()).not.toContain(sandbox.current.clientSecret);
  });

  it('q typed during the switch quits after it with the switch’s own exit code, not "in flight"', async () => {
    const {lines, name} = await atConfirmation();
    sandbox.current.faults.add({
      method: 'PUT',
      path: new RegExp(`^/tenants/${tenantId(sandbox.current, name)}/pricing$`),
      delayMs: 300,
      times: 1,
    });
    lines.typeKeys(`${name}\r`);
    await lines.waitFor('Switching');
    lines.input('q');
    await lines.waitFor(`${name}: switched to production (200).\n`);
    expect(lines.exits[0]?.exitCode).toBe(0);
    expect(lines.transcript()).not.toContain('Interrupted');
  });

  it('records leaving the confirmation with Ctrl+C (or SIGTERM) as cancelled', async () => {
    const {lines, name} = await atConfirmation();
    lines.input('\u0003');
    await lines.waitFor('No switch was sent.');
    const audit = readFileSync(lines.audit.path, 'utf8');
    expect(audit).toContain(`"tenant_name":"${name}"`);
    expect(audit).toContain('"outcome":"cancelled-by-operator"');
  });
});

describe('wrapWords, continued', () => {
  it('keeps an indented line’s indent (a list entry’s details, JSON) and continues two spaces further in', async () => {
    const {wrapWords} = await import('../source/wizard/lines/line-wizard.js');
    expect(wrapWords('   Northwind Partners / Retail · 57bf7684-ebe9-564c-8ebc-a2bdb7d61155', 40)).toEqual([
      '   Northwind Partners / Retail ·',
      '     57bf7684-ebe9-564c-8ebc-a2bdb7d61155',
    ]);
  });
});
