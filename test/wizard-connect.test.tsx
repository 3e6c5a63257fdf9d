import {readFileSync, statSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {startingPoint} from '../source/procedure/index.js';
import {requestLines, sandboxPerFile} from './helpers/sandbox.js';
import {
  type driveWizard,
  keys,
  temporaryStore,
  typeCredentials as typeCredentialsOf,
  wizardStarter,
} from './helpers/wizard-driver.js';

const sandbox = sandboxPerFile();
const start = wizardStarter(sandbox);

/** Signs in through "Another URL…" with the sandbox's account and this secret. */
const typeCredentials = (wizard: ReturnType<typeof driveWizard>, secret: string) =>
  typeCredentialsOf(wizard, sandbox.current, secret);

/** A credentials store in which a first run of the wizard remembered the sandbox's demo account. */
async function rememberedStore() {
  const store = temporaryStore();
  const first = start({store});
  await typeCredentials(first, sandbox.current.clientSecret);
  await first.waitFor('Remember these credentials');
  await first.pick('Yes, remember them');
  await first.waitFor('Step 2 of 5');
  first.instance.unmount();
  return store;
}

describe('connect', () => {
  it('a wrong secret is explained and only the secret is asked again', async () => {
    const wizard = start();
    await typeCredentials(wizard, 'not-the-secret');
    await wizard.waitFor('Remember these credentials');
    await wizard.press(keys.enter); // No
    const refused = await wizard.waitFor('refused this client id and secret');
    expect(refused).toMatchSnapshot('wrong secret');
    expect(refused).toContain('Client secret:');
    expect(refused).toContain(`Client id    ${sandbox.current.clientId}`);
    await wizard.type(sandbox.current.clientSecret, {masked: true});
    await wizard.press(keys.enter);
    expect(await wizard.waitFor('Step 2 of 5')).toContain('Signed in to Northwind Partners');
    expect(wizard.allFrames()).not.toContain('not-the-secret');
    expect(wizard.allFrames()).not.toContain(sandbox.current.clientSecret);
  });

  it("a bad URL or client id is refused inline, before any request but the URL's own check", async () => {
    const wizard = start();
    const from = sandbox.current.requests.length;
    await wizard.waitFor('Which data center');
    await wizard.pick('Another URL…');
    await wizard.waitFor('Data center URL:');
    await wizard.type('http://eu2-cloud.acronis.com');
    await wizard.press(keys.enter);
    expect(await wizard.waitFor('✘')).toContain('Refusing plain http:// for eu2-cloud.acronis.com');
    for (let count = 0; count < 'http://eu2-cloud.acronis.com'.length; count++)
      await wizard.press(keys.backspace);
    await wizard.type(sandbox.current.url);
    await wizard.press(keys.enter);
    await wizard.waitFor('API client id:');
    await wizard.type('not-a-uuid');
    await wizard.press(keys.enter);
    expect(await wizard.waitFor('✘')).toContain('A client id is a UUID');
    // One request only: the typed URL reached (no credentials in it), nothing for the malformed client id.
    expect(requestLines(sandbox.current, from)).toEqual(['GET /idp/token']);
    expect(sandbox.current.requests.at(-1)?.headers.authorization).toBeUndefined();
  });

  it('a typed URL that does not answer is refused at once, before the client id, and stays in the field', async () => {
    const wizard = start();
    await wizard.waitFor('Which data center');
    await wizard.pick('Another URL…');
    await wizard.waitFor('Data center URL:');
    await wizard.type('http://127.0.0.1:9');
    await wizard.press(keys.enter);
    const refused = await wizard.waitFor('✘');
    expect(refused).toContain('Could not connect to 127.0.0.1:9: the connection was refused.');
    expect(refused).toContain('Data center URL: http://127.0.0.1:9');
    expect(refused).not.toContain('API client id');
    // Edited, the field no longer carries the old URL's error: only the new value's own problem is said.
    await wizard.press('\u0015'); // Ctrl+U
    await wizard.waitForGone('Could not connect');
    await wizard.type('http://10.1.2.3:8080');
    await wizard.press(keys.enter);
    const other = await wizard.waitFor('Refusing plain http://');
    expect(other).not.toContain('Could not connect');
  });

  it('an unreachable data center sends the operator back to the URL', async () => {
    const wizard = start({
      props: {
        initialForm: {
          dataCenter: 'http://127.0.0.1:9',
          clientId: sandbox.current.clientId,
          secret: 'x',
          rememberAsked: true,
        },
      },
    });
    const frame = await wizard.waitFor('✘');
    expect(frame).toContain('Could not connect to 127.0.0.1:9');
    expect(frame).toContain('Data center URL:');
  });

  it('flags and env fill every field: signs in by itself', async () => {
    const store = temporaryStore();
    const start0 = startingPoint(
      {url: sandbox.current.url, clientId: sandbox.current.clientId, secret: sandbox.current.clientSecret},
      store,
    );
    const wizard = start({store, props: {initialForm: start0.form}});
    expect(await wizard.waitFor('Step 2 of 5')).toContain('Signed in to Northwind Partners');
    expect(store.lastProfile()).toBeUndefined(); // not asked, so not remembered
  });

  it('remembered credentials: saved 0600, and the next run skips step 1 with no new token', async () => {
    const store = await rememberedStore();
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(store.path, 'utf8'));
    expect(Object.values(saved.profiles)).toHaveLength(1);

    // A secret given beside the saved account (cron's --client-secret-file, a rotated secret) signs in to it
    // with that secret, for this run only: no saved token goes with another secret.
    const given = startingPoint({secret: 'another secret'}, store);
    expect(given).toMatchObject({
      form: {
        dataCenter: `${sandbox.current.url}/api/2`,
        clientId: sandbox.current.clientId,
        secret: 'another secret',
      },
      remembered: false,
      cachedToken: undefined,
    });
    expect(startingPoint({secret: sandbox.current.clientSecret}, store).remembered).toBe(true);

    const from = sandbox.current.requests.length;
    const resumed = startingPoint({}, store);
    expect(resumed.remembered).toBe(true);
    const second = start({
      store,
      props: {initialForm: resumed.form},
    });
    const frame = await second.waitFor('Step 2 of 5');
    expect(frame).toContain(`Signed in to Northwind Partners at <sandbox> (saved credentials)`);
    expect(requestLines(sandbox.current, from)).not.toContain('POST /idp/token');

    // Esc: the account, and a way to use another one.
    await second.press(keys.escape);
    await second.waitFor('Use another account');
    await second.pick('Use another account');
    expect(await second.waitFor('Which data center')).toContain('Esc back to northwind-partners@<sandbox>');
    // Esc: back to the account signed in before, still signed in (no new token).
    await second.press(keys.escape);
    await second.waitFor('Continue with this account');
    await second.pick('Continue with this account');
    await second.waitFor('Step 2 of 5');
    expect(requestLines(sandbox.current, from)).not.toContain('POST /idp/token');
    await second.press(keys.escape);
    await second.waitFor('Use another account');
    await second.pick('Use another account');
    expect(await second.waitFor('Which data center')).toContain('Step 1 of 5');
    // Another account, not to be remembered: step 2 does not call it saved.
    await typeCredentials(second, sandbox.current.clientSecret);
    await second.waitFor('Remember these credentials');
    await second.pick('No, ask every time');
    expect(await second.waitFor('Step 2 of 5')).not.toContain('(saved credentials)');
  });
});

