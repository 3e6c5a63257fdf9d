import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {requestLines, sandboxPerFile, tenantId} from './helpers/sandbox.js';
import {keys, wizardStarter} from './helpers/wizard-driver.js';

// Issue "The wizard in any terminal", items 3 and 4: what fast hands and pastes send, and the keys of a shell.
const sandbox = sandboxPerFile();
const start = wizardStarter(sandbox);
const puts = (from: number) => requestLines(sandbox.current, from).filter((line) => line.startsWith('PUT'));

describe('typing at paste speed', () => {
  it('a name pasted with its Enter in one chunk is searched, not browsed', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.waitFor('Tenant name or UUID:');
    wizard.instance.stdin.write('Initech\r');
    expect(await wizard.waitFor(/tenant matches|tenants match/)).toContain('1 tenant matches "Initech"');
  });

  it('the confirmation typed with its Enter in one chunk switches, once', async () => {
    const wizard = start();
    await wizard.toConfirmStep('Acme Corp');
    const from = sandbox.current.requests.length;
    wizard.instance.stdin.write('Acme Corp\r');
    expect(await wizard.waitFor(/now in production|✘/)).toContain('Acme Corp is now in production');
    expect(puts(from)).toHaveLength(1);
  });

  it('keys written faster than a render all count, in order', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.waitFor('Tenant name or UUID:');
    for (const key of ['I', 'n', 'i', 't', 'e', 'c', 'x', keys.backspace, 'h'])
      wizard.instance.stdin.write(key);
    await wizard.waitFor('Tenant name or UUID: Initech');
    wizard.instance.stdin.write(keys.enter);
    expect(await wizard.waitFor('1 tenant matches')).toContain('"Initech"');
  });
});

describe('a long paste', () => {
  it('stays on one line at 40 columns, a window that follows the cursor; Enter searches it whole', async () => {
    const wizard = start({columns: 40, rows: 12});
    await wizard.signInToSandbox();
    await wizard.waitFor('Tenant name or UUID:');
    const pasted = `${'abcdefghij'.repeat(20)}XYZ`;
    wizard.instance.stdin.write(pasted);
    const frame = await wizard.waitFor('hijXYZ');
    const field = frame.split('\n').find((line) => line.startsWith('Tenant name or UUID:')) ?? '';
    expect(field).toMatch(/^Tenant name or UUID: …[a-j]+XYZ/);
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(40);
    expect(frame).toContain('Step 2/5');
    // Ctrl+A: the start of the value, the rest marked as cut.
    wizard.instance.stdin.write('\u0001');
    const home = await wizard.waitFor(/Tenant name or UUID: abcdefghij.*…/);
    expect(home).not.toContain('XYZ');
    wizard.instance.stdin.write(keys.enter);
    expect(await wizard.waitFor(/No tenant|match/)).toContain('abcdefghij');
  });
});

describe('wide characters', () => {
  it('a pasted CJK name stays on one line at 40 columns, counted in cells as Ink draws it', async () => {
    const wizard = start({columns: 40, rows: 12});
    await wizard.signInToSandbox();
    await wizard.waitFor('Tenant name or UUID:');
    wizard.instance.stdin.write(`${'漢'.repeat(28)}字`);
    const frame = await wizard.waitFor('字');
    const field = frame.split('\n').find((line) => line.startsWith('Tenant name or UUID:')) ?? '';
    expect(field).toContain('…');
    expect(stringWidth(field)).toBeLessThanOrEqual(40);
    for (const line of frame.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(40);
  });
});

describe('the keys people’s hands know', () => {
  it('Ctrl+U clears the masked secret instead of typing a "u" into it', async () => {
    const wizard = start({
      props: {initialForm: {dataCenter: sandbox.current.url, clientId: sandbox.current.clientId}},
    });
    await wizard.waitFor('Client secret:');
    wizard.instance.stdin.write('a-wrong-start');
    await wizard.waitFor(`Client secret: ${'*'.repeat(13)}`);
    wizard.instance.stdin.write('\u0015');
    wizard.instance.stdin.write(`${sandbox.current.clientSecret}\r`);
    await wizard.waitFor('Remember these credentials');
    expect(wizard.allFrames()).not.toContain(sandbox.current.clientSecret);
  });

  it('Home, Ctrl+W, Alt+B and Delete edit the search like a shell line', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.waitFor('Tenant name or UUID:');
    wizard.instance.stdin.write('Fabrikam Stores extra');
    await wizard.waitFor('Tenant name or UUID: Fabrikam Stores extra');
    wizard.instance.stdin.write('\u0017'); // Ctrl+W: "extra" goes
    wizard.instance.stdin.write('\u001bb'); // Alt+B: to the start of "Stores"
    wizard.instance.stdin.write('\u001b[3~'); // Delete: the "S"
    wizard.instance.stdin.write('S');
    wizard.instance.stdin.write('\u001b[H'); // Home
    wizard.instance.stdin.write('\u001b[3~'); // Delete: the "F"
    wizard.instance.stdin.write('F\r');
    const frame = await wizard.waitFor(/match/);
    expect(frame).toContain('"Fabrikam Stores"');
    expect(frame).toContain(tenantId(sandbox.current, 'Fabrikam Stores'));
  });
});

