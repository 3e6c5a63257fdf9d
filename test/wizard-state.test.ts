import {describe, expect, it} from 'vitest';
import {PlatformError, type Pricing, type Tenant} from '../source/platform/index.js';
import {wizardKey} from '../source/wizard/keys.js';
import {
  initialState,
  reducer,
  type Step,
  type WizardEvent,
  type WizardState,
} from '../source/wizard/state.js';

const tenant = {id: 't', name: 'Acme Corp', kind: 'customer', pricing_mode: 'trial'} as unknown as Tenant;
const pricing: Pricing = {
  mode: 'trial',
  currency: null,
  production_start_date: '2026-12-23T09:00:00',
  version: 7,
};
const row = {tenant, path: ['Northwind Partners']};
const account = {
  host: 'h',
  clientId: 'c',
  tenantId: 'p',
  tenantName: 'Northwind Partners',
  remembered: false,
};

const run = (state: WizardState, ...events: WizardEvent[]) => events.reduce(reducer, state);

describe('wizard state machine', () => {
  it('asks the connect fields in order, then signs in', () => {
    const state = run(
      initialState(),
      {type: 'DATA_CENTER_CHOSEN', dataCenter: 'https://eu2-cloud.acronis.com'},
      {type: 'CLIENT_ID_ENTERED', clientId: 'id'},
      {type: 'SECRET_ENTERED', secret: 's'},
    );
    expect(state.step).toEqual({name: 'connect', field: 'remember'});
    expect(run(state, {type: 'REMEMBER_ANSWERED', remember: true}).step).toEqual({
      name: 'connect',
      field: 'signingIn',
    });
  });

  it('starts signing in at once when flags gave everything', () => {
    expect(initialState({dataCenter: 'd', clientId: 'c', secret: 's', rememberAsked: true}).step.name).toBe(
      'connect',
    );
    expect(initialState({dataCenter: 'd', clientId: 'c', secret: 's', rememberAsked: true}).step).toEqual({
      name: 'connect',
      field: 'signingIn',
    });
  });

  it('Esc while signing in goes back to the choice of data center (it once left the spinner turning)', () => {
    const signingIn = initialState({dataCenter: 'd', clientId: 'c', secret: 's', rememberAsked: true});
    expect(run(signingIn, {type: 'BACK'}).step).toEqual({name: 'connect', field: 'dataCenter'});
  });

  it('after a refused secret, asks only the secret again and then signs in again', () => {
    const filled = initialState({dataCenter: 'd', clientId: 'c', secret: 's', rememberAsked: true});
    const refused = run(filled, {type: 'SIGN_IN_FAILED', field: 'secret', error: 'no'});
    expect(refused.step).toEqual({name: 'connect', field: 'secret', error: 'no'});
    expect(refused.form.secret).toBe('');
    expect(run(refused, {type: 'SECRET_ENTERED', secret: 'right'}).step).toEqual({
      name: 'connect',
      field: 'signingIn',
    });
  });

  it('walks the steps forward and back; never back past a sent switch', () => {
    const signedIn = run(initialState(), {type: 'SIGNED_IN', account});
    const viewing = run(
      signedIn,
      {type: 'LOOKUP_STARTED', query: 'Acme', busy: '…'},
      {type: 'PRICING_LOADED', row, pricing},
    );
    expect(viewing.step.name).toBe('viewPricing');
    const confirming = run(viewing, {type: 'SWITCH_REQUESTED'});
    expect(confirming.step.name).toBe('confirm');
    expect(run(confirming, {type: 'BACK'}).step.name).toBe('viewPricing');
    const switching = run(confirming, {type: 'SWITCH_CONFIRMED'});
    expect(switching.switchesSent).toBe(1);
    expect(run(switching, {type: 'BACK'})).toBe(switching);
    const done = run(switching, {
      type: 'SWITCH_FINISHED',
      outcome: {kind: 'switched', status: 200, pricing, puts: 1},
    });
    expect(done.step.name).toBe('result');
    expect(run(done, {type: 'BACK'})).toBe(done);
    expect(run(done, {type: 'ANOTHER_TENANT_REQUESTED'}).step).toMatchObject({
      name: 'chooseTenant',
      phase: 'input',
    });
  });

  it('offers no switch for a tenant that is not in trial', () => {
    const viewing = run(
      initialState(),
      {type: 'SIGNED_IN', account},
      {
        type: 'PRICING_LOADED',
        row,
        pricing: {...pricing, mode: 'production'},
      },
    );
    expect(run(viewing, {type: 'SWITCH_REQUESTED'})).toBe(viewing);
  });

  it('ignores answers that arrive after the operator moved on', () => {
    const signedIn = run(initialState(), {type: 'SIGNED_IN', account});
    const back = run(signedIn, {type: 'BACK'});
    expect(back.step).toEqual({name: 'connect', field: 'signedIn'});
    expect(run(back, {type: 'PRICING_LOADED', row, pricing})).toBe(back);
    expect(run(back, {type: 'LOOKUP_FOUND', rows: [row], listTitle: 'x'})).toBe(back);
  });
});

