import {mkdirSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {ManualClock} from '../source/clock.js';
import {AuditLog} from '../source/store/index.js';
import {fixedNow, requestLines, sandboxPerFile, tenantId} from './helpers/sandbox.js';
import {keys, wizardStarter} from './helpers/wizard-driver.js';

const sandbox = sandboxPerFile();
const start = wizardStarter(sandbox);

const puts = (from: number) =>
  sandbox.current.requests.slice(from).filter((request) => request.method === 'PUT');

describe('choosing the tenant', () => {
  it('several matches: same-named tenants are told apart by path and UUID', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.type('contoso');
    await wizard.press(keys.enter);
    const frame = await wizard.waitFor('2 tenants match "contoso"');
    expect(frame).toMatchSnapshot('two Contosos');
    expect(frame).toContain(`Northwind Partners · ${tenantId(sandbox.current, 'Contoso')}`);
    expect(frame).toMatch(/Northwind Partners \/ Retail · [0-9a-f-]{36}/);
    await wizard.pick('Northwind Partners / Retail');
    expect(await wizard.waitFor('Step 3 of 5')).toContain('in Northwind Partners / Retail');
  });

  it('no match says so and keeps what was typed', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.type('Nobody Inc');
    await wizard.press(keys.enter);
    const frame = await wizard.waitFor('No tenant matches');
    expect(frame).toContain('✘ No tenant matches "Nobody Inc" under Northwind Partners.');
    expect(frame).toContain('Tenant name or UUID: Nobody Inc');
  });

  it('a UUID goes straight to the tenant; an unknown one answers 404, a foreign one 403', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.type('00000000-0000-4000-8000-000000000000');
    await wizard.press(keys.enter);
    expect(await wizard.waitFor('404')).toContain('✘ No such tenant (404 Not Found)');

    await wizard.press(keys.escape); // back to the account question
    await wizard.waitFor('Continue with this account');
    await wizard.press(keys.enter);
    await wizard.waitFor('Tenant name or UUID:');
    await wizard.type(tenantId(sandbox.current, 'Hooli'));
    await wizard.press(keys.enter);
    const forbidden = (await wizard.waitFor('403')).replace(/\s+/g, ' ');
    expect(forbidden).toContain('outside Northwind Partners');
    // The roles needed, as the commands say them.
    expect(forbidden).toContain('switching it the tenant administrator role');

    await wizard.press(keys.escape);
    await wizard.waitFor('Continue with this account');
    await wizard.press(keys.enter);
    await wizard.waitFor('Tenant name or UUID:');
    await wizard.type(tenantId(sandbox.current, 'Fabrikam Stores'));
    await wizard.press(keys.enter);
    const frame = await wizard.waitFor('Step 3 of 5');
    expect(frame).toContain('Fabrikam Stores  in Northwind Partners / Retail');
  });

  it('a malformed UUID is refused before any request', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    const from = sandbox.current.requests.length;
    await wizard.type('0000000-zzzz');
    await wizard.press(keys.enter);
    // "0000000-zzzz" has 7 digits: searched as a name, which finds nothing.
    await wizard.waitFor('✘');
    await wizard.press(keys.escape);
    await wizard.waitFor('Continue with this account');
    await wizard.press(keys.enter);
    await wizard.waitFor('Tenant name or UUID:');
    const before = sandbox.current.requests.length;
    await wizard.type('12345678-1234-1234-1234-12345678');
    await wizard.press(keys.enter);
    expect(await wizard.waitFor('looks like a UUID')).toContain('8-4-4-4-12');
    expect(sandbox.current.requests.length).toBe(before);
    expect(from).toBeLessThan(before);
  });

  it('non-customer tenants are shown with the reason and cannot be chosen', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.type('Wayne');
    await wizard.press(keys.enter);
    const list = await wizard.waitFor('2 tenants match');
    expect(list).toContain('Wayne R&D  (unit · not a customer, cannot be switched)');
    await wizard.pick('Wayne R&D');
    const refused = await wizard.waitFor('✘');
    expect(refused).toContain('This is a unit tenant: only customer tenants are switched');
    expect(refused).toContain('Step 2 of 5');
  });

  it('Enter on an empty field browses the customers; a folder opens', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.press(keys.enter);
    const list = await wizard.waitFor('Tenants under Northwind Partners (10)');
    expect(list).toContain('Retail  (folder · Enter opens it)');
    // Ten tenants, and the month-start batch first.
    expect(list).toContain('1 of 11 · type to filter');
    await wizard.pick('Retail  (folder');
    const folder = await wizard.waitFor('Tenants under Retail (2)');
    expect(folder).toContain('Northwind Partners / Retail');
  });
});