describe('names as people type them', () => {
  it('the confirmation takes the name without its accents, or pasted decomposed with a trailing space', async () => {
    sandbox.current.world.addTenant({
      name: 'Żabka Sp. z o.o.',
      kind: 'customer',
      parentId: sandbox.current.tenantId,
    });
    const wizard = start();
    await wizard.toConfirmStep('Żabka');
    const from = sandbox.current.requests.length;
    wizard.instance.stdin.write('Z\u0307abka Sp. z o.o. \r');
    expect(await wizard.waitFor(/now in production|✘/)).toContain('is now in production');
    expect(puts(from)).toHaveLength(1);
  });

  it('a search without the accents finds the name with them', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.waitFor('Tenant name or UUID:');
    wizard.instance.stdin.write('muller backerei\r');
    expect(await wizard.waitFor(/match|No tenant/)).toContain('Müller Bäckerei GmbH');
  });
});

describe('the HTTP panel', () => {
  it('is modal: Enter and letters do nothing to the step behind it; Tab or Esc back finds what was typed', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.waitFor('Tenant name or UUID:');
    wizard.instance.stdin.write('Init');
    await wizard.waitFor('Tenant name or UUID: Init');
    const from = sandbox.current.requests.length;
    await wizard.press(keys.tab);
    await wizard.waitFor('HTTP calls of this step');
    await wizard.press(keys.enter);
    await wizard.press('x');
    await wizard.press(keys.tab);
    const back = await wizard.waitForGone('HTTP calls of this step');
    expect(back).toContain('Step 2 of 5');
    expect(back).toContain('Tenant name or UUID: Init');
    // Esc closes it too (as in k9s or lazygit), and does nothing else: the step behind is where it was.
    await wizard.press(keys.tab);
    await wizard.waitFor('HTTP calls of this step');
    await wizard.press(keys.escape);
    const closed = await wizard.waitForGone('HTTP calls of this step');
    expect(closed).toContain('Tenant name or UUID: Init');
    expect(requestLines(sandbox.current, from)).toEqual([]);
  });
});

describe('leaving', () => {
  it('after a refused switch, q leaves with that switch’s exit code and says what the answer was', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.chooseTenant('Fabrikam Stores');
    sandbox.current.faults.add({
      method: 'PUT',
      path: /\/pricing$/,
      status: 409,
      body: {error: {code: 'version_conflict', domain: null, message: 'Changed.', details: {info: null}}},
      times: 1,
    });
    await wizard.press(keys.enter);
    await wizard.waitFor('Type the tenant');
    wizard.instance.stdin.write('Fabrikam Stores\r');
    await wizard.waitFor('did not go through');
    await wizard.press('q');
    expect(wizard.exits[0]).toMatchObject({summary: 'Fabrikam Stores: not switched (409).', exitCode: 1});
  });

  it('Ctrl+C after a successful switch is not an interruption: exit 0', async () => {
    sandbox.current.world.addTenant({
      name: 'Leaving Ltd',
      kind: 'customer',
      parentId: sandbox.current.tenantId,
    });
    const wizard = start();
    await wizard.toConfirmStep('Leaving Ltd');
    wizard.instance.stdin.write('Leaving Ltd\r');
    await wizard.waitFor('is now in production');
    await wizard.press(keys.ctrlC);
    expect(wizard.exits[0]).toMatchObject({reason: 'interrupted', exitCode: 0});
    expect(wizard.exits[0]?.summary).toBe('Leaving Ltd: switched to production (200).');
  });
});

