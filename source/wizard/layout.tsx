import {useStdout} from 'ink';
import {createContext, type ReactNode, useContext, useEffect, useState} from 'react';
import {isCompact} from './compact.js';

/** The terminal the wizard is drawn in, and how it lays steps out there. */
export interface Layout {
  readonly columns: number;
  readonly rows: number;
  /** A short or narrow terminal (a split pane over SSH): decoration goes first, never warnings or the prompt. */
  readonly compact: boolean;
}

/** The smallest terminal a step is drawn in whole; below it the step says how large it needs to be. */
export const smallest = {step: {columns: 40, rows: 12}} as const;

const fallback: Layout = {columns: 80, rows: 24, compact: false};
const LayoutContext = createContext<Layout>(fallback);

/**
 * Follows the terminal's size: Ink draws again on a resize, but the width the wizard lays out for must change too
 * (read once, narrowing left 80-column lines hard-wrapped, and widening a duplicated half-frame).
 */
export function LayoutProvider({children}: {readonly children: ReactNode}) {
  const {stdout} = useStdout();
  const measure = (): Layout => {
    // A pty that reports no size counts as 80×24 (docs/development.md, "Traps we measured": 0 columns put one character a line).
    const columns = stdout.columns || 80;
    const rows = stdout.rows || 24;
    return {columns, rows, compact: isCompact(rows, columns)};
  };
  // Measured at every render (cheap); a resize forces one.
  const layout = measure();
  const [, redraw] = useState(0);
  useEffect(() => {
    let width = stdout.columns || 80;
    // A narrower terminal re-wraps lines into more rows than Ink erases: the last frame's, and the one Ink draws at
    // once on the resize, still laid out for the old width. That left an old step's title above the new frame for
    // good (tmux, newcomer's review). So the screen is cleared after Ink's own redraw (this listener comes after
    // Ink's) and before the frame laid out for the new width, which Ink then draws from the top.
    const resized = () => {
      const now = stdout.columns || 80;
      if (stdout.isTTY && now < width) stdout.write('\u001b[2J\u001b[H');
      width = now;
      redraw((count) => count + 1);
    };
    stdout.on('resize', resized);
    return () => {
      stdout.off('resize', resized);
    };
  }, [stdout]);
  return <LayoutContext.Provider value={layout}>{children}</LayoutContext.Provider>;
}

export function useLayout(): Layout {
  return useContext(LayoutContext);
}

/** Whether the terminal is too small for a step drawn whole: then it says what it needs instead. */
export function tooSmall(layout: Layout, needs: {readonly columns: number; readonly rows: number}): boolean {
  return layout.columns < needs.columns || layout.rows < needs.rows;
}

const SandboxContext = createContext(false);

/** Marks every step as played against a sandbox (a loopback data center), never the real platform. */
export function SandboxMark({sandbox, children}: {readonly sandbox: boolean; readonly children: ReactNode}) {
  return <SandboxContext.Provider value={sandbox}>{children}</SandboxContext.Provider>;
}

export function useSandboxMark(): boolean {
  return useContext(SandboxContext);
}

const AccountContext = createContext<string | undefined>(undefined);

/** The remembered account in use: every step's title names it (docs/accounts.md). */
export function AccountMark({name, children}: {readonly name?: string; readonly children: ReactNode}) {
  return <AccountContext.Provider value={name}>{children}</AccountContext.Provider>;
}

export function useAccountMark(): string | undefined {
  return useContext(AccountContext);
}