describe('the HTTP panel of a browse', () => {
  it('says the guide starts from a UUID where tenant-mode lists, and scrolls a long answer to its end', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.press(keys.enter);
    await wizard.waitFor('Tenants under Northwind Partners (10)');
    await wizard.press(keys.tab);
    const panel = await wizard.waitFor('HTTP calls of this step');
    expect(panel).toMatch(/❯ ▾ \d+\. GET \/api\/2\/tenants\?parent_id=/);
    expect(panel).toContain(
      'List the tenants under one tenant, so that you can pick the customer from a list.',
    );
    // The answer is kilobytes long: the window shows its start; End shows the rest of the lesson, whole.
    expect(panel).not.toContain('Differs:');
    await wizard.press('\u001b[F');
    const end = await wizard.waitFor("Differs: the guide's step 2 starts from the tenant's UUID");
    expect(end).toContain('>>> tenant_id = created_tenant_id');
    const shown = /lines (\d+)–(\d+) of (\d+)/.exec(end);
    expect(shown?.[2]).toBe(shown?.[3]);
    expect(Number(shown?.[3])).toBeGreaterThan(60);
    // Home and back to the top.
    await wizard.press('\u001b[H');
    expect(await wizard.waitFor(/lines 1–/)).toMatch(/[❯ ] [▾▸] 1\. GET/);
  });
});

describe('tenants that cannot be switched', () => {
  it('already in production: says since when, offers no switch, Enter does nothing', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.chooseTenant('Initech');
    const frame = wizard.frame();
    expect(frame).toMatchSnapshot('production');
    expect(frame).toContain('Production since 1 Jun 2024.');
    expect(frame).toContain('Already in production: there is nothing to switch. No switch is offered.');
    await wizard.press(keys.enter);
    expect(wizard.frame()).toContain('Step 3 of 5');
    await wizard.press('q');
    expect(wizard.exits[0]?.reason).toBe('quit');
  });

  it('suspended: explains and offers no switch', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.chooseTenant('Umbrella Health');
    const frame = wizard.frame();
    expect(frame).toContain('Suspended (in production since 1 Oct 2023): its mode cannot be changed.');
    expect(frame).toContain('No switch is offered.');
    expect(frame).not.toContain('Enter continue');
  });

  it('a trial whose month is over reads as production', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.chooseTenant('Stark Industries');
    expect(wizard.frame()).toContain('"mode": "production"');
  });
});

describe('going back and cancelling', () => {
  it('Esc steps back through confirm, pricing, the list it was chosen from and search; nothing is sent', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.chooseTenant('Müller Bäckerei GmbH');
    const from = sandbox.current.requests.length;
    await wizard.press(keys.enter);
    await wizard.waitFor('Step 4 of 5');
    await wizard.press(keys.escape);
    await wizard.waitFor('Step 3 of 5');
    await wizard.press(keys.escape);
    await wizard.waitFor('1 tenant matches "Müller Bäckerei GmbH"');
    await wizard.press(keys.escape);
    await wizard.waitFor('Tenant name or UUID:');
    await wizard.press(keys.escape);
    await wizard.waitFor('Continue with this account');
    expect(puts(from)).toEqual([]);
  });

  it('a wrong name does not confirm; Esc cancels; no PUT', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.chooseTenant('Wayne Enterprises');
    const from = sandbox.current.requests.length;
    await wizard.press(keys.enter);
    await wizard.waitFor('Type the tenant');
    await wizard.type('wayne enterprises');
    await wizard.press(keys.enter);
    const refused = (await wizard.waitFor('That is not the name')).replace(/\s+/g, ' ');
    // Case counts: only accents and surrounding spaces may be left out.
    expect(refused).toContain(
      'you typed "wayne enterprises". Type Wayne Enterprises, capitals as shown (W, E).',
    );
    await wizard.press(keys.escape);
    await wizard.waitFor('Step 3 of 5');
    expect(puts(from)).toEqual([]);
    expect(
      sandbox.current.world.tenants.get(tenantId(sandbox.current, 'Wayne Enterprises'))?.pricing.mode,
    ).toBe('trial');
  });

  it('Ctrl+C leaves at once and reports that nothing was sent', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.press(keys.ctrlC);
    expect(wizard.exits).toEqual([
      {
        reason: 'interrupted',
        switchesSent: 0,
        switchInFlight: false,
        summary: 'Interrupted. No switch was sent.',
        exitCode: 130,
      },
    ]);
  });
});