describe('lists', () => {
  const selected = (frame: string) =>
    frame
      .split('\n')
      .find((line) => line.startsWith('❯'))
      ?.slice(2) ?? '';

  it('Esc from the pricing goes back to the list it was chosen from, the tenant still selected', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    wizard.instance.stdin.write('contoso\r');
    await wizard.waitFor('2 tenants match');
    await wizard.pick('Northwind Partners / Retail');
    await wizard.waitFor('Step 3 of 5');
    await wizard.press(keys.escape);
    const list = await wizard.waitFor('2 tenants match');
    const lines = list.split('\n');
    const at = lines.findIndex((line) => line.startsWith('❯'));
    expect(lines[at + 1]).toContain('Northwind Partners / Retail');
  });

  it('Esc in a folder goes up to the list it was opened from, the folder still selected', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.press(keys.enter);
    await wizard.waitFor('Tenants under Northwind Partners');
    await wizard.pick('Retail  (folder');
    // The hint says what Esc does here: up a level, not back to the search.
    expect(await wizard.waitFor('Tenants under Retail (2)')).toContain('Esc up a level');
    await wizard.press(keys.escape);
    const up = await wizard.waitFor('Tenants under Northwind Partners');
    expect(selected(up)).toContain('Retail  (folder');
  });

  it('is sorted by name, says where one is, stops at its ends, and filters as one types', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.press(keys.enter);
    const list = await wizard.waitFor(/1 of \d+ · type to filter/);
    const names = list
      .split('\n')
      .filter((line) => /^[❯ ] \S/.test(line))
      .map((line) => line.slice(2).split('  (')[0] ?? '');
    // The month-start batch first, then the customers by name.
    expect(names[0]).toBe('Plan the 1st of the month…');
    expect(names.slice(1)).toEqual([...names.slice(1)].sort((a, b) => a.localeCompare(b)));
    await wizard.press(keys.up); // at the top: stays there, no silent wrap to the end
    expect(selected(wizard.frame())).toBe(selected(list));
    wizard.instance.stdin.write('glo');
    const filtered = await wizard.waitFor('matching "glo"');
    expect(filtered).toMatch(/1 of 1 matching "glo" \(of \d+\)/);
    expect(selected(filtered)).toContain('Globex');
    await wizard.press(keys.enter);
    expect(await wizard.waitFor('Step 3 of 5')).toContain('Globex');
  });
});

describe('namesakes', () => {
  it('when two tenants share the name, the confirm step says so and which one this is', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    wizard.instance.stdin.write('contoso\r');
    await wizard.waitFor('2 tenants match');
    await wizard.pick('Northwind Partners / Retail');
    await wizard.waitFor('Step 3 of 5');
    await wizard.press(keys.enter);
    const confirm = (await wizard.waitFor('Type the tenant')).replace(/\s+/g, ' ');
    expect(confirm).toMatch(
      /2 tenants are named Contoso: this is the one in Northwind Partners \/ Retail, [0-9a-f-]{36}\./,
    );
    // Back to the pricing and on again: still said (it was lost once). Esc twice: the list it was chosen from.
    await wizard.press(keys.escape);
    await wizard.waitFor('Step 3 of 5');
    await wizard.press(keys.enter);
    expect((await wizard.waitFor('Type the tenant')).replace(/\s+/g, ' ')).toContain(
      '2 tenants are named Contoso',
    );
    await wizard.press(keys.escape);
    await wizard.waitFor('Step 3 of 5');
    await wizard.press(keys.escape);
    expect(await wizard.waitFor('2 tenants match')).toContain('Northwind Partners / Retail');
  });
});

