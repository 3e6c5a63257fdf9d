// Named scenarios for onboarding sessions (docs/onboarding.md): presets of the sandbox's fault rules and rate limit
// that a trainer picks to show what tenant-mode does when things go wrong. Each says in one line what happens and
// what to do to see it.
import type {FaultRule} from './faults.js';

export interface Scenario {
  readonly name: string;
  /** One line for `--scenario help`. */
  readonly summary: string;
  /** What to do in the lesson to see it, and what tenant-mode then does. */
  readonly lesson: string;
  readonly faults: readonly FaultRule[];
  readonly ratePerSecond?: number;
}

const pricing = /^\/tenants\/[^/]+\/pricing$/;

export const scenarios: readonly Scenario[] = [
  {
    name: 'lost-answer',
    summary: 'the switch is carried out, but its answer never arrives',
    lesson:
      'Switch any trial customer (Acme Corp, say): the platform switches it, but the connection drops before the answer. tenant-mode never sends the PUT again: it reads the pricing again, finds production, and says so (confirmed by re-read).',
    faults: [{method: 'PUT', path: pricing, drop: 'after', times: 1}],
  },
  {
    name: 'conflict',
    summary: 'someone else changed the pricing since it was read: 409',
    lesson:
      "Switch any trial customer: just before the switch arrives, someone else sets its currency to EUR, so its pricing's version moves on and the platform refuses the switch with 409. Nothing is switched; tenant-mode reads the pricing again (the new version, the new currency) and offers to confirm once more with what is there now (r).",
    faults: [{method: 'PUT', path: pricing, editedFirst: true, times: 1}],
  },
  {
    name: 'outage',
    summary: 'the platform answers 503 for a while, then recovers',
    lesson:
      'Read a customer: its pricing answers 503 twice, and tenant-mode tries again by itself. Then switch it: the PUT meets a 503 too; the pricing read again shows it still in trial, so nothing happened. Press r to try again: it goes through.',
    faults: [
      {
        method: 'GET',
        path: pricing,
        status: 503,
        body: {error: {code: 'unavailable', message: 'Service unavailable.'}},
        times: 2,
      },
      {
        method: 'PUT',
        path: pricing,
        status: 503,
        body: {error: {code: 'unavailable', message: 'Service unavailable.'}},
        times: 1,
      },
    ],
  },
  {
    name: 'namesakes',
    summary: 'two customers with one name',
    lesson:
      'Search for Contoso: two customers have that name, one directly under Northwind Partners and one in the Retail folder. tenant-mode never guesses: it lists both with where they sit and their UUID, and the confirmation names the one chosen.',
    faults: [],
  },
  {
    name: 'already-production',
    summary: 'a customer already in production: nothing to switch',
    lesson:
      'Choose Initech: it has been in production since 2024. tenant-mode says since when, and offers no switch (a switch is made once, and cannot be undone).',
    faults: [],
  },
  {
    name: 'rate-limited',
    summary: 'more than 3 requests a second are answered 429',
    lesson:
      'Browse the customers, or plan the 1st: beyond 3 requests a second the platform answers 429 with Retry-After. tenant-mode waits as long as it is asked (the countdown says so), then goes on.',
    faults: [],
    ratePerSecond: 3,
  },
];

export function scenarioNamed(name: string): Scenario | undefined {
  return scenarios.find((scenario) => scenario.name === name.trim().toLowerCase());
}

/** `--scenario help`: every scenario, one line each. */
export function scenarioList(): string[] {
  const width = Math.max(...scenarios.map((scenario) => scenario.name.length));
  return scenarios.map((scenario) => `  ${scenario.name.padEnd(width)}  ${scenario.summary}`);
}