describe('a switch that fails', () => {
  it('a 503 on the PUT: explained, the pricing re-read shows nothing changed, one PUT only; r tries again', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.chooseTenant('Contoso');
    sandbox.current.faults.add({
      method: 'PUT',
      path: /\/pricing$/,
      status: 503,
      body: {
        error: {
          code: 'busy',
          domain: 'PlatformAccountServer',
          message: 'Service is busy.',
          details: {info: null},
        },
      },
    });
    const from = sandbox.current.requests.length;
    await wizard.press(keys.enter);
    await wizard.waitFor('Type the tenant');
    await wizard.type('Contoso');
    await wizard.press(keys.enter);
    const frame = await wizard.waitFor('Read again');
    expect(frame).toMatchSnapshot('503 then re-read');
    expect(frame).toContain('✘ The switch did not go through: status 503 Service Unavailable.');
    expect(frame).toContain('Service is busy.');
    expect(frame).toContain('Read again: Contoso is still in trial; nothing was changed by this request.');
    expect(requestLines(sandbox.current, from).filter((line) => line.startsWith('PUT'))).toHaveLength(1);
    expect(requestLines(sandbox.current, from).at(-1)).toMatch(/^GET \/tenants\/.+\/pricing$/);

    // The platform is fine again: one more confirmation, one more PUT.
    sandbox.current.faults.clear();
    await wizard.press('r');
    await wizard.waitFor('Type the tenant');
    await wizard.type('Contoso');
    await wizard.press(keys.enter);
    await wizard.waitFor('is now in production');
    expect(requestLines(sandbox.current, from).filter((line) => line.startsWith('PUT'))).toHaveLength(2);
  });

  it('the connection drops after the platform switched: the re-read says it IS in production', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.chooseTenant('Fabrikam Stores');
    sandbox.current.faults.add({method: 'PUT', path: /\/pricing$/, drop: 'after', times: 1});
    const from = sandbox.current.requests.length;
    await wizard.press(keys.enter);
    await wizard.waitFor('Type the tenant');
    await wizard.type('Fabrikam Stores');
    await wizard.press(keys.enter);
    const frame = await wizard.waitFor('IS in production now');
    expect(frame).toContain('was dropped before an answer came');
    expect(frame).toContain(
      '✔ Fabrikam Stores IS in production now: the answer was lost, but the pricing read again confirms',
    );
    expect(puts(from)).toHaveLength(1);
  });

  it('a stale version (409): explained with what changed, nothing resent; r decides again on the new version', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.chooseTenant('Globex');
    // Someone else changes the pricing between reading and confirming.
    const globex = sandbox.current.world.tenants.get(tenantId(sandbox.current, 'Globex'));
    if (globex) globex.pricing.version += 5;
    const from = sandbox.current.requests.length;
    await wizard.press(keys.enter);
    await wizard.waitFor('Type the tenant');
    await wizard.type('Globex');
    await wizard.press(keys.enter);
    const frame = await wizard.waitFor('Read again');
    expect(frame).toContain('status 409 Conflict');
    expect(frame).toContain('Conflict: the pricing settings changed since they were read');
    expect(frame).toMatch(/What changed since it was read: version \d+ → \d+\./);
    expect(frame).toContain('r review the new pricing and decide again');
    expect(puts(from)).toHaveLength(1);

    await wizard.press('r');
    const again = await wizard.waitFor('Type the tenant');
    expect(again).toContain(`"version":${globex?.pricing.version}`);
    await wizard.type('Globex');
    await wizard.press(keys.enter);
    await wizard.waitFor('is now in production');
    expect(puts(from)).toHaveLength(2);
  });
});