describe('over-long input', () => {
  it('a search longer than a name can be (255) is refused before any request', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.waitFor('Tenant name or UUID:');
    const from = sandbox.current.requests.length;
    wizard.instance.stdin.write(`${'x'.repeat(1099)}\r`);
    expect((await wizard.waitFor('✘')).replace(/\s+/g, ' ')).toContain(
      'A tenant name is at most 255 characters (got 1099)',
    );
    expect(requestLines(sandbox.current, from)).toEqual([]);
  });
});

// Issue "Keys that arrive together…", point 1: each input event is split into keys, handled in order (the tmux
// cases, sent as one write each through Ink's stdin).
describe('keys that arrive together', () => {
  it('"acm" and Ctrl+C at once: Ctrl+C wins, the wizard leaves as interrupted', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.waitFor('Tenant name or UUID:');
    wizard.instance.stdin.write(`acm${keys.ctrlC}`);
    await waitUntil(() => wizard.exits.length > 0);
    expect(wizard.exits.map((exit) => exit.reason)).toEqual(['interrupted']);
  });

  it('Ctrl+C twice at once: the wizard leaves, once', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.waitFor('Tenant name or UUID:');
    wizard.instance.stdin.write(`${keys.ctrlC}${keys.ctrlC}`);
    await waitUntil(() => wizard.exits.length > 0);
    expect(wizard.exits.map((exit) => exit.reason)).toEqual(['interrupted']);
  });

  it('"Acme Corp⏎⏎" at once: searches, then chooses the only match (typing ahead works)', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.waitFor('Tenant name or UUID:');
    wizard.instance.stdin.write(`Acme Corp${keys.enter}${keys.enter}`);
    const pricing = await wizard.waitFor(/Step 3( of |\/)5/);
    expect(pricing).toContain('Acme Corp');
  });

  it('Enter Enter at once on the pricing: the confirmation opens, the second Enter is dropped and said', async () => {
    const name = freshTrial();
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.chooseTenant(name);
    const from = sandbox.current.requests.length;
    wizard.instance.stdin.write(`${keys.enter}${keys.enter}`);
    const confirm = await wizard.waitFor('typed before this step was shown');
    expect(confirm).toContain(
      'A key was typed before this step was shown and was dropped: type the name again.',
    );
    expect(confirm).toContain('Type the tenant');
    expect(puts(from)).toEqual([]);
  });

  it('the name typed ahead with the Enter that opens the confirmation never confirms: dropped, no PUT', async () => {
    const name = freshTrial();
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.chooseTenant(name);
    const from = sandbox.current.requests.length;
    wizard.instance.stdin.write(`${keys.enter}${name}${keys.enter}`);
    expect(await wizard.waitFor('typed before this step was shown')).toContain('2 keys were typed');
    expect(puts(from)).toEqual([]);
    // Typed once the step is on screen, the name confirms.
    await wizard.type(name);
    await wizard.press(keys.enter);
    expect(await wizard.waitFor(/now in production|did not go through/)).toContain(
      `${name} is now in production`,
    );
    expect(puts(from)).toHaveLength(1);
  });

  it('Tab, Tab and a name with Enter at once: the panel opens and closes, then the name is searched', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.waitFor('Tenant name or UUID:');
    wizard.instance.stdin.write(`${keys.tab}${keys.tab}Fabrikam Stores${keys.enter}`);
    expect(await wizard.waitFor(/tenant matches|tenants match/)).toContain('"Fabrikam Stores"');
  });

  it('Tab, Enter and a name with Enter at once: the panel opens and, being modal, takes none of the rest', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.waitFor('Tenant name or UUID:');
    const from = sandbox.current.requests.length;
    wizard.instance.stdin.write(`${keys.tab}${keys.enter}Fabrikam Stores${keys.enter}`);
    await wizard.waitFor('HTTP calls of this step');
    await wizard.press(keys.tab);
    const back = await wizard.waitForGone('HTTP calls of this step');
    expect(back).toMatch(/Tenant name or UUID: *$/m);
    expect(requestLines(sandbox.current, from)).toEqual([]);
  });

  it('keys that follow the Tab closing the panel, before it is redrawn, act on the step behind it', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.waitFor('Tenant name or UUID:');
    await wizard.press(keys.tab);
    await wizard.waitFor('HTTP calls of this step');
    // Two reads of the terminal, no render between them: a fast typist's Tab, then the name (CI once lost an Enter so).
    wizard.instance.stdin.write(keys.tab);
    wizard.instance.stdin.write(`Fabrikam Stores${keys.enter}`);
    expect(await wizard.waitFor(/tenant matches|tenants match/)).toContain('"Fabrikam Stores"');
  });

  it('Enter typed while a search runs waits, is said, and then chooses the only match', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.waitFor('Tenant name or UUID:');
    sandbox.current.faults.add({method: 'GET', path: '/search', delayMs: 400, times: 1});
    wizard.instance.stdin.write(`Initech${keys.enter}`);
    await wizard.waitFor('Searching');
    wizard.instance.stdin.write(keys.enter);
    expect(await wizard.waitFor('1 key typed')).toContain('it acts once the next screen is shown');
    const pricing = await wizard.waitFor(/Step 3( of |\/)5/);
    expect(pricing).toContain('Initech');
    expect(pricing).not.toContain('key typed');
  });
});

