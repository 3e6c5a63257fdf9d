import {describe, expect, it} from 'vitest';
import {sandboxPerFile, tenantId} from './helpers/sandbox.js';
import {keys, wizardStarter} from './helpers/wizard-driver.js';

// Issue "The wizard in any terminal", items 1 and 2: every step laid out for the terminal it has.
const sandbox = sandboxPerFile({tenants: 30});
const start = wizardStarter(sandbox);
const lines = (frame: string) => frame.split('\n');

describe('the confirm step in any terminal', () => {
  it.each([
    [40, 12, false],
    [40, 15, false],
    [60, 20, true],
    [80, 24, true],
    [120, 40, true],
  ])(
    'at %i×%i: every warning and the prompt fit, a wrong name too; the exact request with its UUID whole: %s',
    async (columns, rows, withRequest) => {
      const name = `Sized ${columns}x${rows}`;
      sandbox.current.world.addTenant({name, kind: 'customer', parentId: sandbox.current.tenantId});
      const wizard = start({columns, rows});
      await wizard.signInToSandbox();
      await wizard.chooseTenant(name);
      await wizard.press(keys.enter);
      const frame = await wizard.waitFor('Name:');
      expect(lines(frame).length).toBeLessThanOrEqual(rows);
      expect(lines(frame).every((line) => line.length <= columns)).toBe(true);
      expect(frame).toContain('Confirm the switch');
      expect(frame).toContain('Not reversible');
      expect(frame).toMatch(/November 2026/);
      expect(frame).toContain(name);
      if (withRequest) {
        expect(frame).toContain('PUT /api/2/tenants/');
        expect(lines(frame).some((line) => line.includes(tenantId(sandbox.current, name)))).toBe(true);
        expect(frame).toContain('"mode":"production"');
      } else {
        expect(frame).not.toContain('PUT /api/2/tenants/');
      }
      // A wrong name adds its message; the title and every warning stay on screen.
      wizard.instance.stdin.write('Sized\r');
      const wrong = await wizard.waitFor(/not the name/i);
      expect(lines(wrong).length).toBeLessThanOrEqual(rows);
      expect(lines(wrong).every((line) => line.length <= columns)).toBe(true);
      expect(wrong).toContain('Confirm the switch');
      expect(wrong).toContain('Not reversible');
      expect(wrong).toMatch(/November 2026/);
    },
  );

  it('below 40×12 it says how large it needs to be, takes no key, and keeps what was typed', async () => {
    sandbox.current.world.addTenant({name: 'Small Co', kind: 'customer', parentId: sandbox.current.tenantId});
    const wizard = start({columns: 40, rows: 15});
    await wizard.signInToSandbox();
    await wizard.chooseTenant('Small Co');
    await wizard.press(keys.enter);
    await wizard.waitFor('Name:');
    wizard.instance.stdin.write('Small');
    await wizard.waitFor('Name: Small');
    wizard.resize({rows: 11});
    const frame = await wizard.waitFor('Enlarge the terminal');
    expect(frame.replace(/\s+/g, ' ')).toContain('this step needs 40×12 (it is 40×11)');
    expect(frame).not.toContain('Name:');
    // Typed unseen, the rest of the name and Enter do nothing: no switch is confirmed on a step not shown.
    const from = sandbox.current.requests.length;
    wizard.instance.stdin.write(' Co\r');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(wizard.frame()).toContain('Enlarge the terminal');
    expect(sandbox.current.requests.slice(from).filter((request) => request.method === 'PUT')).toHaveLength(
      0,
    );
    // Made larger, the step is drawn whole again, with what was typed before.
    wizard.resize({rows: 12});
    const again = await wizard.waitFor('Name: Small');
    expect(again).toContain('Not reversible');
    wizard.instance.stdin.write(' Co\r');
    await wizard.waitFor('is now in production');
  });
});

