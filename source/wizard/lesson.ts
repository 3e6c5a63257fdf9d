// A lesson (tenant-mode learn, docs/onboarding.md): what the wizard explained at each step and every call it made,
// in order, kept for the transcript the trainee takes away — as Markdown, with the matching Python and, at the
// end, the session as a runnable script. Calls come already redacted (platform/redact.ts): no secret, no whole token.
import {type Exchange, type LessonPlace, lessonLearned, pythonScript} from '../procedure/index.js';
import {callLines} from './call-lines.js';
import type {Step} from './state.js';

type Entry =
  /** A step's explanation, and the calls its panel shows (made before it opened, some of them). */
  | {readonly kind: 'intro'; readonly lines: readonly string[]; readonly calls: readonly number[]}
  | {readonly kind: 'call'; readonly index: number}
  /** Something done in the lesson that is no call (a plan written). */
  | {readonly kind: 'note'; readonly text: string};

export class Lesson {
  readonly calls: Exchange[] = [];
  readonly #entries: Entry[] = [];
  /** How many calls were made when the last explanation opened: only calls made since are its own. */
  #callsAtLastIntro = 0;

  constructor(
    /** The scenario played, if any (sandbox/scenarios.ts): its name and what to do. */
    readonly scenario?: {readonly name: string; readonly lesson: string},
  ) {}

  readonly record = (exchange: Exchange): void => {
    this.calls.push(exchange);
    this.#entries.push({kind: 'call', index: this.calls.length - 1});
  };

  /**
   * A step's explanation, kept once each time it opens, with the calls its panel shows: in the transcript they come
   * under it (step 3's pricing was read before step 3 opened, to show it).
   */
  intro(lines: readonly string[], shown: readonly Exchange[] = []): void {
    const last = [...this.#entries].reverse().find((entry) => entry.kind === 'intro');
    if (last?.kind === 'intro' && last.lines.join('\n') === lines.join('\n')) return;
    // Its own: shown by its panel and made since the last explanation (a step gone back to shows calls that are
    // already written under the step they were made in).
    const since = this.#callsAtLastIntro;
    this.#callsAtLastIntro = this.calls.length;
    const calls = shown.map((exchange) => this.calls.indexOf(exchange)).filter((index) => index >= since);
    this.#entries.push({kind: 'intro', lines, calls});
  }

  /** Something done that is no call, for the transcript (a plan written, and how to rehearse it). */
  note(text: string): void {
    this.#entries.push({kind: 'note', text});
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
    // A call shown by a later step's panel is written under that step's explanation, once.
    const claimed = new Map<number, number>();
    this.#entries.forEach((entry, at) => {
      if (entry.kind === 'intro') for (const index of entry.calls) claimed.set(index, at);
    });
    const written = new Set<number>();
    const call = (index: number) => {
      if (written.has(index)) return;
      written.add(index);
      const lines = callLines(this.calls.slice(0, index + 1), {open: new Set([index])})
        .filter((line) => line.call === index)
        .map((line) => line.text.replace(/^[❯ ] [▾▸] /, ''));
      const [heading = '', ...rest] = lines;
      out.push(`### Call ${heading}`, '', fenced(rest.join('\n'), 'text'), '');
    };
    this.#entries.forEach((entry, at) => {
      if (entry.kind === 'intro') {
        out.push(`## ${headingOf(entry.lines)}`, '', ...entry.lines.map((line) => `> ${line}`), '');
        for (const index of entry.calls) if (claimed.get(index) === at) call(index);
      } else if (entry.kind === 'note') {
        out.push(entry.text, '');
      } else if ((claimed.get(entry.index) ?? -1) < at) {
        call(entry.index);
      }
    });
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
        `Run it with the secret in the environment (\`TENANT_MODE_CLIENT_SECRET\`) and a tenant UUID to switch another. The lesson's sandbox has ended: \`tenant-mode sandbox --port ${new URL(facts.dataCenter).port}\` starts one where the script looks, and prints its demo secret.`,
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

/** A step's heading, from its explanation: "Step 3, read Acme Corp's pricing", "Planning the 1st". */
function headingOf(lines: readonly string[]): string {
  const line = lines.find((each) => /^(Step \d|Planning)/.test(each)) ?? lines[0] ?? '';
  return line.split(/ \(|\. /)[0] ?? line;
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
