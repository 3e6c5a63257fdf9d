// The wizard's words that both ways of drawing it say: the full-screen screens (screens/) and the line mode
// (lines/). Pure functions of what a step shows; the screens add layout and colour, the line mode numbers and
// prints them.
import {
  type ApplySignIn,
  type Candidate,
  type CredentialStore,
  confirmsTenant,
  dateAsSent,
  foldName,
  formatDay,
  formatMonth,
  hasHiddenCharacters,
  hasVisibleName,
  hostOf,
  isLoopbackHost,
  isUuid,
  normalizeBaseUrl,
  PlatformError,
  type Pricing,
  printable,
  searchKey,
  switchFacts,
  switchFactsShort,
} from '../procedure/index.js';
import type {ConnectAnswers} from './answers.js';
import {knownDataCenters} from './data-centers.js';
import type {TenantRow} from './state.js';

/** The data center list's entries that are no data center. */
export const sandboxChoice = 'sandbox';
export const anotherUrlChoice = 'another';

/** A remembered account, as step 1 lists it. */
export interface ListedAccount {
  readonly name: string;
  readonly dataCenter: string;
  readonly tenantName?: string;
}

/** The remembered accounts, as step 1 lists them first (the default one selected). */
export function listedAccounts(store: CredentialStore): (ListedAccount & {readonly isDefault: boolean})[] {
  return store.accounts().map(({name, profile, isDefault}) => ({
    name,
    dataCenter: profile.dataCenter,
    tenantName: profile.tenantName,
    isDefault,
  }));
}

/** The value of a remembered account's entry in step 1's list. */
export const accountChoice = (name: string) => `account:${name}`;

/**
 * Step 1's list: the remembered accounts first (name, data center, partner), then the embedded sandbox (when
 * offered), the known data centers, another URL — the data-center picker for a new account.
 */
export function dataCenterChoices(
  sandboxOffered: boolean,
  compact: boolean,
  accounts: readonly ListedAccount[] = [],
): Array<{readonly label: string; readonly value: string}> {
  return [
    ...accounts.map((account) => ({
      label: compact
        ? `Account ${account.name} (${hostOf(account.dataCenter)})`
        : `Account ${account.name} (${hostOf(account.dataCenter)}${account.tenantName ? `, ${printable(account.tenantName)}` : ''})`,
      value: accountChoice(account.name),
    })),
    ...(sandboxOffered
      ? [
          {
            label: compact ? 'Embedded sandbox (local)' : 'Embedded sandbox (local, no account needed)',
            value: sandboxChoice,
          },
        ]
      : []),
    // Compact: one line each, the host alone (a region's name does not fit 40 columns beside it).
    ...knownDataCenters.map(({label, url}) => ({label: compact ? hostOf(url) : label, value: url})),
    {label: 'Another URL…', value: anotherUrlChoice},
  ];
}

/** Whether a listed data center is this one (as typed or chosen, or saved as its API base URL). */
export function isListedAs(listed: string, other: string | undefined): boolean {
  if (!other || listed === sandboxChoice || listed === anotherUrlChoice || listed.startsWith('account:'))
    return false;
  try {
    return normalizeBaseUrl(listed) === normalizeBaseUrl(other);
  } catch {
    return false;
  }
}

/** What choosing an entry of step 1's list does. */
export function chooseDataCenter(value: string, on: ConnectAnswers): void {
  if (value === sandboxChoice) on.onSandbox();
  else if (value === anotherUrlChoice) on.onOtherUrl();
  else if (value.startsWith('account:')) on.onAccount(value.slice('account:'.length));
  else on.onDataCenter(value);
}

/**
 * The entry selected first: the data center chosen this time (after a refusal: the one to correct), else the
 * default account, else the data center signed in to last, else the first.
 */
export function preferredDataCenter(
  items: readonly {readonly value: string}[],
  chosen: string | undefined,
  defaultAccount: string | undefined,
  lastDataCenter: string | undefined,
): number {
  const at = (found: (value: string) => boolean) => items.findIndex((item) => found(item.value));
  const index = [
    at((value) => isListedAs(value, chosen)),
    defaultAccount === undefined ? -1 : at((value) => value === accountChoice(defaultAccount)),
    at((value) => isListedAs(value, lastDataCenter)),
  ].find((each) => each >= 0);
  return index ?? 0;
}

