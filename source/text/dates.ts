import {printable} from './printable.js';

// Dates as operators read them. The platform's clock and its monthly usage report are in UTC (its timestamps carry
// no zone), so every date we derive and show is a UTC date, labelled as such where it matters.

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const fullMonthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const day = 24 * 60 * 60_000;

// The platform's `YYYY-MM-DDTHH:MM:SS` (UTC when no zone is written), with seconds' fractions and a zone as RFC 3339
// writes it (`Z`, `+01:00`) or as ISO 8601's basic form does (`+0000`: the vendor's date pattern has no anchors,
// so a schema-valid answer may carry it). Anything else is no date (NaN), never a guess of Date.parse's.
const platformDate =
  /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?))?([zZ]|[+-]\d{2}:?\d{2})?$/;

/** Parses a date the platform sent; NaN when it is not one (shown as sent, never thrown: `dateAsSent`). */
export function parsePlatformDate(text: string): number {
  const match = typeof text === 'string' ? platformDate.exec(text.trim()) : null;
  if (!match) return Number.NaN;
  const [, day = '', time = '00:00:00', zone = 'Z'] = match;
  // A day that does not exist (30 Feb) is no date: Date.parse would roll it over to 2 March.
  const midnight = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(midnight) || new Date(midnight).toISOString().slice(0, 10) !== day) return Number.NaN;
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  return Date.parse(`${day}T${time.length === 5 ? `${time}:00` : time}${offset}`);
}

/** Whether a number of milliseconds is a moment a Date can hold (NaN and ±8.64e15 ms beyond are not). */
function isMoment(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15;
}

/** How the formatters below write a moment that is none (they never throw). */
const noDate = 'an unreadable date';

/**
 * A date the platform sent, as operators read it: formatted when it is one, else the text itself, quoted and marked
 * (`"2026-13-45" (as the platform wrote it)`), so that what the platform said is still shown and nothing throws.
 */
export function dateAsSent(text: string, format: (ms: number) => string = formatDay): string {
  const ms = parsePlatformDate(text);
  return isMoment(ms) ? format(ms) : `${JSON.stringify(printable(text))} (as the platform wrote it)`;
}

/** "1 Dec 2026" */
export function formatDay(ms: number): string {
  if (!isMoment(ms)) return noDate;
  const date = new Date(ms);
  return `${date.getUTCDate()} ${monthNames[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "1 Dec 2026, 09:00 UTC" */
export function formatDayTime(ms: number): string {
  if (!isMoment(ms)) return noDate;
  return `${formatDay(ms)}, ${new Date(ms).toISOString().slice(11, 16)} UTC`;
}

/** "November 2026" */
export function formatMonth(ms: number): string {
  if (!isMoment(ms)) return noDate;
  const date = new Date(ms);
  return `${fullMonthNames[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "today", "tomorrow", "in 5 days", "yesterday", "3 days ago", counted in UTC calendar days. */
export function relativeDays(ms: number, now: number): string {
  if (!isMoment(ms)) return noDate;
  const days = Math.round((startOfDay(ms) - startOfDay(now)) / day);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

export function startOfDay(ms: number): number {
  return Math.floor(ms / day) * day;
}

export function firstOfNextMonth(ms: number): number {
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}
