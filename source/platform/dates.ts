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

/** Parses the platform's `YYYY-MM-DDTHH:MM:SS` (UTC, no zone) or any RFC 3339 time; NaN when it is not one. */
export function parsePlatformDate(text: string): number {
  return Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
}

/** "1 Dec 2026" */
export function formatDay(ms: number): string {
  const date = new Date(ms);
  return `${date.getUTCDate()} ${monthNames[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "1 Dec 2026, 09:00 UTC" */
export function formatDayTime(ms: number): string {
  return `${formatDay(ms)}, ${new Date(ms).toISOString().slice(11, 16)} UTC`;
}

/** "November 2026" */
export function formatMonth(ms: number): string {
  const date = new Date(ms);
  return `${fullMonthNames[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "today", "tomorrow", "in 5 days", "yesterday", "3 days ago", counted in UTC calendar days. */
export function relativeDays(ms: number, now: number): string {
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