describe('the wizard-wide keys', () => {
  const viewPricing: Step = {name: 'viewPricing', row, pricing};
  const confirm: Step = {name: 'confirm', row, pricing};
  const refused = (status: number, mode: Pricing['mode']): Step => ({
    name: 'result',
    row,
    before: pricing,
    outcome: {
      kind: 'failed',
      error: new PlatformError('http', 'refused', {status}),
      pricingAfter: {...pricing, mode, version: 8},
      puts: 1,
    },
  });

  it('q and Enter act only where no text is typed: a tenant name with a q in it never quits', () => {
    expect(wizardKey(viewPricing, 'q')).toEqual({type: 'leave', reason: 'quit'});
    expect(wizardKey(viewPricing, '\r')).toEqual({type: 'event', event: {type: 'SWITCH_REQUESTED'}});
    expect(wizardKey(confirm, 'q')).toBeUndefined();
    expect(wizardKey(confirm, '\r')).toBeUndefined();
    expect(wizardKey(confirm, '\u0003')).toEqual({type: 'leave', reason: 'interrupted'});
    expect(wizardKey(confirm, '\u001b')).toEqual({type: 'back'});
  });

  it('on a step the terminal is too small for, only Esc, Tab and Ctrl+C act: nothing happens to it unseen', () => {
    expect(wizardKey(viewPricing, '\r', false, true)).toEqual({type: 'ignore'});
    expect(wizardKey(viewPricing, 'q', false, true)).toEqual({type: 'ignore'});
    expect(wizardKey(confirm, '\u001b', false, true)).toEqual({type: 'back'});
    expect(wizardKey(confirm, '\t', false, true)).toEqual({type: 'togglePanel'});
    expect(wizardKey(confirm, '\u0003', false, true)).toEqual({type: 'leave', reason: 'interrupted'});
  });

  it('r confirms again only after a passing refusal (409, 429, 5xx) that left the tenant in trial', () => {
    const stale = refused(409, 'trial');
    const again = {type: 'event', event: {type: 'RECONFIRM_REQUESTED', pricing: {...pricing, version: 8}}};
    expect(wizardKey(stale, 'r')).toEqual(again);
    expect(wizardKey(refused(503, 'trial'), 'r')).toEqual(again);
    expect(wizardKey(refused(429, 'trial'), 'r')).toEqual(again);
    expect(wizardKey(refused(409, 'production'), 'r')).toBeUndefined();
    expect(wizardKey(refused(400, 'trial'), 'r')).toBeUndefined();
    expect(wizardKey(refused(403, 'trial'), 'r')).toBeUndefined();
    // No answer came: the first request may still be processed; the operator is not invited to send another.
    const timedOut: Step = {
      name: 'result',
      row,
      before: pricing,
      outcome: {
        kind: 'failed',
        error: new PlatformError('timeout', 'no answer'),
        pricingAfter: pricing,
        puts: 1,
      },
    };
    expect(wizardKey(timedOut, 'r')).toBeUndefined();
    expect(wizardKey(stale, '\r')).toEqual({type: 'event', event: {type: 'ANOTHER_TENANT_REQUESTED'}});
  });
});
