// What each screen of the wizard says in the line mode, and what it asks: the same steps as the full-screen
// screens (screens/), from the same state and the same words (wording.ts), as lines to print once. The answers go
// to the same operations (operations.ts) through `LineActions`, as the screens' callbacks do.
import {
  applyCommandNote,
  type Candidate,
  dayStart,
  describeOutcome,
  formatDay,
  formatMonth,
  hostOf,
  jsonText,
  mayConfirmAgain,
  printable,
  readPricing,
  switchRequest,
  whyNotSwitchable,
} from '../../procedure/index.js';
import type {ConnectAnswers, StepAnswers} from '../answers.js';
import {everywhereHints, type Hint, hint} from '../keys.js';
import {stepCount, stepNumbers, type TenantRow, type WizardState} from '../state.js';
import {
  anotherUrlChoice,
  billsEarlier,
  candidateLabel,
  chooseDataCenter,
  confirmWording,
  dataCenterChoices,
  type ListedAccount,
  planEntryLabel,
  planRunLine,
  preferredDataCenter,
  rememberChoices,
  signedInChoices,
  spokenTone,
  switchingText,
  tenantRowLabel,
  validateClientId,
  validateSecret,
  validateUrl,
} from '../wording.js';

export interface ChoiceItem {
  /** The first line is what is searched; further lines are details. */
  readonly label: string;
}

/** What a screen takes from the keyboard. */
export type Ask =
  | {
      readonly kind: 'text';
      readonly label: string;
      /** Typed without echo: the secret. */
      readonly masked?: boolean;
      /** Why a value cannot be taken (then it is asked again, empty: nothing typed is printed again). */
      readonly check?: (value: string) => string | undefined;
      readonly answer: (value: string) => void;
    }
  | {
      readonly kind: 'choice';
      /** What is chosen, e.g. "Data center". */
      readonly label: string;
      readonly items: readonly ChoiceItem[];
      /** What Enter alone chooses (the one used last, or the first). */
      readonly preferred: number;
      readonly answer: (index: number) => void;
    }
  | {
      readonly kind: 'checklist';
      readonly items: readonly (ChoiceItem & {readonly id: string; readonly flagged: boolean})[];
      readonly initiallyChecked?: ReadonlySet<string>;
      readonly answer: (checked: ReadonlySet<string>) => void;
      /** Esc: back, with what was checked (kept for the same day's next plan). */
      readonly leave: (checked: ReadonlySet<string>) => void;
    }
  /** No field: the step's keys act at once (Enter, q, r …; keys.ts). */
  | {readonly kind: 'keys'};

export interface LineScreen {
  /**
   * Which screen this is: a new key is printed anew; the same one is not printed again (a new error on it is said,
   * and its question asked again).
   */
  readonly key: string;
  /** "Step 2 of 5 · Choose the tenant". */
  readonly title: string;
  /** What the screen says, once. */
  readonly lines: readonly string[];
  /** Of its lines, commands to paste: printed whole, never broken at the terminal's width (they run as printed). */
  readonly whole?: ReadonlySet<string>;
  readonly error?: string;
  readonly hints: readonly Hint[];
  /** Nothing to ask: a request is running (its line says what). */
  readonly ask?: Ask;
}

/** What the line mode does with an answer: the full-screen wizard's (answers.ts), the same ones. */
export type LineActions = ConnectAnswers & StepAnswers;

export interface LineInfo {
  readonly now: number;
  readonly sandboxOffered: boolean;
  readonly rememberedWhere: string;
  readonly lastDataCenter?: string;
  /** The remembered accounts, listed first in step 1. */
  readonly accounts?: readonly (ListedAccount & {readonly isDefault: boolean})[];
}

/** A flagged line in words: "Warning: …" (the line mode draws no symbol). */
export const said = (tone: keyof typeof spokenTone, text: string) => `${spokenTone[tone]}: ${text}`;

