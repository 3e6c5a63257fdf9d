// The one record of a switch, as tables: every answer a switch can get (status × body × the re-read after it) and
// the verdict, the apply's outcome and the audit log's word for it. The fault matrix (test/faults.test.ts) and the
// fuzz test reach these end to end; here each row is read on its own.
import {describe, expect, it} from 'vitest';
import {PlatformError, type Pricing} from '../source/platform/index.js';
import type {PlannedTenant} from '../source/procedure/plan-format.js';
import {
  type ApplyOutcome,
  applyOutcomeOfAudit,
  applyOutcomes,
  auditOutcomeOf,
  type FailedSwitch,
  plannedOutcomeLines,
  planOutcomeOf,
  settledOutcomes,
  verdictOf,
} from '../source/procedure/switch-record.js';

const version = 1_790_000_000_000;
const trial: Pricing = {mode: 'trial', version, production_start_date: null} as Pricing;
const trialChanged: Pricing = {...trial, version: version + 1};
const production: Pricing = {
  mode: 'production',
  version: version + 1,
  production_start_date: null,
} as Pricing;
const suspended: Pricing = {mode: 'suspended', version, production_start_date: null} as Pricing;
const tenant: PlannedTenant = {
  id: '6d7c3f5e-1b2a-4c3d-8e9f-0a1b2c3d4e5f',
  name: 'Acme Corp',
  path: [],
  pricing_version: version,
  mode: 'trial',
  auto_switch_date: null,
};

const http = (status: number) => new PlatformError('http', `answered ${status}`, {status});
const answers = {
  timeout: new PlatformError('timeout', 'no answer'),
  'connection reset': new PlatformError('network', 'dropped', {networkCode: 'ECONNRESET'}),
  'connection refused': new PlatformError('network', 'refused', {networkCode: 'ECONNREFUSED'}),
  '200 still trial': new PlatformError('unverified', 'says trial', {status: 200}),
  'HTML page': new PlatformError('not-json', 'not JSON', {status: 502}),
  'odd shape': new PlatformError('shape', 'a field missing', {status: 200}),
  '400': http(400),
  '401': http(401),
  '403': http(403),
  '404': http(404),
  '409': http(409),
  '429': http(429),
  '500': http(500),
  '503': http(503),
  redirect: new PlatformError('redirect', 'moved', {status: 302}),
} as const;
type Answer = keyof typeof answers;
const rereadFailed = new PlatformError('timeout', 're-read timed out');

function failed(answer: Answer, after: Pricing | 'unreadable' | '404'): FailedSwitch {
  if (after === 'unreadable')
    return {kind: 'failed', error: answers[answer], rereadError: rereadFailed, puts: 1};
  if (after === '404') return {kind: 'failed', error: answers[answer], rereadError: http(404), puts: 1};
  return {kind: 'failed', error: answers[answer], pricingAfter: after, puts: 1};
}

// answer, re-read, verdict (the single switch and the audit log), the apply's outcome
const table: [Answer, Pricing | 'unreadable' | '404', string, ApplyOutcome][] = [
  // No answer, or one that proves nothing: the re-read decides; trial at the same version means it may still land.
  ['timeout', production, 'switched-confirmed-by-reread', 'switched-confirmed-by-reread'],
  ['timeout', trial, 'unknown', 'unknown'],
  ['timeout', 'unreadable', 'unknown', 'unknown'],
  ['connection reset', production, 'switched-confirmed-by-reread', 'switched-confirmed-by-reread'],
  ['connection reset', trial, 'unknown', 'unknown'],
  ['connection reset', 'unreadable', 'unknown', 'unknown'],
  ['200 still trial', trial, 'unknown', 'unknown'],
  ['200 still trial', production, 'switched-confirmed-by-reread', 'switched-confirmed-by-reread'],
  // Never connected: nothing can have happened.
  ['connection refused', trial, 'failed', 'failed'],
  ['connection refused', 'unreadable', 'failed', 'failed'],
  // An answer we could not read: the re-read decides, and without it nobody knows.
  ['HTML page', trial, 'failed', 'failed'],
  ['HTML page', production, 'switched-confirmed-by-reread', 'switched-confirmed-by-reread'],
  ['HTML page', 'unreadable', 'unknown', 'unknown'],
  ['odd shape', 'unreadable', 'unknown', 'unknown'],
  ['redirect', production, 'switched-confirmed-by-reread', 'switched-confirmed-by-reread'],
  ['redirect', trial, 'failed', 'failed'],
  // The platform refused: production on re-reading means someone else switched it first.
  ['409', production, 'already-production', 'nothing-to-do'],
  ['409', trialChanged, 'failed', 'changed-since-plan'],
  ['409', trial, 'failed', 'refused'],
  ['400', production, 'already-production', 'nothing-to-do'],
  ['400', trial, 'failed', 'refused'],
  ['403', trial, 'failed', 'refused'],
  // Refused, and the re-read failed too: nothing happened, and a rerun reads it again before deciding.
  ['403', 'unreadable', 'failed', 'failed'],
  ['404', '404', 'failed', 'gone'],
  ['404', trial, 'failed', 'gone'],
  ['400', suspended, 'failed', 'refused'],
  ['500', suspended, 'failed', 'refused'],
  // 401: our PUT was refused for its token (and sent again once); production then is our doing.
  ['401', production, 'switched-confirmed-by-reread', 'switched-confirmed-by-reread'],
  ['401', trial, 'failed', 'failed'],
  // A passing refusal: still trial at the planned version, a rerun tries again.
  ['429', trial, 'failed', 'failed'],
  ['429', production, 'already-production', 'nothing-to-do'],
  ['500', trial, 'failed', 'failed'],
  ['500', production, 'switched-confirmed-by-reread', 'switched-confirmed-by-reread'],
  ['500', 'unreadable', 'unknown', 'unknown'],
  ['503', trial, 'failed', 'failed'],
  ['503', 'unreadable', 'unknown', 'unknown'],
];

