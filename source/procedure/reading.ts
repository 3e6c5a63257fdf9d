import type {Pricing, Tenant} from '../platform/index.js';
import {
  dateAsSent,
  firstOfNextMonth,
  formatDay,
  formatMonth,
  parsePlatformDate,
  printable,
  relativeDays,
} from '../text/index.js';

/**
 * One line that says what a pricing object means (docs/platform-notes.md §3): in trial, `production_start_date` is when the
 * tenant will switch by itself; in production or suspended, when it was switched.
 */
export function readPricing(pricing: Pricing, now: number): string {
  const text = pricing.production_start_date;
  const start = text ? parsePlatformDate(text) : Number.NaN;
  const when = Number.isNaN(start) ? undefined : start;
  // A date that is given but cannot be read is shown as the platform wrote it, never taken for no date.
  const written = text && when === undefined ? dateAsSent(text) : undefined;
  switch (pricing.mode) {
    case 'trial':
      if (written) return `Trial: switches to production by itself on ${written}.`;
      return when === undefined
        ? 'Trial: the platform gives no date for its switch to production.'
        : `Trial: switches to production by itself on ${formatDay(when)}, ${relativeDays(when, now)}.`;
    case 'production':
      if (written) return `Production since ${written}.`;
      return when === undefined ? 'Production.' : `Production since ${formatDay(when)}.`;
    case 'suspended':
      if (written) return `Suspended (in production since ${written}): its mode cannot be changed.`;
      return when === undefined
        ? 'Suspended: its mode cannot be changed.'
        : `Suspended (in production since ${formatDay(when)}): its mode cannot be changed.`;
    default:
      return `Unknown pricing mode "${printable(String(pricing.mode))}".`;
  }
}

/** Whether to send a switch, from the tenant and the pricing as read. Only a customer in mode exactly `trial`. */
export type SwitchDecision =
  | {readonly kind: 'switch'}
  /** Already in production: nothing to send, nothing wrong (exit 0). */
  | {readonly kind: 'nothing-to-do'; readonly reason: string}
  /** Not a customer, or suspended: refused, as the seed says (exit 2). */
  | {readonly kind: 'not-switchable'; readonly reason: string}
  /** A mode the platform does not document: nothing is sent on a guess (exit 4). */
  | {readonly kind: 'unexpected-mode'; readonly reason: string};

export function decideSwitch(tenant: Pick<Tenant, 'kind'>, pricing: Pricing): SwitchDecision {
  if (tenant.kind !== 'customer') return {kind: 'not-switchable', reason: whyNotSwitchable(tenant) ?? ''};
  switch (pricing.mode) {
    case 'trial':
      return {kind: 'switch'};
    case 'production':
      return {kind: 'nothing-to-do', reason: 'Already in production: there is nothing to switch.'};
    case 'suspended':
      return {kind: 'not-switchable', reason: 'Suspended: the mode of a suspended tenant is not changed.'};
    default:
      return {
        kind: 'unexpected-mode',
        reason: `The platform answered an unexpected mode: "${printable(String(pricing.mode))}". Nothing is sent on a guess.`,
      };
  }
}

/** Why this tenant cannot be switched, or undefined when it can (a customer in trial). */
export function whyNotSwitchable(tenant: Pick<Tenant, 'kind'>, pricing?: Pricing): string | undefined {
  if (tenant.kind !== 'customer') {
    return `This is a ${tenant.kind} tenant: only customer tenants are switched from trial to production.`;
  }
  if (!pricing) return undefined;
  const decision = decideSwitch(tenant, pricing);
  return decision.kind === 'switch' ? undefined : decision.reason;
}

