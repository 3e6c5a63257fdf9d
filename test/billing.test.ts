import {describe, expect, it} from 'vitest';
import {firstBilledMonth, type Pricing, switchFacts, switchFactsShort} from '../source/procedure/index.js';

const trialUntil = (date: string): Pricing => ({
  mode: 'trial',
  currency: null,
  production_start_date: date,
  version: 1,
});
const at = (...parts: [number, number, number, number?, number?]) => Date.UTC(...parts);

describe('what a switch bills', () => {
  it('the first month billed in full is the month of the switch (UTC)', () => {
    expect(firstBilledMonth(at(2026, 10, 26, 9))).toBe(at(2026, 10, 1));
    expect(firstBilledMonth(at(2027, 1, 28, 23, 30))).toBe(at(2027, 1, 1));
    expect(firstBilledMonth(at(2027, 2, 1, 0, 0))).toBe(at(2027, 2, 1));
  });

  it('a trial that ends before the next 1st: the same month either way, and no advice to wait', () => {
    const facts = switchFacts(trialUntil('2026-11-29T09:00:00'), at(2026, 10, 26, 9)).join('\n');
    expect(facts).toContain(
      'waiting for the 1st is not possible: it switches by itself on 29 Nov 2026, in 3 days',
    );
    expect(facts).toContain('November 2026 is likely billed either way');
    expect(facts).not.toContain('recommends the 1st');
  });

  it('a trial that ends later: the 1st is recommended, and the automatic switch likely bills its own month', () => {
    const facts = switchFacts(trialUntil('2026-12-23T09:00:00'), at(2026, 10, 26, 9)).join('\n');
    expect(facts).toContain('all of November 2026 goes into the monthly usage report');
    expect(facts).toContain('The vendor recommends the 1st (next: 1 Dec 2026)');
    expect(facts).toContain('December 2026 is then likely billed in full');
  });

  it('on the 1st, it is the recommended day', () => {
    const facts = switchFacts(trialUntil('2027-03-20T00:00:00'), at(2027, 2, 1, 0, 5)).join('\n');
    expect(facts).toContain('Today (1 Mar 2027, UTC) is the 1st, the recommended day');
    expect(facts).toContain('switched now, it is billed from March 2027');
    expect(facts).not.toContain('earlier');
  });

  it('on the 1st, a trial that ends next month: switching now bills a month earlier, said in every form', () => {
    const now = at(2026, 11, 1, 8);
    const pricing = trialUntil('2027-01-01T00:00:00');
    const facts = switchFacts(pricing, now).join('\n');
    expect(facts).toContain('switched now, it is billed from December 2026');
    expect(facts).toContain(
      'January 2027 is then likely billed in full: switching now bills one month earlier',
    );
    const short = switchFactsShort(pricing, now).join('\n');
    expect(short).toContain('Today (1 Dec 2026, UTC) is the 1st: billed from December 2026');
    expect(short).toContain('Left alone: switches 1 Jan 2027, likely billed from January 2027.');
  });

  it('the short form says the day in UTC (in Sydney it may already be the 1st)', () => {
    const short = switchFactsShort(trialUntil('2027-01-20T00:00:00'), at(2026, 10, 30, 22)).join('\n');
    expect(short).toContain('Today (30 Nov 2026, UTC) is not the 1st: bills all of November 2026');
  });

  it('23:30 UTC on 28 Feb 2027 is still February, whatever the time zone says', () => {
    const facts = switchFacts(trialUntil('2027-03-20T00:00:00'), at(2027, 1, 28, 23, 30)).join('\n');
    expect(facts).toContain('Today (28 Feb 2027, UTC) is not the 1st: all of February 2027');
    expect(facts).toContain('(next: 1 Mar 2027)');
  });
});