/** A wizard at step 2 whose search for `name` is under way, its answer 400 ms off. */
async function searchingSlowly(name: string) {
  const wizard = start();
  await wizard.signInToSandbox();
  await wizard.waitFor('Tenant name or UUID:');
  sandbox.current.faults.add({method: 'GET', path: '/search', delayMs: 400, times: 1});
  wizard.instance.stdin.write(`${name}${keys.enter}`);
  await wizard.waitFor('Searching');
  return wizard;
}

describe('keys typed during a request, with the HTTP panel opened meanwhile', () => {
  it('wait until the panel is closed, then act on the step — never dropped unsaid', async () => {
    const wizard = await searchingSlowly('Contoso');
    wizard.instance.stdin.write(keys.down);
    wizard.instance.stdin.write(keys.enter);
    await wizard.waitFor('2 keys typed');
    await wizard.press(keys.tab);
    await wizard.waitFor('HTTP calls of this step');
    // The results arrive behind the panel; the keys still wait.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(wizard.frame()).toContain('HTTP calls of this step');
    await wizard.press(keys.tab);
    // ↓ then Enter: the second Contoso is chosen, and its pricing read.
    const pricing = await wizard.waitFor(/Step 3( of |\/)5/);
    expect(pricing).toContain('Contoso');
    expect(pricing).not.toContain('key typed');
  });
});

describe('keys typed at the HTTP panel while a request runs', () => {
  it('are the panel’s: they never act on the step behind it', async () => {
    const wizard = await searchingSlowly('Contoso');
    await wizard.press(keys.tab);
    await wizard.waitFor('HTTP calls of this step');
    wizard.instance.stdin.write(keys.down);
    wizard.instance.stdin.write(keys.enter);
    await new Promise((resolve) => setTimeout(resolve, 600));
    await wizard.press(keys.tab);
    await wizard.waitFor('2 tenants match');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(wizard.frame()).toContain('2 tenants match');
    expect(wizard.frame()).not.toMatch(/Step 3( of |\/)5/);
  });

  it('Esc drops the keys that waited, as the screen says, and closes the panel', async () => {
    const wizard = await searchingSlowly('Contoso');
    wizard.instance.stdin.write(keys.down);
    wizard.instance.stdin.write(keys.enter);
    expect(await wizard.waitFor('2 keys typed')).toContain('Esc drops them');
    await wizard.press(keys.tab);
    await wizard.waitFor('HTTP calls of this step');
    await new Promise((resolve) => setTimeout(resolve, 600));
    await wizard.press(keys.escape);
    const list = await wizard.waitFor('2 tenants match');
    expect(list).not.toContain('keys typed');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(wizard.frame()).not.toMatch(/Step 3( of |\/)5/);
  });
});

let spare = 0;
/** A trial customer of its own: other tests in this file switch the seeded ones. */
function freshTrial(): string {
  const name = `Typed Ahead ${++spare}`;
  sandbox.current.world.addTenant({name, kind: 'customer', parentId: sandbox.current.tenantId});
  return name;
}

async function waitUntil(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
