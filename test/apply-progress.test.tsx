import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {ProgressTally} from '../source/procedure/index.js';
import type {PlannedTenant} from '../source/procedure/plan-format.js';
import {ApplyProgressView} from '../source/wizard/ApplyProgressView.js';

// The apply's live view, drawn from a tally fed as the engine feeds it: a stable frame for review, and the numbers
// an operator reads (done of total, outcomes, rate and time left, the pause, who is in flight).

const tenant = (index: number): PlannedTenant => ({
  id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
  name: `Customer ${String(index).padStart(5, '0')}`,
  path: ['Northwind Partners'],
  pricing_version: 1,
  mode: 'trial',
  auto_switch_date: null,
});

describe('the apply progress view', () => {
  it('says how far it is, what became of the tenants, the rate, the time left, the pause and who is in flight', () => {
    const start = Date.UTC(2026, 11, 1, 0, 5);
    const tally = new ProgressTally(1324, start);
    for (let index = 0; index < 400; index++) {
      const planned = tenant(index);
      tally.start(planned);
      const outcome = index % 100 === 7 ? 'changed-since-plan' : index === 13 ? 'unknown' : 'switched';
      tally.result({tenant: planned, outcome, status: 200, puts: 1});
    }
    tally.start(tenant(400));
    tally.start(tenant(401));
    // 400 in 4 s: 100 a second, 924 left.
    const progress = tally.snapshot(start + 4000, start + 6000);
    const {lastFrame} = render(<ApplyProgressView progress={progress} title="Progress" />);
    const frame = lastFrame() ?? '';
    expect(frame).toContain('400 of 1,324 (30 %)');
    expect(frame).toMatch(/✔ 395 switched +0 nothing to do +✘ 4 refused +0 failed +\? 1 unknown/);
    expect(frame).toContain('100.0 tenants a second · about 9 s left');
    expect(frame).toContain('The platform asked to slow down (429): every request waits 2 s.');
    expect(frame).toContain('In flight: Customer 00400, Customer 00401');
    expect(frame).toMatchSnapshot('400 of 1,324, paused');
  });

  it('ends with "Interrupted." instead of a time left, and nothing in flight', () => {
    const tally = new ProgressTally(10, 0);
    tally.start(tenant(1));
    tally.result({tenant: tenant(1), outcome: 'switched', status: 200, puts: 1});
    const last = {...tally.snapshot(1000), inFlight: []};
    const frame = render(
      <ApplyProgressView progress={last} title="Progress" ending="Interrupted." />,
    ).lastFrame();
    expect(frame).toContain('1 of 10 (10 %)');
    expect(frame).toContain('Interrupted.');
    expect(frame).not.toContain('left');
  });
});
