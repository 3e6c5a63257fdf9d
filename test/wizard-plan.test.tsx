import {readFileSync, statSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {applyCommandNote} from '../source/procedure/index.js';
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
    expect(list).toContain('Left out, their trial ends before 1 Dec 2026: Globex (29 Nov 2026).');
    expect(list).toContain('14 of 14 in the plan (3 billed earlier than if left)');
    expect(list).toMatch(
      /❯ \[x\] Acme Corp\n\s+trial ends 23 Dec 2026 · if left: billed from December 2026\*/,
    );
    expect(list).toMatch(
      /\[x\] Customer 00005 · bills a month early\n\s+trial ends 1 Jan 2027 · if left: billed from January 2027\*/,
    );
    expect(list).toMatchSnapshot('the plan list, 100×24');

    // Tab: the reads of the plan, and what they are instead of the vendor's lines.
    await wizard.press(keys.tab);
    const panel = await wizard.waitFor('HTTP calls of this step');
    expect(panel).toContain("Planning the 1st is not in the vendor's guide");
    expect(panel).toMatch(/❯ ▾ \d+\. GET \/api\/2\/tenants\/[0-9a-f-]{36}\/pricing → 200 OK/);
    // Planning is no step of the switch: its title has no number.
    expect(panel.split('\n')[0]).toMatch(/^HTTP calls of this step/);
    await wizard.press(keys.tab);
    await wizard.waitForGone('HTTP calls of this step');
    await wizard.press(' ');
    await wizard.waitFor('13 of 14 in the plan');
    expect(wizard.frame()).toContain('❯ [ ] Acme Corp');
    await wizard.press('-');
    await wizard.waitFor('0 of 14 in the plan');
    await wizard.press('+');
    await wizard.waitFor('14 of 14 in the plan');
    // A name typed is looked for, never taken for keys: not even one that starts with a letter that was once a
    // key (`a` all, `n` none), typed key by key or in one burst.
    await wizard.press('a');
    await wizard.waitFor(/filter:\s+a▏/);
    expect(wizard.frame()).toContain('14 of 14 in the plan');
    await wizard.press(keys.escape);
    await wizard.waitFor('Enter write the plan');
    await wizard.press('north');
    await wizard.waitFor(/filter:\s+north▏/);
    expect(wizard.frame()).toContain('14 of 14 in the plan');
    await wizard.press(keys.escape);
    await wizard.waitFor('Enter write the plan');
    await wizard.press('contoso');
    await wizard.waitFor(/filter:\s+contoso▏/);
    expect(wizard.frame()).toContain('14 of 14 in the plan');
    expect(wizard.frame()).toContain('Enter end the filter · Esc clear it');
    await wizard.press(keys.escape);
    await wizard.waitFor('Enter write the plan');
    // A filter (`/` and text in one burst, as over SSH): `-` then unchecks only the customers shown.
    await wizard.press('/region');
    await wizard.waitFor('filter: region▏');
    await wizard.press(keys.enter);
    const filtered = await wizard.waitFor('matching "region"');
    expect(filtered).toContain('1 of 2');
    // The hints say that the keys now act on the rows shown, and what Esc does first.
    expect(filtered.replace(/\s+/g, ' ')).toContain('+ all shown · - none shown');
    expect(filtered.replace(/\s+/g, ' ')).toContain('Esc clear the filter');
    await wizard.press('-');
    await wizard.waitFor('12 of 14 in the plan');
    await wizard.press(keys.escape);
    await wizard.waitFor('1 of 14');

    await wizard.press(keys.enter);
    const written = await wizard.waitFor('Plan written, 12 customers');
    const file = /(\/\S+\/plans\/plan-2026-12-01\.json)/.exec(written)?.[1] ?? '';
    expect(file).not.toBe('');
    // In rows that paste as one command: a backslash and a newline join them, as a shell reads them.
    expect(written.replace(/ \\\n\s*/g, ' ')).toContain(
      `tenant-mode apply ${file} --url http://<sandbox>/api/2 --client-id ${sandbox.current.clientId}`,
    );
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // The embedded sandbox ends with the wizard: the command is said to be a rehearsal.
    // In rows that paste as one command: a backslash and a newline join them, as a shell reads them.
    expect(written.replace(/ \\\n\s*/g, ' ')).toContain('embedded sandbox, which ends with the wizard');
    expect(written).toContain('The day before, add --check');
    const plan = JSON.parse(readFileSync(file, 'utf8'));
    expect(plan.tenants).toHaveLength(12);
    expect(plan.tenants.map((tenant: {name: string}) => tenant.name)).not.toContain('Customer 00004');
    expect(sandbox.current.requests.filter((request) => request.method === 'PUT')).toHaveLength(0);

    // Written again: a new file; the first one is never overwritten (a cron line may name it).
    await wizard.press(keys.enter);
    await wizard.waitFor('Tenant name or UUID:');
    await wizard.press(ctrlP);
    await wizard.waitFor('14 of 14 in the plan');
    await wizard.press(keys.enter);
    const second = await wizard.waitFor('Plan written, 14 customers');
    expect(second).toContain('plan-2026-12-01-2.json');
    expect(JSON.parse(readFileSync(file, 'utf8')).tenants).toHaveLength(12);
    // Leaving: after the last frame, each plan and its command as plain lines (never wrapped by Ink).
    await wizard.press('q');
    // (Under CI=true Ink draws no last frame: the exit itself is waited for.)
    for (let tries = 0; tries < 200 && wizard.exits.length === 0; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(wizard.exits[0]?.summary).toBe('Nothing was sent.');
    const api = `${sandbox.current.url}/api/2`;
    const secondFile = file.replace('.json', '-2.json');
    expect(wizard.exits[0]?.afterwards).toBe(
      [
        `Plan for 1 Dec 2026 (UTC): ${file}`,
        `On the day run: tenant-mode apply ${file} --url ${api} --client-id ${sandbox.current.clientId}`,
        applyCommandNote({embeddedSandbox: true, saved: false}),
        `Plan for 1 Dec 2026 (UTC): ${secondFile}`,
        `On the day run: tenant-mode apply ${secondFile} --url ${api} --client-id ${sandbox.current.clientId}`,
        applyCommandNote({embeddedSandbox: true, saved: false}),
      ].join('\n'),
    );
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
    await wizard.press('-');
    await wizard.waitFor('0 of 14 in the plan');
    await wizard.press(keys.enter);
    expect(await wizard.waitFor('No customer is checked')).toContain('0 of 14 in the plan');
    await wizard.press(' ');
    await wizard.waitFor('1 of 14 in the plan');
    await wizard.press(keys.escape);
    await wizard.waitFor('❯ Plan the 1st of the month…');
    // Opened again: the choice made before Esc, not everything checked again.
    await wizard.press(keys.enter);
    const again = await wizard.waitFor('of 14 in the plan');
    expect(again).toContain('1 of 14 in the plan');
    expect(again).toContain('❯ [x] Acme Corp');
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
    // Written: the title, the file and what to do fit too (the command itself is printed on leaving).
    await wizard.press(keys.enter);
    const written = await wizard.waitFor('Plan written');
    for (const line of written.split('\n')) expect(line.length).toBeLessThanOrEqual(40);
    expect(written.split('\n').length).toBeLessThanOrEqual(12);
    expect(written).toContain('Plan the 1st');
    expect(written).toContain('the command is printed');
    expect(written).toContain('A rehearsal');
  });
});

describe('what the apply command needs besides', () => {
  it('the secret, unless this computer has the credentials saved; for the embedded sandbox, that it is a rehearsal', () => {
    expect(applyCommandNote({embeddedSandbox: false, saved: false})).toContain('TENANT_MODE_CLIENT_SECRET');
    expect(applyCommandNote({embeddedSandbox: false, saved: true})).toContain('credentials saved');
    expect(applyCommandNote({embeddedSandbox: true, saved: true})).toContain('rehearsal');
  });
});