describe('Ctrl+C during the switch', () => {
  it('aborts and reports that a switch was sent with its outcome unknown', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.chooseTenant('Müller Bäckerei GmbH');
    sandbox.current.faults.add({method: 'PUT', path: /\/pricing$/, delayMs: 1500, times: 1});
    await wizard.press(keys.enter);
    await wizard.waitFor('Type the tenant');
    await wizard.type('Müller Bäckerei GmbH');
    await wizard.press(keys.enter);
    await wizard.waitFor('Switching Müller Bäckerei GmbH to production');
    await wizard.press(keys.ctrlC);
    expect(wizard.exits).toMatchObject([
      {reason: 'interrupted', switchesSent: 1, switchInFlight: true, exitCode: 130},
    ]);
    expect(wizard.exits[0]?.summary).toContain('it was sent, and its outcome is unknown');
    // Which tenant, and the command that reads it.
    const id = tenantId(sandbox.current, 'Müller Bäckerei GmbH');
    expect(wizard.exits[0]?.summary).toContain(`switch of Müller Bäckerei GmbH (${id})`);
    expect(wizard.exits[0]?.summary).toContain(`tenant-mode status ${id}`);
  });
});

describe('the audit log from the wizard', () => {
  it('records a cancelled confirmation and a switch, with the wizard as source', async () => {
    const {mkdtempSync} = await import('node:fs');
    const {tmpdir} = await import('node:os');
    const {join} = await import('node:path');
    const audit = new AuditLog(mkdtempSync(join(tmpdir(), 'tenant-mode-audit-')));
    const wizard = start({services: {audit}});
    await wizard.signInToSandbox();
    await wizard.chooseTenant('Acme Corp');
    await wizard.press(keys.enter);
    await wizard.waitFor('Type the tenant');
    await wizard.press(keys.escape);
    await wizard.waitFor('Step 3 of 5');
    await wizard.press(keys.enter);
    await wizard.waitFor('Type the tenant');
    await wizard.type('Acme Corp');
    await wizard.press(keys.enter);
    await wizard.waitFor('is now in production');
    const entries = (await audit.read()).entries;
    expect(entries.map((entry) => [entry.via, entry.tenant_name, entry.outcome])).toEqual([
      ['wizard', 'Acme Corp', 'cancelled-by-operator'],
      ['wizard', 'Acme Corp', 'switched'],
    ]);
    expect(entries[0]).toMatchObject({
      status: null,
      request: {mode: 'production'},
      pricing_before: {mode: 'trial'},
    });
  });
});

describe('waiting on the platform', () => {
  it('429 with Retry-After: a visible countdown as the clock moves, then the answer', async () => {
    const clock = new ManualClock(fixedNow, {sleeps: 'held'});
    const wizard = start({services: {clock}});
    await wizard.signInToSandbox();
    sandbox.current.faults.add({
      method: 'GET',
      path: /\/pricing$/,
      status: 429,
      body: {error: {code: 'rate', domain: null, message: 'Slow down', details: {info: null}}},
      headers: {'Retry-After': '2'},
      times: 1,
    });
    await wizard.type('Initech');
    await wizard.press(keys.enter);
    await wizard.waitFor('1 tenant matches');
    await wizard.press(keys.enter);
    expect(await wizard.waitFor('trying again in')).toContain(
      '⏳ The platform asked to wait (429 Too Many Requests): trying again in 2 s…',
    );
    clock.advance(1000);
    await wizard.waitFor('trying again in 1 s…');
    expect(wizard.frame()).not.toContain('Step 3 of 5');
    clock.advance(1000);
    const pricing = await wizard.waitFor('Step 3 of 5');
    expect(pricing).not.toContain('trying again');
  });

  it('a very slow answer: the spinner, then a clear timeout message', async () => {
    const wizard = start({timeoutMs: 300});
    await wizard.signInToSandbox();
    sandbox.current.faults.add({method: 'GET', path: '/search', delayMs: 1500, times: 1});
    await wizard.type('Initech');
    await wizard.press(keys.enter);
    expect(await wizard.waitFor('Searching for "Initech"…')).toContain('…');
    const frame = await wizard.waitFor('✘');
    expect(frame.replace(/\s+/g, ' ')).toContain(
      'did not answer within 0.3 s. Try again later, or allow more time with --timeout <seconds>.',
    );
  });
});

describe('the audit log refuses the cancelled line', () => {
  it('leaving the confirmation says it was not recorded, on screen and in the last line', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tenant-mode-cancelled-'));
    mkdirSync(join(folder, 'audit.log'));
    sandbox.current.world.addTenant({
      name: 'Cancelled Line',
      kind: 'customer',
      parentId: sandbox.current.tenantId,
    });
    const wizard = start({services: {audit: new AuditLog(folder)}});
    await wizard.toConfirmStep('Cancelled Line');
    await wizard.press(keys.escape);
    const back = await wizard.waitFor('was not recorded');
    expect(back).toContain('Leaving the confirmation was not recorded: The audit log');
    expect(back).toContain('it is not a regular file');
    await wizard.press(keys.ctrlC);
    await waitUntilExited(wizard.exits);
    expect(wizard.exits[0]?.summary).toContain('Warning: Leaving the confirmation was not recorded');
  });
});

