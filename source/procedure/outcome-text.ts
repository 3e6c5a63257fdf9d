import type {Pricing} from '../platform/index.js';
import {dateAsSent, formatDayTime, printable} from '../text/index.js';
import {explainError} from './explain.js';
import {type SwitchOutcome, type SwitchVerdict, verdictOf} from './switch-record.js';

const statusTexts: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** "409 Conflict" */
export function statusLine(status: number): string {
  return `${status} ${statusTexts[status] ?? ''}`.trim();
}

/** What changed between two readings of the pricing, one line a field ("version 1 → 2"). */
export function pricingChanges(before: Pricing, after: Pricing): string[] {
  return (['mode', 'currency', 'production_start_date', 'version'] as const)
    .filter((field) => before[field] !== after[field])
    .map((field) => `${field} ${JSON.stringify(before[field])} → ${JSON.stringify(after[field])}`);
}

export interface OutcomeText {
  readonly verdict: SwitchVerdict;
  readonly headline: string;
  readonly details: readonly string[];
  /** The pricing as it is now, when known. */
  readonly pricingNow?: Pricing;
}

/** The result of a switch in words, the same in the wizard and in `switch`. */
export function describeOutcome(outcome: SwitchOutcome, tenantName: string, before: Pricing): OutcomeText {
  const name = printable(tenantName);
  const verdict = verdictOf(outcome);
  if (outcome.kind === 'switched') {
    const since = outcome.pricing.production_start_date;
    return {
      verdict,
      headline: `${name} is now in production. Status ${statusLine(outcome.status)}.`,
      details: since ? [`Production since ${dateAsSent(since, formatDayTime)}; this is not reversible.`] : [],
      pricingNow: outcome.pricing,
    };
  }
  const {error, pricingAfter, rereadError} = outcome;
  const answered = error.status ? `status ${statusLine(error.status)}` : error.kind;
  const since = pricingAfter?.production_start_date
    ? dateAsSent(pricingAfter.production_start_date, formatDayTime)
    : undefined;
  const platformLines = [
    printable(error.message),
    ...(error.code !== undefined
      ? [
          `Platform error code ${printable(String(error.code))}${error.domain ? ` (${printable(error.domain)})` : ''}`,
        ]
      : []),
    ...(error.info ? [printable(error.info)] : []),
  ];
  switch (verdict) {
    case 'switched-confirmed-by-reread':
      return {
        verdict,
        headline: `${name} IS in production now: the answer was lost, but the pricing read again confirms the switch.`,
        details: [
          `What happened to the answer: ${printable(error.message)}`,
          ...(since ? [`Production since ${since}.`] : []),
        ],
        pricingNow: pricingAfter,
      };
    case 'already-production':
      return {
        verdict,
        headline: `${name} is already in production: someone else switched it first${since ? `, on ${since}` : ''}.`,
        details: [`Your request was refused (${answered}) and not resent. Nothing more to do.`],
        pricingNow: pricingAfter,
      };
    case 'unknown':
      return {
        verdict,
        headline: `The outcome is unknown: the switch request got no answer (${printable(error.message)})`,
        details: pricingAfter
          ? [
              `Read again: still in ${pricingAfter.mode} for now, but the request may still be processed.`,
              'Check again in a minute (tenant-mode status) before trying again; nothing will be resent.',
            ]
          : [
              `The pricing could not be read again${rereadError ? ` (${printable(rereadError.message)})` : ''}.`,
              'Check the tenant (tenant-mode status) before trying again; nothing will be resent.',
            ],
        pricingNow: pricingAfter,
      };
    default: {
      const {meaning, next} = explainError(error);
      const changed = pricingAfter ? pricingChanges(before, pricingAfter) : [];
      return {
        verdict,
        headline: `The switch did not go through: ${answered}.`,
        details: [
          ...platformLines,
          `What it means: ${meaning}`,
          `What to do: ${next}`,
          ...(error.status === 409 && changed.length > 0
            ? [`What changed since it was read: ${changed.join(', ')}.`]
            : []),
          pricingAfter
            ? `Read again: ${name} is still in ${pricingAfter.mode}; nothing was changed by this request.`
            : `The pricing could not be read again${rereadError ? ` (${printable(rereadError.message)})` : ''}.`,
        ],
        pricingNow: pricingAfter,
      };
    }
  }
}
