// The platform writes times as `YYYY-MM-DDTHH:MM:SS` in UTC (vendor guide: '2020-08-04T12:47:03').

export function platformTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

export function parsePlatformTime(text: string): number {
  return Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
}

/** The same moment `months` calendar months later (clamped to the month's last day, as "one full month"). */
export function addMonths(ms: number, months: number): number {
  const date = new Date(ms);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.getTime();
}

export function startOfMonth(ms: number): number {
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}
