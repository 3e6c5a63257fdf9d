import {readFileSync, statSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {sandboxPerFile} from './helpers/sandbox.js';
import {keys, wizardStarter} from './helpers/wizard-driver.js';

// Planning the 1st from step 2: Ctrl+P (or the browse list's first entry), check customers in or out, Enter writes
// the plan into the config folder and shows the command to run on the day. The sandbox's "today": 26 Nov 2026.

const sandbox = sandboxPerFile({tenants: 12});
const start = wizardStarter(sandbox);
const ctrlP = '\u0010';

describe('planning the 1st in the wizard', () => {
  it('Ctrl+P lists the trial customers checked; Space, a, n and / change the plan; Enter writes it', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.waitFor('Tenant name or UUID:');
    expect(wizard.frame()).toContain('Ctrl+P plan the 1st');
    await wizard.press(ctrlP);
    const list = await wizard.waitFor('14 of 14 in the plan');
    expect(list).toContain('Plan the 1st: 1 Dec 2026');
    expect(list).toContain(
      '1 more end their trial by themselves before 1 Dec 2026: not planned (Globex 29 Nov 2026).',
    );
    expect(list).toMatch(
      /❯ \[x\] Acme Corp\n\s+ends 23 Dec 2026 · billed from December 2026, left alone December 2026\*/,
    );
    expect(list).toMatch(
      /\[x\] Customer 00005 · a month earlier\n\s+ends 1 Jan 2027 · billed from December 2026, left alone January 2027\*/,
    );
    expect(list).toMatchSnapshot('the plan list, 100×24');

    await wizard.press(' ');
    await wizard.waitFor('13 of 14 in the plan');
    expect(wizard.frame()).toContain('❯ [ ] Acme Corp');
    await wizard.press('n');
    await wizard.waitFor('0 of 14 in the plan');
    await wizard.press('a');
    await wizard.waitFor('14 of 14 in the plan');
    // A filter: `n` now unchecks only the customers shown.
    await wizard.press('/');
    await wizard.press('region');
    await wizard.waitFor('filter: region▏');
    await wizard.press(keys.enter);
    const filtered = await wizard.waitFor('matching "region"');
    expect(filtered).toContain('1 of 2');
    await wizard.press('n');
    await wizard.waitFor('12 of 14 in the plan');
    await wizard.press(keys.escape);
    await wizard.waitFor('1 of 14');

    await wizard.press(keys.enter);
    const written = await wizard.waitFor('Plan written:');
    const file = /Plan written: (\S+\.json)/.exec(written.replace(/\n\s*/g, ''))?.[1] ?? '';
    expect(file).toMatch(/plans\/plan-2026-12-01\.json$/);
    expect(written).toContain('12 customers');
    expect(written).toContain(`tenant-mode apply '`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const plan = JSON.parse(readFileSync(file, 'utf8'));
    expect(plan.tenants).toHaveLength(12);
    expect(plan.tenants.map((tenant: {name: string}) => tenant.name)).not.toContain('Customer 00004');
    expect(sandbox.current.requests.filter((request) => request.method === 'PUT')).toHaveLength(0);

    await wizard.press(keys.enter);
    await wizard.waitFor('Tenant name or UUID:');
  });

  it('is the first entry of the browse list; Esc goes back to the list; nothing checked is refused', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.waitFor('Tenant name or UUID:');
    await wizard.press(keys.enter);
    const browse = await wizard.waitFor('Plan the 1st of the month…');
    expect(browse).toMatch(/❯ Plan the 1st of the month…/);
    await wizard.press(keys.enter);
    await wizard.waitFor('14 of 14 in the plan');
    await wizard.press('n');
    await wizard.waitFor('0 of 14 in the plan');
    await wizard.press(keys.enter);
    expect(await wizard.waitFor('No customer is checked')).toContain('0 of 14 in the plan');
    await wizard.press(keys.escape);
    await wizard.waitFor('❯ Plan the 1st of the month…');
  });

  it('fits a 40×12 terminal, one line a customer with its details when selected', async () => {
    const wizard = start({columns: 40, rows: 12});
    await wizard.signInToSandbox();
    await wizard.waitFor('Tenant name or UUID:');
    await wizard.press(ctrlP);
    const frame = await wizard.waitFor('of 14 in the plan');
    expect(frame).toContain('❯ [x] Acme Corp');
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(40);
    expect(frame.split('\n').length).toBeLessThanOrEqual(12);
  });
});
