import {createContext, type ReactNode, useContext, useEffect, useLayoutEffect, useRef} from 'react';
import {splitKeys} from './key-burst.js';
import {useRawInput} from './use-raw-input.js';

type KeyHandler = (raw: string) => void;
const Target = createContext<{current: KeyHandler | undefined}>({current: undefined});

const ctrlC = '\u0003';
const tab = '\t';
const esc = '\u001b';

export interface KeyRouterProps {
  /** The wizard-wide keys, offered each key first: true when it took the key. */
  readonly onKey: (raw: string) => boolean;
  /** Which screen is on show (the step and its phase): keys typed ahead of a new one wait for its first frame. */
  readonly screen: string;
  /** A request of this step is running: keys wait for the screen that follows (Ctrl+C, Tab and Esc act at once). */
  readonly busy: boolean;
  /**
   * The confirmation: keys typed before its frame was on screen are dropped (`onDropped`), never typed into the
   * name that confirms a switch the operator has not seen.
   */
  readonly dropsTypedAhead: boolean;
  readonly onDropped: (count: number) => void;
  /**
   * Told how many keys wait for the next screen, when that changes: the wizard says so. (Not state of this
   * component: a render of its own would not render the screen that claims the keys.)
   */
  readonly onWaiting: (count: number) => void;
  /**
   * How long after React commits a screen its frame is on the terminal: Ink draws at most 30 frames a second
   * (its maxFps), so 40 ms on a terminal; 0 where Ink draws each commit at once (its debug mode, in tests).
   */
  readonly frameMs: number;
  /**
   * Set by the wizard when a key's handler changed its state (a dispatch, the panel): the next key waits until that
   * render has happened, so that it lands on the screen the key made. Cleared here at each render.
   */
  readonly changes: {pending: boolean};
  /**
   * The HTTP panel is open: keys typed at it are its own (Tab, Esc close it) or nobody's, while keys typed during a
   * request before it opened wait on until it is closed, then act on the step — never dropped unsaid.
   */
  readonly held?: boolean;
  readonly children: ReactNode;
}

/**
 * One subscription to the terminal's input for the whole wizard, made once when it starts. Every input event is
 * split into keys (key-burst.ts) and handled in order: Ctrl+C anywhere in it wins, and nothing before it acts. A key
 * goes to the wizard-wide map first, then to the field or list on show, which claims the keys while it renders
 * (`useKeys`). When a key changes the screen (or starts a request), the keys after it wait until the next screen's
 * first frame is on the terminal, then act on it: "Acme Corp⏎⏎" searches, then chooses the only match. The one
 * exception is the confirmation, whose typed-ahead keys are dropped. Waiting keys are said on screen.
 */
