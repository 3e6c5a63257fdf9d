import {afterEach, describe, expect, it} from 'vitest';
import {requestLines, sandboxPerFile, tenantId} from './helpers/sandbox.js';
import {driveWizard, keys} from './helpers/wizard-driver.js';

const sandbox = sandboxPerFile();
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('the wizard, happy path', () => {
  it('signs in, finds the tenant, shows its pricing, confirms by name, and sends exactly one PUT', async () => {
    const wizard = driveWizard(sandbox.current);
    cleanup = wizard.instance.unmount;
    expect(await wizard.waitFor('Which data center')).toMatchSnapshot('step 1: data center');
    await wizard.press(keys.enter);
    expect(await wizard.waitFor('Tenant name or UUID:')).toMatchSnapshot('step 2: tenant input');

    await wizard.chooseTenant('Acme Corp');
    expect(wizard.frame()).toMatchSnapshot('step 3: pricing of a trial');
    const id = tenantId(sandbox.current, 'Acme Corp');
    const version = sandbox.current.world.tenants.get(id)?.pricing.version;

    const before = sandbox.current.requests.length;
    await wizard.press(keys.enter);
    expect(await wizard.waitFor('Type the tenant')).toMatchSnapshot('step 4: confirm');
    await wizard.type('Acme Corp');
    await wizard.press(keys.enter);
    expect(await wizard.waitFor('is now in production')).toMatchSnapshot('step 5: switched');

    const puts = sandbox.current.requests.slice(before).filter((request) => request.method === 'PUT');
    expect(puts.map((request) => request.path)).toEqual([`/tenants/${id}/pricing`]);
    expect(JSON.parse(puts[0]?.body ?? '')).toEqual({version, mode: 'production'});
    expect(sandbox.current.world.tenants.get(id)?.pricing.mode).toBe('production');

    // Another tenant, without signing in again.
    const tokensBefore = requestLines(sandbox.current).filter((line) => line === 'POST /idp/token').length;
    await wizard.press(keys.enter);
    await wizard.waitFor('Tenant name or UUID:');
    await wizard.chooseTenant('Globex');
    expect(wizard.frame()).toContain('Globex');
    expect(requestLines(sandbox.current).filter((line) => line === 'POST /idp/token')).toHaveLength(
      tokensBefore,
    );

    await wizard.press('q');
    expect(wizard.exits).toEqual([
      {
        reason: 'quit',
        switchesSent: 1,
        switchInFlight: false,
        summary: 'Acme Corp: switched to production (200).',
        exitCode: 0,
      },
    ]);
    // The wizard's last frame is that one line, not the result screen with its key hints. (Ink may clear the
    // test's screen once it has let go of it: the frame is looked for among those drawn.)
    const summary = 'Acme Corp: switched to production (200).';
    for (let tries = 0; tries < 200 && !wizard.allFrames().includes(summary); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const frames = wizard.instance.frames.filter((frame) => frame.trim() !== '');
    expect(frames.at(-1)?.trim()).toBe(summary);
  });
});
