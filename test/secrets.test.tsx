import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {afterAll, describe, expect, it} from 'vitest';
import {sandboxPerFile} from './helpers/sandbox.js';
import {driveWizard, keys} from './helpers/wizard-driver.js';

// A recognisable secret, typed through the whole journey with the HTTP panel opened on every step: neither it nor
// any token the sandbox issued may appear in a frame, a snapshot file or the credentials file.
const secret = 'tm-SECRET-7f3a9c-do-not-print';
const sandbox = sandboxPerFile();
let wizard: ReturnType<typeof driveWizard> | undefined;
afterAll(() => wizard?.instance.unmount());

describe('secrets stay secret', () => {
  it('in every frame of a full run, in the snapshots, and in the (not remembered) store', async () => {
    const client = sandbox.current.world.clients.get(sandbox.current.clientId);
    if (client) client.secret = secret;
    wizard = driveWizard(sandbox.current);
    const {waitFor, waitForGone, press, type} = wizard;
    const peek = async () => {
      await press(keys.tab);
      await waitFor('HTTP calls of this step');
      await press(keys.tab);
      // While the panel is open no step owns the keys: the next one waits for the step to be back.
      await waitForGone('HTTP calls of this step');
    };
    await waitFor('Which data center');
    await wizard.pick('Another URL…');
    await waitFor('Data center URL:');
    await type(sandbox.current.url);
    await press(keys.enter);
    await waitFor('API client id:');
    await type(sandbox.current.clientId);
    await press(keys.enter);
    await waitFor('Client secret:');
    await type(secret, {masked: true});
    await press(keys.enter);
    await waitFor('Remember these credentials');
    await press(keys.enter);
    await waitFor('Step 2 of 5');
    await peek();
    await press(keys.escape); // the account screen of step 1: its panel has the token exchange
    await waitFor('Continue with this account');
    await peek();
    await press(keys.enter);
    await wizard.chooseTenant('Acme Corp');
    await peek();
    await press(keys.enter);
    await waitFor('Type the tenant');
    await type('Acme Corp');
    await press(keys.enter);
    await waitFor('is now in production');
    await peek();
    await press(keys.escape);

    const tokens = [...sandbox.current.world.tokens.keys()];
    expect(tokens.length).toBeGreaterThan(0);
    const places: Record<string, string> = {frames: wizard.allFrames()};
    const snapshots = new URL('./__snapshots__/', import.meta.url);
    if (existsSync(snapshots)) {
      for (const name of readdirSync(snapshots))
        places[name] = readFileSync(new URL(name, snapshots), 'utf8');
    }
    if (existsSync(wizard.store.path)) places.store = readFileSync(wizard.store.path, 'utf8');
    expect(places.frames).toMatch(/Authorization: Bearer …\S{4}/); // the panel was really shown
    for (const [place, text] of Object.entries(places)) {
      expect(text.includes(secret), `secret in ${place}`).toBe(false);
      for (const token of tokens) expect(text.includes(token), `token in ${place}`).toBe(false);
      for (const token of tokens)
        expect(text.includes(token.split('.')[2] ?? token), `token part in ${place}`).toBe(false);
    }
  });
});