async function waitUntilExited(exits: readonly unknown[]): Promise<void> {
  for (let tries = 0; exits.length === 0 && tries < 300; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('wizard slips (issue "Keys that arrive together…", point 3)', () => {
  it('choosing a non-customer in the results keeps the results, saying why (never a lone plan entry)', async () => {
    sandbox.current.world.addTenant({name: 'Slip Unit', kind: 'unit', parentId: sandbox.current.tenantId});
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.waitFor('Tenant name or UUID:');
    await wizard.type('Slip Unit');
    await wizard.press(keys.enter);
    await wizard.waitFor('1 tenant matches "Slip Unit"');
    await wizard.press(keys.enter);
    const refused = await wizard.waitFor('✘');
    expect(refused).toContain('1 tenant matches "Slip Unit"');
    expect(refused).toContain('Slip Unit  (unit');
    expect(refused).not.toContain('Plan the 1st of the month');
  });

  it('Esc from the pricing after a UUID search finds the UUID in the field', async () => {
    const id = tenantId(sandbox.current, 'Acme Corp');
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.waitFor('Tenant name or UUID:');
    await wizard.type(id);
    await wizard.press(keys.enter);
    await wizard.waitFor(/Step 3( of |\/)5/);
    await wizard.press(keys.escape);
    expect(await wizard.waitFor('Tenant name or UUID:')).toContain(`Tenant name or UUID: ${id}`);
  });

  it('back at the data center list, the cursor is on the one chosen this time, not the first', async () => {
    const wizard = start({props: {initialForm: {dataCenter: 'https://us-cloud.acronis.com'}}});
    await wizard.waitFor('API client id:');
    await wizard.press(keys.escape);
    await wizard.waitFor('Which data center');
    const highlighted = wizard
      .frame()
      .split('\n')
      .find((line) => line.startsWith('❯'));
    expect(highlighted).toContain('United States (us-cloud.acronis.com)');
  });
});

describe('the HTTP panel of step 2', () => {
  it('keeps the search that led to the list after a tenant is chosen, and apart from the plan’s reads', async () => {
    const wizard = start({columns: 100, rows: 40});
    await wizard.signInToSandbox();
    await wizard.type('acme');
    await wizard.press(keys.enter);
    await wizard.waitFor('1 tenant matches');
    await wizard.press(keys.enter);
    await wizard.waitFor(/Step 3( of |\/)5/);
    // Back to the results: the calls that made them are still the step's.
    await wizard.press(keys.escape);
    await wizard.waitFor('1 tenant matches');
    await wizard.press(keys.tab);
    await wizard.waitFor('HTTP calls of this step');
    // Home: the headings of the calls before the one shown first; the search is the first call.
    await wizard.press('\u001b[H');
    expect(await wizard.waitFor('▸ 1. GET /api/2/search?')).toContain('❯ ▾ 3.');
    // The search's lesson: the guide's step 2, and the search lines (tenant-mode's: the guide shows none).
    await wizard.press('p');
    await wizard.press('p');
    await wizard.waitFor('❯ ▾ 1. GET /api/2/search?');
    await wizard.press('\u001b[F');
    const search = await wizard.waitFor("The guide's step 2 takes");
    expect(search).toContain(">>> response = requests.get(f'{base_url}/search', headers=auth,");
    expect(search).toContain("The vendor's guide, step 2:");
    expect(search).toContain('>>> tenant_id = created_tenant_id');
    await wizard.press(keys.tab);
    await wizard.waitForGone('HTTP calls of this step');
    // The plan's reads are the plan's: back at the search, its own calls again.
    await wizard.press('\u0010');
    await wizard.waitFor('in the plan');
    await wizard.press(keys.escape);
    await wizard.waitFor('1 tenant matches');
    await wizard.press(keys.tab);
    await wizard.waitFor('HTTP calls of this step');
    await wizard.press('\u001b[H');
    const panel = await wizard.waitFor('▸ 1. GET /api/2/search?');
    // The plan read every trial customer's pricing; the search read none.
    expect(panel).toContain('HTTP calls of this step: 3 ·');
    expect(panel).not.toMatch(/\/pricing/);
  });
});