export function KeyRouter({
  onKey,
  screen,
  busy,
  dropsTypedAhead,
  onDropped,
  onWaiting,
  frameMs,
  changes,
  held = false,
  children,
}: KeyRouterProps) {
  const target = useRef<KeyHandler>(undefined);
  const wide = useRef(onKey);
  const now = useRef({screen, busy, dropsTypedAhead, onDropped, onWaiting, held});
  // The wizard-wide handler and what is on show are those of the latest commit (never a screen already left); the
  // field or list on show claims the keys in its own layout effect (useKeys), which runs before this one. Written
  // in an effect, never during render: a render React throws away must not change where keys go.
  useLayoutEffect(() => {
    wide.current = onKey;
    now.current = {screen, busy, dropsTypedAhead, onDropped, onWaiting, held};
    changes.pending = false;
  });
  /** The screen whose frame is on the terminal (keys act on it), and the keys waiting for the next one. */
  const drawn = useRef<string | undefined>(screen);
  /** `early`: typed while a request ran, for the screen after it (the HTTP panel holds these until it closes). */
  const waiting = useRef<{readonly key: string; readonly early: boolean}[]>([]);
  const reported = useRef(0);

  const deliver = (key: string) => {
    if (!wide.current(key)) target.current?.(key);
  };
  const ready = () => drawn.current === now.current.screen && !now.current.busy;
  const next = useRef<NodeJS.Timeout>(undefined);
  /** Turns waited for a render the wizard asked for, before going on without it (a change that rendered nothing). */
  const stalled = useRef(0);
  const later = () => {
    next.current ??= setTimeout(() => {
      next.current = undefined;
      drain();
    }, 1);
  };
  /**
   * Hands the waiting keys to the screen on show, one at a time. React renders what a key changed after its handler
   * returns (updates are batched), so the key after one that changed the wizard's state waits for that render
   * (`changes.pending`) — never a key handed to a screen already left. Keys are never handed out from React's own
   * work (a commit): from there the next turn of the event loop does it.
   */
  /** Tells the wizard how many keys wait, when that changed. */
  const report = () => {
    if (reported.current === waiting.current.length) return;
    reported.current = waiting.current.length;
    now.current.onWaiting(reported.current);
  };
  /**
   * Which waiting key acts next (-1: none now): the first, once the screen it waited for is drawn and no request
   * runs — but while the HTTP panel is open, the first typed at the panel, keys typed during a request before it
   * opened waiting on until it is closed (then they act on the step).
   */
  const nextIndex = () => {
    if (!ready()) return -1;
    if (!now.current.held) return waiting.current.length > 0 ? 0 : -1;
    return waiting.current.findIndex((entry) => !entry.early);
  };
  const drain = () => {
    if (changes.pending && stalled.current < 200) {
      stalled.current += 1;
      if (waiting.current.length > 0) later();
      return report();
    }
    stalled.current = 0;
    changes.pending = false;
    const index = nextIndex();
    if (index >= 0) deliver(waiting.current.splice(index, 1)[0]?.key ?? '');
    if (nextIndex() >= 0) later();
    report();
  };

  useRawInput((raw) => {
    const keys = splitKeys(raw);
    if (keys.includes(ctrlC)) {
      waiting.current = [];
      deliver(ctrlC);
      return;
    }
    for (const key of keys) {
      // Esc drops what waits, as the line about waiting keys says (and leaves the request, or closes the panel).
      if (key === esc && (now.current.busy || now.current.held)) waiting.current = [];
      // While a request runs, Tab (its HTTP calls) and Esc act at once. Keys typed at the open panel are its own,
      // at once: it keeps Tab and Esc and lets nothing else through, request or not. Not when a key before this
      // one changed the wizard and React has not rendered it yet: the Tab that closes the panel, then the name
      // typed at once — the name waits for the step (delivered at once, the panel still open would swallow it).
      const atOnce = (now.current.busy && (key === tab || key === esc)) || now.current.held;
      if (atOnce && !changes.pending) {
        deliver(key);
        continue;
      }
      waiting.current.push({key, early: now.current.busy && !now.current.held});
    }
    drain();
  }, true);

  // A new screen (or the end of a request): once its first frame is on the terminal, the keys that waited act on
  // it — or, on the confirmation, are dropped. A layout effect: with frames drawn at commit (tests), keys of the
  // same event that follow a screen change already see the new screen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the screen or the request changes
  useLayoutEffect(() => {
    if (drawn.current === screen && !busy) return;
    drawn.current = undefined;
    const settle = (inCommit: boolean) => {
      drawn.current = screen;
      if (now.current.dropsTypedAhead && !now.current.busy && waiting.current.length > 0) {
        const dropped = waiting.current.length;
        waiting.current = [];
        report();
        now.current.onDropped(dropped);
      }
      if (inCommit) later();
      else drain();
    };
    if (frameMs <= 0) {
      settle(true);
      return;
    }
    const timer = setTimeout(() => settle(false), frameMs);
    return () => clearTimeout(timer);
  }, [screen, busy]);
  // After every render: keys that waited for it go on (from the next turn, not from within the commit).
  useLayoutEffect(() => {
    if (nextIndex() >= 0) later();
  });
  useEffect(
    () => () => {
      waiting.current = [];
      clearTimeout(next.current);
    },
    [],
  );

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
  const claim = useRef<KeyHandler>(undefined);
  claim.current ??= (raw) => latest.current(raw);
  // At every commit of this field or list (layout effects run in tree order, so the last one shown wins).
  useLayoutEffect(() => {
    latest.current = handler;
    if (isActive && !paused) target.current = claim.current;
    else if (target.current === claim.current) target.current = undefined;
  });
  useLayoutEffect(
    () => () => {
      if (target.current === claim.current) target.current = undefined;
    },
    [target],
  );
}
