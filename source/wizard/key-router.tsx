import {createContext, type ReactNode, useContext, useEffect, useRef} from 'react';
import {useRawInput} from './use-raw-input.js';

type KeyHandler = (raw: string) => void;
const Target = createContext<{current: KeyHandler | undefined}>({current: undefined});

/**
 * One subscription to the terminal's input for the whole wizard, made once when it starts, that hands each input
 * event to the field or list on show. A screen's own subscription would be made only after its first frame is
 * drawn (React runs effects after the commit): keys that came in between, which fast hands, a paste or typing
 * ahead over SSH send, were lost. Here the screen claims the keys while it renders (`useKeys`), so a key that
 * arrives once its frame is drawn always reaches it.
 */
export function KeyRouter({
  onKey,
  children,
}: {
  /** The wizard-wide keys, offered each event first: true when it took the key. */
  readonly onKey: (raw: string) => boolean;
  readonly children: ReactNode;
}) {
  const target = useRef<KeyHandler>(undefined);
  const wide = useRef(onKey);
  // Each render of the wizard starts with nobody owning the keys: the screen that renders claims them. The
  // wizard-wide handler is the one of the latest render too (never a closure over a step already left).
  target.current = undefined;
  wide.current = onKey;
  useRawInput((raw) => {
    if (!wide.current(raw)) target.current?.(raw);
  }, true);
  return <Target.Provider value={target}>{children}</Target.Provider>;
}

const Paused = createContext(false);

/**
 * Keys paused for what is inside: a step kept in place but not shown (the terminal too small for it) keeps what
 * was typed, and takes no key it could act on unseen.
 */
export function KeysPaused({paused, children}: {readonly paused: boolean; readonly children: ReactNode}) {
  return <Paused.Provider value={paused}>{children}</Paused.Provider>;
}

/**
 * Claims the keys for this field or list while it is rendered active (the last one rendered wins), and gives
 * them up when it is no longer active, paused, or gone: a key never reaches a field that is not on screen (an
 * Enter typed at a step hidden by a too-small terminal once confirmed a switch unseen).
 */
export function useKeys(handler: KeyHandler, isActive = true): void {
  const target = useContext(Target);
  const paused = useContext(Paused);
  const latest = useRef(handler);
  latest.current = handler;
  const claim = useRef<KeyHandler>(undefined);
  claim.current ??= (raw) => latest.current(raw);
  if (isActive && !paused) target.current = claim.current;
  else if (target.current === claim.current) target.current = undefined;
  useEffect(
    () => () => {
      if (target.current === claim.current) target.current = undefined;
    },
    [target],
  );
}