describe('below 40×12', () => {
  it('Esc still goes back; Enter and other keys do nothing to a step not on screen', async () => {
    sandbox.current.world.addTenant({name: 'Tiny Co', kind: 'customer', parentId: sandbox.current.tenantId});
    const wizard = start({columns: 40, rows: 15});
    await wizard.signInToSandbox();
    await wizard.chooseTenant('Tiny Co');
    await wizard.press(keys.enter);
    await wizard.waitFor('Name:');
    wizard.resize({columns: 39, rows: 11});
    // What still works is said: Esc and Ctrl+C.
    expect(await wizard.waitFor('Enlarge the terminal')).toMatch(/Esc \w+.*Ctrl\+C quit/s);
    await wizard.press(keys.escape);
    expect(await wizard.waitFor('Step 3/5')).toContain('Enlarge the terminal');
    // Enter on the hidden pricing step would move on to the confirmation: ignored while it cannot be seen.
    await wizard.press(keys.enter);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(wizard.frame()).toContain('Step 3/5');
    wizard.resize({columns: 40, rows: 12});
    expect(await wizard.waitFor('Current pricing')).toContain('Tiny Co');
  });
});

describe('the confirm step with more to say, in any terminal', () => {
  const long = 'Northwind Traders International Holdings Limited Partnership';
  const hidden = 'Evil\u202Eoc.emca Corp';
  it.each([
    [40, 12],
    [40, 14],
    [50, 16],
    [60, 20],
    [60, 24],
    [64, 24],
    [80, 24],
  ])(
    'at %i×%i: namesakes, hidden characters and a long name keep the title, every warning and the UUID, a wrong name too',
    async (columns, rows) => {
      for (const [name, index] of [
        ['Contoso', 0],
        [hidden, 0],
        [long, 0],
      ] as const) {
        if (name !== 'Contoso' && ![...sandbox.current.world.tenants.values()].some((t) => t.name === name)) {
          sandbox.current.world.addTenant({name, kind: 'customer', parentId: sandbox.current.tenantId});
        }
        const wizard = start({columns, rows});
        await wizard.signInToSandbox();
        await wizard.chooseTenant(
          name === hidden ? 'Evil' : name === long ? 'Northwind Traders' : name,
          index,
        );
        await wizard.press(keys.enter);
        await wizard.waitFor('Name:');
        wizard.instance.stdin.write(`${'x'.repeat(900)}\r`);
        const frame = await wizard.waitFor(/not the name/i);
        const shown = lines(frame);
        expect(shown.length, frame).toBeLessThanOrEqual(rows);
        expect(Math.max(...shown.map((line) => line.length)), frame).toBeLessThanOrEqual(columns);
        expect(frame).toContain('Confirm the switch');
        expect(frame).toContain('Not reversible');
        expect(frame.replace(/\s+/g, ' ')).toMatch(/November 2026/);
        if (name === 'Contoso')
          expect(frame.replace(/\s+/g, ' ')).toMatch(/2 tenants (are named|have this name)/);
        if (name === hidden) expect(frame).toMatch(/[Hh]idden|invisible/);
        // Namesakes and hidden characters: the UUID says which tenant this is, whole on a line.
        const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
        if (name !== long)
          expect(
            shown.some((line) => uuid.test(line)),
            frame,
          ).toBe(true);
        wizard.instance.unmount();
      }
    },
  );
});

describe('a wrong name, then a smaller terminal', () => {
  it('the message is worded again for the new size: the title and every warning stay', async () => {
    const wizard = start({columns: 80, rows: 24});
    await wizard.signInToSandbox();
    await wizard.chooseTenant('Contoso');
    await wizard.press(keys.enter);
    await wizard.waitFor('Name:');
    wizard.instance.stdin.write('contoso\r');
    expect(await wizard.waitFor('That is not the name')).toContain('capitals as shown');
    wizard.resize({columns: 40, rows: 12});
    const small = await wizard.waitFor('Not the name: capitals count.');
    expect(lines(small).length, small).toBeLessThanOrEqual(12);
    expect(small).toContain('Confirm the switch');
    expect(small).toContain('Not reversible');
  });
});

