// A lesson (tenant-mode learn, docs/onboarding.md): what the wizard explained at each step and every call it made,
// in order, kept for the transcript the trainee takes away — as Markdown, with the matching Python and, at the
// end, the session as a runnable script. Calls come already redacted (platform/redact.ts): no secret, no whole token.
import {type Exchange, type LessonPlace, lessonLearned, pythonScript} from '../procedure/index.js';
import {callLines} from './call-lines.js';
import type {Step} from './state.js';

type Entry =
  | {readonly kind: 'intro'; readonly lines: readonly string[]}
  | {readonly kind: 'call'; readonly index: number};

export class Lesson {
  readonly calls: Exchange[] = [];
  readonly #entries: Entry[] = [];

  constructor(
    /** The scenario played, if any (sandbox/scenarios.ts): its name and what to do. */
    readonly scenario?: {readonly name: string; readonly lesson: string},
  ) {}

  readonly record = (exchange: Exchange): void => {
    this.calls.push(exchange);
    this.#entries.push({kind: 'call', index: this.calls.length - 1});
  };

  /** A step's explanation, kept once each time it opens. */
  intro(lines: readonly string[]): void {
    const last = [...this.#entries].reverse().find((entry) => entry.kind === 'intro');
    if (last?.kind === 'intro' && last.lines.join('\n') === lines.join('\n')) return;
    this.#entries.push({kind: 'intro', lines});
  }

  /** What was learned, for the end of the lesson. */
  learned(): string[] {
    return lessonLearned(this.calls);
  }

  /** The whole session as Markdown. */
  transcript(): string {
    const out: string[] = ['# Onboarding session: switching a customer tenant to production', ''];
    // What the scenario stages is said in step 1's explanation, below.
    if (this.scenario) out.push(`Scenario **${this.scenario.name}**.`, '');
    for (const entry of this.#entries) {
      if (entry.kind === 'intro') {
        out.push(...entry.lines.map((line) => `> ${line}`), '');
        continue;
      }
      const lines = callLines(this.calls.slice(0, entry.index + 1), {open: new Set([entry.index])})
        .filter((line) => line.call === entry.index)
        .map((line) => line.text.replace(/^[❯ ] [▾▸] /, ''));
      const [heading = '', ...rest] = lines;
      out.push(`### Call ${heading}`, '', fenced(rest.join('\n'), 'text'), '');
    }
    out.push(
      '## What was learned',
      '',
      ...this.learned().map((line) => (line.startsWith('  ') ? `  - ${line.trim()}` : `- ${line}`)),
      '',
    );
    const facts = this.#scriptFacts();
    out.push('## The same, as a Python script', '');
    if (facts) {
      out.push(
        'Run it with the secret in the environment (`TENANT_MODE_CLIENT_SECRET`) and a tenant UUID to switch another:',
        '',
        fenced(pythonScript(facts), 'python'),
        '',
      );
    } else {
      out.push('No tenant was switched or read in this lesson: there is no switch to write as a script.', '');
    }
    return out.join('\n');
  }

  /** The data center, client and tenant of the lesson's switch (or of the last pricing read). */
  #scriptFacts(): {dataCenter: string; clientId: string; tenantId: string} | undefined {
    const token = this.calls.find((call) => /\/idp\/token$/.test(new URL(call.url).pathname));
    const basic = token?.requestHeaders.Authorization?.match(/^Basic ([0-9a-fA-F-]{36}):/)?.[1];
    const pricing = [...this.calls]
      .reverse()
      .find(
        (call) =>
          /\/tenants\/[^/]+\/pricing$/.test(new URL(call.url).pathname) &&
          (call.method === 'PUT' || call.method === 'GET'),
      );
    if (!token || !basic || !pricing) return undefined;
    const url = new URL(pricing.url);
    const tenantId = url.pathname.split('/').at(-2) ?? '';
    return {dataCenter: `${url.origin}/api/2`, clientId: basic, tenantId};
  }
}

/** A fenced block that no line of the text can close. */
function fenced(text: string, language: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}

/** Where a lesson is, from the wizard's step (procedure/lesson-text.ts words it). */
export function lessonPlaceOf(
  step: Step,
  now: number,
  /** The scenario played: said when the lesson opens. */
  scenario?: LessonPlace['scenario'],
): LessonPlace | undefined {
  switch (step.name) {
    case 'connect':
      return step.field === 'signedIn' ? {step: 'signedIn', now} : {step: 'connect', now, scenario};
    case 'chooseTenant':
      return {step: 'chooseTenant', now};
    case 'viewPricing':
    case 'confirm':
    case 'switching':
      return {step: step.name, tenantName: step.row.tenant.name, pricing: step.pricing, now};
    case 'result':
      return {step: 'result', tenantName: step.row.tenant.name, pricing: step.before, now};
    case 'plan':
      return {step: 'plan', now};
  }
}