export const rememberChoices = [
  {label: 'No, ask every time', value: false},
  {label: 'Yes, remember them', value: true},
] as const;

export const signedInChoices = [
  {label: 'Continue with this account', value: 'continue'},
  {label: 'Use another account', value: 'switch'},
] as const;

export function validateUrl(value: string): string | undefined {
  try {
    normalizeBaseUrl(value);
    return undefined;
  } catch (error) {
    return error instanceof PlatformError ? error.message : String(error);
  }
}

export const validateClientId = (value: string): string | undefined =>
  isUuid(value.trim().toLowerCase()) ? undefined : 'A client id is a UUID: 8-4-4-4-12 hex digits.';

export const validateSecret = (value: string): string | undefined =>
  value === '' ? 'Type the client secret (it is not shown).' : undefined;

/** The browse list's first entry, which is no tenant. */
export const planEntryLabel = 'Plan the 1st of the month…\n  every trial customer, in one plan';

/** Two lines: the name with kind and mode (or why it cannot be chosen); then where it sits and its UUID. */
export function tenantRowLabel({tenant, path}: TenantRow, narrow: boolean, wide: boolean): string {
  // Listed customers carry their trial's end (search results do not).
  const ends =
    wide && tenant.pricing_mode === 'trial' && typeof tenant.production_start_date === 'string'
      ? `, ends ${dateAsSent(tenant.production_start_date)}`
      : '';
  const what =
    tenant.kind === 'customer'
      ? `customer · ${typeof tenant.pricing_mode === 'string' ? printable(tenant.pricing_mode) : 'mode not given'}${ends}`
      : tenant.has_children && tenant.kind !== 'unit'
        ? `${tenant.kind} · Enter opens it`
        : `${tenant.kind} · not a customer, cannot be switched`;
  const where = path.length > 0 ? path.map(printable).join(' / ') : '(top)';
  // Narrow: the UUID on a line of its own, whole.
  return narrow
    ? `${printable(tenant.name)}  (${what})\n  ${where}\n  ${tenant.id}`
    : `${printable(tenant.name)}  (${what})\n  ${where} · ${tenant.id}`;
}

/**
 * How much the confirm step says, from the most to the least: `full` (every warning in words, the request),
 * `compact` (warnings said shorter, the request one field a line, the UUID whole), `bare` (the same without the
 * request). Every form keeps the title, the question, every warning and the field.
 */
export type ConfirmForm = 'full' | 'compact' | 'bare';