describe('a saved token', () => {
  it('is used for the saved account only: another secret typed takes a token of its own, and is never saved unproven', async () => {
    const store = await rememberedStore();
    const saved = readFileSync(store.path, 'utf8');

    const resumed = startingPoint({}, store);
    const second = start({store, props: {initialForm: resumed.form}});
    await second.waitFor('Step 2 of 5');
    await second.press(keys.escape);
    await second.pick('Use another account');
    // The same data center and client id, a wrong secret, "remember": the saved token must not sign it in.
    const from = sandbox.current.requests.length;
    await typeCredentials(second, 'bogus');
    await second.waitFor('Remember these credentials');
    await second.pick('Yes, remember them');
    expect(await second.waitFor('refused this client id and secret')).toContain('Client secret:');
    expect(requestLines(sandbox.current, from)).toContain('POST /idp/token');
    expect(readFileSync(store.path, 'utf8')).toBe(saved);
  });
});

describe('the HTTP panel', () => {
  it('shows each call as a lesson: what it is for, the whole request and answer, the guide’s lines; nothing secret', async () => {
    const wizard = start();
    await wizard.signInToSandbox();
    await wizard.chooseTenant('Initech');
    await wizard.press(keys.tab);
    const panel = await wizard.waitFor('HTTP calls of this step');
    expect(panel).toMatch(/❯ ▾ 1\. GET \/api\/2\/tenants\/[0-9a-f-]{36}\/pricing → 200 OK, \d+ ms/);
    expect(panel).toContain("Read the tenant's pricing: its mode");
    expect(panel).toMatch(/Authorization: Bearer …\S{4}/);
    expect(panel).toContain('Answer: 200 (OK)');
    expect(panel).toContain('"mode": "production"');
    // The guide's lines for this call are at the end of its lesson: End scrolls there.
    await wizard.press('\u001b[F');
    const end = await wizard.waitFor("The vendor's guide, steps 3–5:");
    expect(end).toContain(
      ">>> response = requests.get(f'{base_url}/tenants/{tenant_id}/pricing', headers=auth)",
    );
    expect(end).toContain('>>> tenant_pricing = response.json()');
    await wizard.press(keys.tab);
    expect(await wizard.waitFor('Current pricing')).toContain('Step 3 of 5');

    await wizard.press(keys.escape); // back to the list the tenant was chosen from
    await wizard.waitFor('1 tenant matches');
    await wizard.press(keys.escape);
    await wizard.waitFor('Tenant name or UUID:');
    await wizard.press(keys.escape);
    await wizard.waitFor('Continue with this account');
    await wizard.press(keys.tab);
    await wizard.waitFor('HTTP calls of this step');
    // The latest call is open; p goes back call by call, opening each: the first is the token.
    await wizard.press('p');
    await wizard.press('p');
    const signIn = await wizard.waitFor('❯ ▾ 1. POST /api/2/idp/token → 200 OK');
    expect(signIn).toContain("Sign in: exchange the API client's id and secret for a bearer token");
    expect(signIn).toContain(`Authorization: Basic ${sandbox.current.clientId}:•••`);
    expect(signIn).toContain('grant_type=client_credentials');
    await wizard.press('\u001b[F');
    const signInEnd = await wizard.waitFor("The guide's step 1 only says to authenticate");
    expect(signInEnd).toContain('"access_token": "<redacted>"');
    expect(signInEnd).toContain(">>> auth = {'Authorization': 'Bearer ' + response.json()['access_token']}");
    expect(wizard.allFrames()).not.toContain(sandbox.current.clientSecret);
    for (const token of sandbox.current.world.tokens.keys()) expect(wizard.allFrames()).not.toContain(token);
  });
});

describe('the data center list', () => {
  it('selects the account signed in to last (listed first), and asks for a secret it does not remember', async () => {
    const store = temporaryStore();
    store.save({dataCenter: 'https://eu5-cloud.acronis.com/api/2', clientId: sandbox.current.clientId});
    const wizard = start({store});
    const frame = await wizard.waitFor('Which data center');
    expect(frame.split('\n').find((line) => line.startsWith('❯'))).toContain(
      'Account eu5-cloud.acronis.com (eu5-cloud.acronis.com)',
    );
    await wizard.press(keys.enter);
    const secret = await wizard.waitFor('Client secret:');
    expect(secret).toContain('Data center  https://eu5-cloud.acronis.com/api/2');
    expect(secret).toContain(`Client id    ${sandbox.current.clientId}`);
  });
});
