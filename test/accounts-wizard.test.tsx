// The wizard and remembered accounts (docs/accounts.md): step 1 lists them first, a chosen one signs in with its
// own secret, an account remembered in the wizard is named as `login` names one, and every step's title names it.
import {describe, expect, it} from 'vitest';
import {lineStarter} from './helpers/line-driver.js';
import {requestLines, sandboxPerFile} from './helpers/sandbox.js';
import {keys, temporaryStore, typeCredentials, wizardStarter} from './helpers/wizard-driver.js';

const sandbox = sandboxPerFile();
const start = wizardStarter(sandbox);
const startLines = lineStarter(sandbox);

/** A store that remembers the sandbox's account as "desk", and another account of another data center. */
function twoAccounts() {
  const store = temporaryStore();
  store.save({
    name: 'far-away',
    dataCenter: 'https://au-cloud.acronis.com/api/2',
    clientId: '0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b',
    clientSecret: 'far-secret',
    tenantName: 'Outback Partners',
  });
  store.save({
    name: 'desk',
    dataCenter: `${sandbox.current.url}/api/2`,
    clientId: sandbox.current.clientId,
    clientSecret: sandbox.current.clientSecret,
    tenantName: 'Northwind Partners',
  });
  // The default is the other one: the list must be what signs in to this one.
  store.setDefault(store.account('far-away') ?? {dataCenter: '', clientId: ''});
  return store;
}

describe('remembered accounts in the wizard', () => {
  it('are listed first in step 1; the one chosen signs in with its own secret, and every title names it', async () => {
    const store = twoAccounts();
    const wizard = start({store, columns: 100});
    const list = await wizard.waitFor('Which data center');
    expect(list).toContain('Account desk (<sandbox>, Northwind Partners)');
    expect(list).toContain('Account far-away (au-cloud.acronis.com, Outback Partners)');
    expect(list.indexOf('Account desk')).toBeLessThan(list.indexOf('Embedded sandbox'));
    // The default account is selected first.
    expect(list).toMatch(/❯ Account far-away/);
    const from = sandbox.current.requests.length;
    await wizard.press(keys.up);
    await wizard.waitFor(/❯ Account desk/);
    await wizard.press(keys.enter);
    const step2 = await wizard.waitFor('Step 2 of 5');
    expect(step2).toMatch(/Step 2 of 5 · Choose the tenant · SANDBOX · desk/);
    expect(requestLines(sandbox.current, from)).toContain('POST /idp/token');
    await wizard.chooseTenant('Acme Corp');
    expect(wizard.frame()).toMatch(/Step 3 of 5 · Current pricing · SANDBOX · desk/);
  });

  it('at 40×12, where the title has no room for it, the confirmation names the account in its question', async () => {
    const store = twoAccounts();
    store.setDefault(store.account('desk') ?? {dataCenter: '', clientId: ''});
    const wizard = start({store, columns: 40, rows: 12});
    await wizard.waitFor(/❯ Account desk \(<sandbox>\)/);
    await wizard.press(keys.enter);
    await wizard.chooseTenant('Fabrikam Stores');
    await wizard.press(keys.enter);
    // The smallest form here: "Type Fabrikam Stores to switch it to production (desk):".
    expect((await wizard.waitFor('Type')).replace(/\s+/g, ' ')).toContain('to production (desk):');
  });

  it('names an account remembered in the wizard as login would: its tenant and host', async () => {
    const store = temporaryStore();
    const wizard = start({store});
    await typeCredentials(wizard, sandbox.current, sandbox.current.clientSecret);
    await wizard.waitFor('Remember these credentials');
    await wizard.pick('Yes, remember them');
    const host = new URL(sandbox.current.url).host;
    // (Frames show the sandbox's host as <sandbox>.)
    expect(await wizard.waitFor('Step 2 of 5')).toContain('· northwind-partners@<sandbox>');
    expect(store.accounts().map((account) => account.name)).toEqual([`northwind-partners@${host}`]);
    expect(store.accounts()[0]?.profile.tenantName).toBe('Northwind Partners');
  });

  it('in the line mode too: numbered first, chosen by name, and named in the titles', async () => {
    const store = twoAccounts();
    const lines = startLines({store});
    const list = await lines.waitFor(/Enter: \d\): $/);
    expect(list).toMatch(/^1\. Account desk \(<sandbox>, Northwind Partners\)$/m);
    expect(list).toContain('Enter: 2)');
    lines.typeKeys('desk\r');
    expect(await lines.waitFor('Tenant name or UUID: ')).toMatch(
      /Step 2 of 5: Choose the tenant \(sandbox\), account desk/,
    );
  });
});