describe('a switch that did not answer 200 in production', () => {
  it.each(table)('%s, re-read %j: %s; in an apply %s', (answer, after, verdict, planned) => {
    const outcome = failed(answer, after);
    expect(verdictOf(outcome)).toBe(verdict);
    expect(planOutcomeOf(outcome, tenant)).toBe(planned);
  });

  it('answered 200 in production: switched, whatever else', () => {
    expect(verdictOf({kind: 'switched', status: 200, pricing: production, puts: 1})).toBe('switched');
  });
});

describe('the apply’s outcomes and the audit log’s words', () => {
  const every = [...applyOutcomes] as ApplyOutcome[];

  it.each([
    ['switched', 'switched'],
    ['switched-confirmed-by-reread', 'switched-confirmed-by-reread'],
    ['nothing-to-do', 'already-production'],
    ['changed-since-plan', 'failed'],
    ['gone', 'failed'],
    ['refused', 'failed'],
    ['failed', 'failed'],
    ['unknown', 'unknown'],
    ['busy', 'failed'],
    ['not-sent', 'failed'],
  ] as const)('%s is recorded in the audit log as %s', (outcome, audited) => {
    expect(auditOutcomeOf(outcome)).toBe(audited);
  });

  it('covers every outcome, and a rerun reads back as settled exactly what the audit log says was switched', () => {
    expect(every.sort()).toEqual(
      [
        'busy',
        'changed-since-plan',
        'failed',
        'gone',
        'not-sent',
        'nothing-to-do',
        'refused',
        'switched',
        'switched-confirmed-by-reread',
        'unknown',
      ].sort(),
    );
    for (const outcome of every) {
      const back = applyOutcomeOfAudit(auditOutcomeOf(outcome));
      // What the audit log calls switched or already in production comes back settled; the rest is read again.
      if (back !== undefined) expect(settledOutcomes.has(back as ApplyOutcome)).toBe(true);
      if (['switched', 'switched-confirmed-by-reread', 'nothing-to-do'].includes(outcome))
        expect(back).toBeDefined();
    }
    expect(applyOutcomeOfAudit('not-recorded')).toBe('pending');
    expect(applyOutcomeOfAudit('cancelled-by-operator')).toBeUndefined();
  });

  it('writes an outcome line to the audit log only when it closes an attempt, and never for busy', () => {
    const result = {outcome: 'busy', status: null, puts: 0} as const;
    expect(plannedOutcomeLines('an-attempt', tenant, 'sha', result, 0).audit).toBeUndefined();
    expect(
      plannedOutcomeLines(undefined, tenant, 'sha', {...result, outcome: 'gone'}, 0).audit,
    ).toBeUndefined();
    const closing = plannedOutcomeLines('an-attempt', tenant, 'sha', {...result, outcome: 'refused'}, 0);
    expect(closing.audit).toMatchObject({kind: 'outcome', attempt_id: 'an-attempt', outcome: 'failed'});
    expect(closing.results).toMatchObject({attempt_id: 'an-attempt', outcome: 'refused', plan_sha256: 'sha'});
  });
});
