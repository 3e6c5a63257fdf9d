/** The rows of a list shown at once: at most `limit`, and at least one. */
export function pageOf(limit: number, count: number): number {
  return Math.max(1, Math.min(limit, count));
}

/** The rows in view: the selection kept as near the middle as the ends of the list allow. */
export function listWindow<T>(rows: readonly T[], index: number, limit: number) {
  const page = pageOf(limit, rows.length);
  const start = Math.min(Math.max(0, index - Math.floor(page / 2)), Math.max(0, rows.length - page));
  return {start, visible: rows.slice(start, start + page)};
}