describe('resizing', () => {
  it('narrowing mid-step lays the step out again, at the new width', async () => {
    const wizard = start({columns: 120, rows: 40});
    await wizard.signInToSandbox();
    await wizard.chooseTenant('Acme Corp');
    await wizard.press(keys.enter);
    const wide = await wizard.waitFor('Name:');
    expect(lines(wide).some((line) => line.length > 80)).toBe(true);
    wizard.resize({columns: 50, rows: 20});
    const narrow = await wizard.waitFor(/^PUT \/api\/2\/tenants\/$/m);
    expect(lines(narrow).every((line) => line.length <= 50)).toBe(true);
    expect(narrow).toContain('Not reversible');
  });
});

describe('lists fill the height they have', () => {
  it('at 40×12 the browse list shows the rows that fit, and the selection stays in view', async () => {
    const wizard = start({columns: 40, rows: 12});
    await wizard.signInToSandbox();
    await wizard.press(keys.enter);
    const list = await wizard.waitFor(/\d+ of \d+ · type to filter/);
    expect(lines(list).length).toBeLessThanOrEqual(12);
    for (let move = 0; move < 12; move++) wizard.instance.stdin.write(keys.down);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const moved = wizard.frame();
    expect(moved).toContain('❯');
    expect(lines(moved).length).toBeLessThanOrEqual(12);
  });

  it('at 120×40 more rows are shown than at 80×24', async () => {
    const count = async (columns: number, rows: number) => {
      const wizard = start({columns, rows});
      await wizard.signInToSandbox();
      await wizard.press(keys.enter);
      const list = await wizard.waitFor(/\d+ of \d+ · type to filter/);
      wizard.instance.unmount();
      return lines(list).filter((line) => /^[❯ ] \S/.test(line)).length;
    };
    expect(await count(120, 40)).toBeGreaterThan(await count(80, 24));
  });
});

describe('every other step fits 40×12', () => {
  it('the data center list, the tenant field, and the pricing (its JSON one line until j shows it)', async () => {
    const wizard = start({columns: 40, rows: 12});
    const connect = await wizard.waitFor('Which data center');
    expect(lines(connect).length).toBeLessThanOrEqual(12);
    await wizard.press(keys.enter);
    const choose = await wizard.waitFor('Tenant name or UUID:');
    expect(lines(choose).length).toBeLessThanOrEqual(12);
    await wizard.chooseTenant('Globex');
    const pricing = wizard.frame();
    expect(lines(pricing).length).toBeLessThanOrEqual(12);
    expect(pricing).toContain('JSON: mode trial · version');
    expect(lines(pricing).some((line) => line.includes(tenantId(sandbox.current, 'Globex')))).toBe(true);
    await wizard.press('j');
    expect(await wizard.waitFor('"production_start_date"')).toContain('"mode": "trial"');
    await wizard.press('j');
    await wizard.waitFor('JSON: mode trial');
  });
});

describe('at 40×12, j and Tab keep the title (issue "Keys that arrive together…", point 3)', () => {
  it.each([
    ['j shows the JSON whole', 'j', '"version"'],
    ['Tab shows the HTTP calls', '\t', '▾ 1. GET'],
  ])('%s within the 12 rows, the title first', async (_what, key, shown) => {
    const wizard = start({columns: 40, rows: 12});
    await wizard.signInToSandbox();
    await wizard.chooseTenant('Wayne Enterprises');
    await wizard.press(key);
    const frame = await wizard.waitFor(shown);
    const lines = frame.split('\n');
    expect(lines[0]).toMatch(/^Step 3\/5 · /);
    expect(lines.length).toBeLessThanOrEqual(12);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
  });
});

describe('the browse list at 200×50 (issue "Keys that arrive together…", point 3)', () => {
  it('says when each trial customer’s trial ends', async () => {
    const wizard = start({columns: 200, rows: 50});
    await wizard.signInToSandbox();
    await wizard.press(keys.enter);
    const list = await wizard.waitFor('Tenants under Northwind Partners');
    expect(list).toMatch(/Acme Corp {2}\(customer · trial, ends \d{1,2} \w{3} \d{4}\)/);
  });
});