/** The seed's warnings, applied to today (UTC, the platform's clock) and to this tenant's pricing. */
export function switchFacts(pricing: Pricing, now: number): string[] {
  const facts = ['Not reversible: a customer tenant is switched to production only once.'];
  const start = pricing.production_start_date ? parsePlatformDate(pricing.production_start_date) : Number.NaN;
  const byItself = Number.isNaN(start) ? undefined : start;
  const nextFirst = firstOfNextMonth(now);
  if (byItself !== undefined && byItself < nextFirst && new Date(now).getUTCDate() !== 1) {
    // Its trial ends before the next 1st: that month is billed whether it is switched now or by itself.
    facts.push(
      `Today (${formatDay(now)}, UTC) is not the 1st, but waiting for the 1st is not possible: it switches by ` +
        `itself on ${formatDay(byItself)}, ${relativeDays(byItself, now)} (a trial ends after one full month). ` +
        `${formatMonth(firstBilledMonth(byItself))} is likely billed either way: switching now costs nothing more.`,
    );
    return facts;
  }
  const billedNow = formatMonth(firstBilledMonth(now));
  if (new Date(now).getUTCDate() === 1) {
    facts.push(
      `Today (${formatDay(now)}, UTC) is the 1st, the recommended day (the usage report gets whole months only): ` +
        `switched now, it is billed from ${billedNow}.`,
    );
  } else {
    facts.push(
      `Today (${formatDay(now)}, UTC) is not the 1st: all of ${billedNow} goes into the ` +
        `monthly usage report. The vendor recommends the 1st (next: ${formatDay(nextFirst)}).`,
    );
  }
  if (byItself !== undefined) {
    // A trial that ends after next month starts: switched now it is billed earlier than left alone; said so, on
    // the 1st too (the recommended day is not free for it).
    const later = monthsBetween(firstBilledMonth(now), firstBilledMonth(byItself));
    facts.push(
      `Left alone, it switches by itself on ${formatDay(byItself)}, ${relativeDays(byItself, now)} (a trial ends ` +
        `after one full month), and ${formatMonth(firstBilledMonth(byItself))} is then likely billed in full` +
        (later > 0 ? `: switching now bills ${later === 1 ? 'one month' : `${later} months`} earlier.` : '.'),
    );
  }
  return facts;
}

/** Whole months from the first of one month to the first of a later one (0 when not later). */
function monthsBetween(from: number, to: number): number {
  const a = new Date(from);
  const b = new Date(to);
  return Math.max(0, (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth());
}

/** The same facts, short enough for a 40-column terminal (a split pane): never left out, only said shorter. */
export function switchFactsShort(pricing: Pricing, now: number): string[] {
  const facts = ['Not reversible.'];
  const start = pricing.production_start_date ? parsePlatformDate(pricing.production_start_date) : Number.NaN;
  const byItself = Number.isNaN(start) ? undefined : start;
  const nextFirst = firstOfNextMonth(now);
  const first = new Date(now).getUTCDate() === 1;
  const today = `${formatDay(now)}, UTC`;
  if (byItself !== undefined && byItself < nextFirst && !first) {
    facts.push(
      `Switches by itself on ${formatDay(byItself)}: ${formatMonth(firstBilledMonth(byItself))} likely billed either way.`,
    );
    return facts;
  }
  const billedNow = formatMonth(firstBilledMonth(now));
  facts.push(
    first
      ? `Today (${today}) is the 1st: billed from ${billedNow}.`
      : `Today (${today}) is not the 1st: bills all of ${billedNow}.`,
  );
  if (byItself !== undefined) {
    facts.push(
      `Left alone: switches ${formatDay(byItself)}, likely billed from ${formatMonth(firstBilledMonth(byItself))}.`,
    );
  }
  return facts;
}

/**
 * The first month whose whole usage is billed when a tenant switches at `at` (UTC, the platform's clock): the
 * month of the switch. The seed says so of a switch the operator makes ("If you switch from trial to production in
 * the middle of a month, the entire month will be included in the monthly service usage report"). [assumed] That
 * it holds for the switch the platform makes by itself after a month of trial is our assumption: the seed does not
 * say, and screens say "likely" where they rely on it. Returns the first instant of that month.
 */
export function firstBilledMonth(at: number): number {
  const date = new Date(at);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}