/** Step 4's words in each form: the question, what tells this tenant apart, the warnings, what to type. */
export function confirmWording(
  row: TenantRow,
  pricing: Pricing,
  now: number,
  namesakes: number,
  /** The remembered account in use: the smaller forms (whose title has no room for it) name it in the question. */
  accountName?: string,
) {
  const via = accountName ? ` (${accountName})` : '';
  const name = printable(row.tenant.name);
  const path = row.path.map(printable).join(' / ');
  const hidden = hasHiddenCharacters(row.tenant.name);
  // A name with nothing to see ("", spaces, marks alone) cannot be typed: its UUID confirms instead.
  const byUuid = !hasVisibleName(row.tenant.name);
  return {
    name,
    path,
    byUuid,
    // The smallest form asks and says what to type in one sentence.
    question: (form: ConfirmForm) =>
      form === 'full'
        ? `Switch ${name}${path ? ` (${path})` : ''} from trial to production?`
        : form === 'compact'
          ? `Switch ${name} to production${via}?`
          : `Type ${name} to switch it to production${via}:`,
    identity: (form: ConfirmForm) =>
      byUuid
        ? [`This tenant's name shows nothing to type ("${name}"): its UUID confirms the switch.`]
        : form === 'full'
          ? [
              ...(hidden
                ? [
                    `This name contains invisible or direction-changing characters, shown here as \\u escapes: check the UUID ${row.tenant.id}.`,
                  ]
                : []),
              ...(namesakes > 1
                ? [
                    `${namesakes} tenants are named ${name}: this is the one in ${path || 'your tenant'}, ${row.tenant.id}.`,
                  ]
                : []),
            ]
          : hidden || namesakes > 1
            ? [
                hidden && namesakes > 1
                  ? `Hidden characters, ${namesakes} with this name; this one${path ? `, in ${path}` : ''}:`
                  : hidden
                    ? 'Hidden characters; this one is:'
                    : `${namesakes} tenants have this name; this one${path ? `, in ${path}` : ''}:`,
              ]
            : [],
    facts: (form: ConfirmForm) =>
      form === 'full' ? switchFacts(pricing, now) : switchFactsShort(pricing, now),
    prompt: (form: ConfirmForm) =>
      byUuid
        ? `Type its UUID, ${row.tenant.id}, to confirm. Nothing is sent before that.`
        : form === 'full'
          ? `Type the tenant's name, ${name}, to confirm. Nothing is sent before that.`
          : name.length <= 24
            ? `Type ${name} to confirm:`
            : 'Type its name (above) to confirm:',
    /** Why what was typed does not confirm (undefined: it does). */
    refusal: (form: ConfirmForm, typed: string): string | undefined => {
      if (confirmsTenant(typed, row.tenant)) return undefined;
      if (byUuid) return `That is not its UUID: type ${row.tenant.id}.`;
      // What differs, when it can be told: only capitals, or more; the accents only for a name with some.
      const capitalsOnly = searchKey(typed) === searchKey(row.tenant.name);
      if (form !== 'full')
        return capitalsOnly ? 'Not the name: capitals count.' : 'Not the name: type it as shown.';
      const accents =
        foldName(row.tenant.name) !== row.tenant.name.trim() ? ' (accents may be left out)' : '';
      // The capitals named one by one: a screen reader does not say which letters are capitals.
      const capitals = [...printable(row.tenant.name)].filter((letter) => letter !== letter.toLowerCase());
      const which = capitals.length > 0 ? ` (${capitals.join(', ')})` : '';
      return `That is not the name: you typed "${shortened(printable(typed), 40)}". Type ${name}${capitalsOnly ? `, capitals as shown${which}` : ''}${accents}.`;
    },
  };
}

/** The text, cut to `length` characters with "…" when longer. */
export function shortened(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** While the switch runs: its attempt is recorded first, and only then is the request sent (once). */
export const switchingText = (tenantName: string) =>
  `Switching ${printable(tenantName)} to production: recorded, then sent once… (Esc does not cancel it)`;

/**
 * The line above a written plan's apply command: when to run it, or, in a lesson, that it is rehearsed now (the
 * lesson's sandbox ends with the lesson: its plan is never run on the day).
 */
export function planRunLine(when: string, signIn: ApplySignIn | undefined, full: boolean): string {
  if (signIn?.lesson) return 'Rehearse it now, from a second terminal, while the lesson runs:';
  return full
    ? `On ${when} (UTC), run (repeated when you leave the wizard, to copy it whole):`
    : `On ${when} (UTC), run (repeated when you leave the wizard):`;
}

export function billsEarlier(candidate: Candidate): boolean {
  return candidate.billedIfLeft !== undefined && candidate.billedIfLeft > candidate.billedIfSwitched;
}

/**
 * A customer's row in the plan: where it is (and, when switching it on the day bills it earlier than leaving it,
 * so); then when its trial ends and the first month billed if left alone.
 */
export function candidateLabel(candidate: Candidate, footnoted: boolean): string {
  const where = [...candidate.path.slice(1), candidate.name].map(printable).join(' / ');
  const ends =
    candidate.autoSwitch === undefined ? 'no end date' : `trial ends ${formatDay(candidate.autoSwitch)}`;
  const left = candidate.billedIfLeft === undefined ? 'unknown' : formatMonth(candidate.billedIfLeft);
  return `${where}${billsEarlier(candidate) ? ' · bills a month early' : ''}\n  ${ends} · if left: billed from ${left}${footnoted ? '*' : ''}`;
}

/** A flagged line's symbol said as a word, where no symbol is drawn (a screen reader, the line mode). */
export const spokenTone = {
  warning: 'Warning',
  error: 'Error',
  success: 'Done',
  accent: 'Note',
} as const;

/** A data center on this machine: the embedded sandbox, or a local double of the platform ("SANDBOX" in titles). */
export function onLoopbackUrl(dataCenter: string): boolean {
  try {
    return isLoopbackHost(new URL(dataCenter).hostname);
  } catch {
    return false;
  }
}