const title = (state: WizardState, name: string) =>
  stepNumbers[state.step.name] === 0 ? name : `Step ${stepNumbers[state.step.name]} of ${stepCount}: ${name}`;

/** The screen of the current step, in lines. */
export function lineScreen(state: WizardState, info: LineInfo, on: LineActions): LineScreen {
  const {step} = state;
  switch (step.name) {
    case 'connect':
      return connectScreen(state, info, on);
    case 'chooseTenant': {
      const base = {title: title(state, 'Choose the tenant'), error: step.error};
      if (step.phase === 'working')
        return {...base, key: `2/working/${step.busy}`, lines: [step.busy ?? ''], hints: []};
      if (step.phase === 'input') {
        return {
          ...base,
          key: '2/input',
          lines: [],
          hints: [
            hint('enter', 'search (empty: browse your customers)'),
            hint('back', 'account'),
            hint('plan', 'plan the 1st'),
            ...everywhereHints,
          ],
          ask: {kind: 'text', label: 'Tenant name or UUID:', answer: on.onLookUp},
        };
      }
      // Browsing the customers (an empty search, not a folder): the month-start batch is the list's first entry.
      const browsing = step.query === '' && !step.up;
      const rows: (TenantRow | 'plan')[] = [...(browsing ? (['plan'] as const) : []), ...step.rows];
      return {
        ...base,
        key: `2/list/${step.listTitle}/${step.rows.length}`,
        lines: [step.listTitle ?? ''],
        hints: [
          hint('enter', 'choose'),
          step.up ? hint('back', 'up a level') : hint('back', 'back to the search'),
          hint('plan', 'plan the 1st'),
          ...everywhereHints,
        ],
        ask: {
          kind: 'choice',
          label: 'Tenant',
          items: rows.map((row) => ({
            label: row === 'plan' ? planEntryLabel : tenantRowLabel(row, false, true),
          })),
          preferred: step.selected === undefined ? 0 : step.selected + (browsing ? 1 : 0),
          answer: (index) => {
            const row = rows[index];
            if (row === 'plan') on.onPlan();
            else if (row) on.onChoose(row, step.query);
          },
        },
      };
    }
    case 'plan':
      return planScreen(state, on);
    case 'viewPricing': {
      const {row, pricing} = step;
      const reason = whyNotSwitchable(row.tenant, pricing);
      const where = row.path.length > 0 ? `in ${row.path.map(printable).join(' / ')}, ` : '';
      return {
        key: `3/${row.tenant.id}/${pricing.version}`,
        title: title(state, 'Current pricing'),
        lines: [
          `${printable(row.tenant.name)}, ${where}UUID ${row.tenant.id}`,
          `GET /tenants/${row.tenant.id}/pricing`,
          ...jsonText(pricing, 2).split('\n'),
          said(pricing.mode === 'production' ? 'success' : 'warning', readPricing(pricing, info.now)),
          reason
            ? said('warning', `${reason} No switch is offered.`)
            : 'Press Enter to see what switching to production means, before anything is sent.',
        ],
        hints: [
          ...(reason
            ? [hint('back', 'back'), hint('quit', 'quit')]
            : [hint('enter', 'continue to the switch'), hint('back', 'back'), hint('quit', 'quit')]),
          ...everywhereHints,
        ],
        ask: {kind: 'keys'},
      };
    }
    case 'confirm': {
      const {row, pricing} = step;
      const text = confirmWording(row, pricing, info.now, step.namesakes ?? 0);
      const request = switchRequest(row.tenant.id, pricing.version);
      return {
        key: `4/${row.tenant.id}/${pricing.version}`,
        title: title(state, 'Confirm the switch'),
        lines: [
          text.question('full'),
          ...text.identity('full').map((line) => said('warning', line)),
          ...text.facts('full').map((line) => said('warning', line)),
          `Request: ${request.method} ${request.path}`,
          `Body: ${JSON.stringify(request.body)}`,
          text.prompt('full'),
        ],
        error: step.error,
        hints: [hint('enter', 'switch'), hint('back', 'cancel'), ...everywhereHints],
        ask: {
          kind: 'text',
          label: text.byUuid ? 'UUID:' : 'Name:',
          check: (value) => text.refusal('full', value),
          answer: () => on.onConfirm(),
        },
      };
    }
    case 'switching':
      return {
        key: `5/switching/${step.row.tenant.id}`,
        title: title(state, 'Result'),
        lines: [switchingText(step.row.tenant.name)],
        hints: [],
      };
    case 'result': {
      const {outcome} = step;
      const text = describeOutcome(outcome, step.row.tenant.name, step.before);
      const tone = text.verdict === 'failed' ? 'error' : text.verdict === 'unknown' ? 'warning' : 'success';
      const hints: Hint[] = [];
      if (mayConfirmAgain(outcome)) {
        const stale = outcome.error.status === 409;
        hints.push(
          hint('again', stale ? 'review the new pricing and decide again' : 'try again (confirm once more)'),
        );
      }
      hints.push(hint('enter', 'another tenant'), hint('quit', 'quit'), ...everywhereHints);
      return {
        key: `5/result/${state.sent.length}`,
        title: title(state, 'Result'),
        lines: [
          said(tone, text.headline),
          ...text.details,
          ...(text.pricingNow
            ? [
                outcome.kind === 'switched'
                  ? 'New pricing, as the platform answered:'
                  : 'Pricing, read again:',
                ...jsonText(text.pricingNow, 2).split('\n'),
              ]
            : []),
        ],
        error: step.auditWarning,
        hints,
        ask: {kind: 'keys'},
      };
    }
  }
}

