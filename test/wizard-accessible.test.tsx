import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {sandboxPerFile} from './helpers/sandbox.js';
import {keys, wizardStarter} from './helpers/wizard-driver.js';

// Issue "The wizard in any terminal", item 18: Ink's screen-reader output (what --accessible and
// INK_SCREEN_READER=true give), step by step: plain lines, no spinner, list items with their position and state,
// warnings said as words.
const sandbox = sandboxPerFile();
const start = wizardStarter(sandbox);
beforeAll(() => {
  process.env.INK_SCREEN_READER = 'true';
});
afterAll(() => {
  delete process.env.INK_SCREEN_READER;
});

describe('the wizard for a screen reader', () => {
  it('announces each of the five steps as plain lines', async () => {
    const wizard = start();
    const connect = await wizard.waitFor('Which data center');
    expect(connect).toMatchSnapshot('step 1');
    expect(connect).toContain('1 of 8: Embedded sandbox (local, no account needed)');
    expect(connect).toContain('(selected)');
    await wizard.press(keys.enter);
    await wizard.waitFor('Tenant name or UUID:');
    wizard.instance.stdin.write('contoso\r');
    const list = await wizard.waitFor('2 tenants match');
    expect(list).toMatchSnapshot('step 2');
    expect(list).toMatch(/1 of 2: Contoso {2}\(customer · trial\), Northwind Partners · [0-9a-f-]{36}/);
    await wizard.press(keys.enter);
    const pricing = await wizard.waitFor('Step 3 of 5');
    expect(pricing).toMatchSnapshot('step 3');
    expect(pricing).toContain('Warning: Trial: switches to production by itself');
    await wizard.press(keys.enter);
    const confirm = await wizard.waitFor('Type the tenant');
    expect(confirm).toMatchSnapshot('step 4');
    expect(confirm).toContain('Warning: Not reversible');
    expect(confirm).not.toContain('⚠');
    wizard.instance.stdin.write('Contoso\r');
    const result = await wizard.waitFor('is now in production');
    expect(result).toMatchSnapshot('step 5');
    expect(result).toContain('Done: Contoso is now in production.');
    expect(wizard.allFrames()).not.toContain('\u001b[7m');
  });

  it('reads the plan list: each customer with its position, whether it is in the plan, and its details', async () => {
    const wizard = start();
    await wizard.waitFor('Which data center');
    await wizard.press(keys.enter);
    await wizard.waitFor('Tenant name or UUID:');
    await wizard.press('\u0010');
    const list = await wizard.waitFor('in the plan');
    expect(list).toMatch(
      /\(selected, checked\) 1 of \d+: Acme Corp, in the plan, trial ends \d+ \w+ \d{4} · if left: billed from/,
    );
    await wizard.press(' ');
    const unchecked = await wizard.waitFor('Acme Corp, left out');
    expect(unchecked).toMatch(/1 of \d+: Acme Corp, left out/);
    expect(unchecked).not.toContain('[x]');
  });
});
