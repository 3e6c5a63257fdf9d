import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {sandboxPerFile, tenantId} from './helpers/sandbox.js';

const run = promisify(execFile);
const sandbox = sandboxPerFile();

describe("the seed's own Python procedure against the sandbox", () => {
  it('switches a trial customer with a 200, then refuses going back to trial', async () => {
    const script = fileURLToPath(new URL('./fixtures/seed-procedure.py', import.meta.url));
    const {url, clientId, clientSecret} = sandbox.current;
    const {stdout} = await run('python3', [script, url, clientId, clientSecret, 'Acme Corp']);
    const steps = Object.fromEntries(
      stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as {step: string})
        .map((step) => [step.step, step]),
    );
    expect(steps.found).toMatchObject({tenant_id: tenantId(sandbox.current, 'Acme Corp')});
    expect(steps.fetched).toMatchObject({status: 200, pricing: {mode: 'trial', currency: null}});
    expect(steps.switched).toMatchObject({status: 200, body: {mode: 'production'}});
    expect(steps['back-to-trial']).toMatchObject({
      status: 400,
      body: {error: {code: 'mode_change_not_allowed', domain: 'PlatformAccountServer'}},
    });
    expect(sandbox.current.world.tenants.get(tenantId(sandbox.current, 'Acme Corp'))?.pricing.mode).toBe(
      'production',
    );
  });
});