function connectScreen(state: WizardState, info: LineInfo, on: LineActions): LineScreen {
  const {step, form, account} = state;
  if (step.name !== 'connect') throw new Error('not step 1');
  const base = {title: title(state, 'Connect'), error: step.error};
  const back = [hint('enter', 'next'), hint('back', 'back'), ...everywhereHints];
  const key = `1/${step.field}`;
  switch (step.field) {
    case 'dataCenter': {
      const items = dataCenterChoices(info.sandboxOffered, false, info.accounts);
      const earlier = state.earlierAccount?.account;
      const preferred = preferredDataCenter(
        items,
        form.dataCenter,
        info.accounts?.find((each) => each.isDefault)?.name,
        info.lastDataCenter,
      );
      return {
        ...base,
        key,
        lines: ["Which data center is the customer's tenant on?"],
        hints: [
          hint('enter', 'next'),
          ...(earlier ? [hint('back', `back to ${earlier.name ?? printable(earlier.tenantName)}`)] : []),
          ...everywhereHints,
        ],
        ask: {
          kind: 'choice',
          label: 'Data center',
          items,
          preferred,
          answer: (index) => chooseDataCenter(items[index]?.value ?? anotherUrlChoice, on),
        },
      };
    }
    case 'customUrl':
      return {
        ...base,
        key,
        lines: [],
        hints: back,
        ask: {
          kind: 'text',
          label: 'Data center URL (https://…):',
          check: validateUrl,
          answer: (value) => on.onTypedUrl(value.trim()),
        },
      };
    case 'clientId':
      return {
        ...base,
        key,
        lines: [],
        hints: back,
        ask: {
          kind: 'text',
          // What was given before is kept by Enter alone: nothing typed earlier is printed into the field to edit.
          label: form.clientId ? `API client id (Enter alone: ${form.clientId}):` : 'API client id:',
          check: (value) => (value === '' && form.clientId ? undefined : validateClientId(value)),
          answer: (value) => on.onClientId((value.trim() || form.clientId).toLowerCase()),
        },
      };
    case 'secret':
      return {
        ...base,
        key,
        lines: ['The secret is not shown as it is typed.'],
        hints: back,
        ask: {
          kind: 'text',
          label: 'Client secret:',
          masked: true,
          check: validateSecret,
          answer: on.onSecret,
        },
      };
    case 'remember':
      return {
        ...base,
        key,
        lines: ['Remember these credentials on this computer?', `(saved ${printable(info.rememberedWhere)})`],
        hints: back,
        ask: {
          kind: 'choice',
          label: 'Remember',
          items: rememberChoices,
          preferred: 0,
          answer: (index) => on.onRemember(rememberChoices[index]?.value ?? false),
        },
      };
    case 'checkingUrl':
      return {...base, key, lines: [`Reaching ${hostOf(form.dataCenter)}…`], hints: []};
    case 'signingIn':
      return {...base, key, lines: [`Signing in to ${hostOf(form.dataCenter)}…`], hints: []};
    case 'signedIn':
      return {
        ...base,
        key,
        lines: account
          ? [
              `Signed in to ${printable(account.tenantName)} at ${account.host} as client ${account.clientId}.`,
            ]
          : [],
        hints: [hint('enter', 'choose'), ...everywhereHints],
        ask: {
          kind: 'choice',
          label: 'Account',
          items: signedInChoices,
          preferred: 0,
          answer: (index) => (index === 0 ? on.onContinue() : on.onOtherAccount()),
        },
      };
  }
}

