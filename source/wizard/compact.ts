/**
 * A short or narrow terminal (a split pane over SSH): the full screen lays steps out shorter there (layout.tsx) and
 * the HTTP panel's frame takes fewer rows (call-lines.ts). Plain TypeScript, so that the line mode can share it.
 */
export const isCompact = (rows: number, columns: number): boolean => rows < 24 || columns < 60;