function planScreen(state: WizardState, on: LineActions): LineScreen {
  const {step} = state;
  if (step.name !== 'plan') throw new Error('not the plan');
  const when = formatDay(dayStart(step.day));
  const base = {title: title(state, `Plan the 1st: ${when}`), error: step.error};
  const key = `plan/${step.day}/${step.phase}`;
  const command = printable(step.command ?? '');
  switch (step.phase) {
    case 'reading':
      return {...base, key, lines: ['Reading the trial customers and their pricing…'], hints: []};
    case 'writing':
      return {...base, key, lines: ['Writing the plan…'], hints: []};
    case 'choosing':
      return {
        ...base,
        key,
        lines: [
          `Checked customers are switched on ${when} (UTC) by tenant-mode apply, and billed from ${formatMonth(dayStart(step.day))}.`,
          'If left alone, each is likely billed from the month its trial ends (docs/month-start.md).',
          ...(step.endingBefore.length > 0
            ? [
                `Left out, their trial ends before ${when}: ${step.endingBefore
                  .slice(0, 3)
                  .map(
                    (candidate: Candidate) =>
                      `${printable(candidate.name)} (${formatDay(candidate.autoSwitch ?? 0)})`,
                  )
                  .join(
                    ', ',
                  )}${step.endingBefore.length > 3 ? ` and ${step.endingBefore.length - 3} more` : ''}.`,
              ]
            : []),
          ...(step.candidates.length === 0 ? ['No customer in trial to plan.'] : []),
        ],
        hints: [hint('enter', 'write the plan'), hint('back', 'back'), ...everywhereHints],
        ask: {
          kind: 'checklist',
          items: step.candidates.map((candidate) => ({
            id: candidate.id,
            label: candidateLabel(candidate, false),
            flagged: billsEarlier(candidate),
          })),
          initiallyChecked: step.chosen,
          answer: on.onWritePlan,
          leave: on.onLeavePlan,
        },
      };
    case 'written':
      return {
        ...base,
        key,
        whole: new Set([command]),
        lines: [
          said(
            'success',
            `Plan written, ${step.chosen?.size ?? 0} ${step.chosen?.size === 1 ? 'customer' : 'customers'}, readable by you only:`,
          ),
          printable(step.file ?? ''),
          planRunLine(when, step.signIn, false),
          command,
          ...(step.signIn ? [applyCommandNote(step.signIn)] : []),
          'The day before, add --check to see what it would do. From cron at 00:05 UTC: add --yes and --client-secret-file FILE (docs/month-start.md).',
        ],
        hints: [hint('enter', 'another tenant'), hint('quit', 'quit'), ...everywhereHints],
        ask: {kind: 'keys'},
      };
  }
}
