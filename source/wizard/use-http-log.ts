import {useCallback, useRef, useState} from 'react';
import {askedToWait, type Clock, type Exchange, type PlatformError} from '../procedure/index.js';

export interface Waiting {
  readonly reason: string;
  /** When the request is tried again, on the run's clock. */
  readonly until: number;
}

/**
 * The HTTP calls of the session, each filed under the screen whose request it was (state.ts, `callsOf`: the plan's
 * reads apart from the search's, though both are step 2), for the panel; and the wait before a retry, for the
 * countdown. `callsFor(key)` files the next calls under that key; `fresh` starts its list anew.
 */
/**
 * The latest calls of a step kept for the panel: planning the 1st reads thousands of pricings, and keeping every
 * exchange (a listing page's answer is megabytes) would hold them all in memory for a panel that shows a screenful.
 */
const keptPerStep = 50;

export function useHttpLog(clock: Clock) {
  const entries = useRef<Array<{step: string; exchange: Exchange}>>([]);
  const current = useRef('connect');
  const [, setCount] = useState(0);
  const [waiting, setWaiting] = useState<Waiting>();
  const redraw = useRef<ReturnType<typeof setTimeout>>(undefined);

  const callsFor = useCallback((step: string, fresh = true) => {
    current.current = step;
    if (fresh) entries.current = entries.current.filter((entry) => entry.step !== step);
  }, []);

  const onExchange = useCallback((exchange: Exchange) => {
    const step = current.current;
    entries.current.push({step, exchange});
    const ofStep = entries.current.filter((entry) => entry.step === step);
    if (ofStep.length > keptPerStep) {
      const oldest = ofStep[0];
      entries.current = entries.current.filter((entry) => entry !== oldest);
    }
    // One redraw for a burst of calls (thousands of reads), not one each: a tenth of a second of real time, as a
    // screen's refresh is (not the run's clock, which tests hold still).
    redraw.current ??= setTimeout(() => {
      redraw.current = undefined;
      setCount((count) => count + 1);
    }, 100);
    setWaiting(undefined);
  }, []);

  const onRetry = useCallback(
    (error: PlatformError, _attempt: number, delayMs: number) => {
      const reason = askedToWait(error) ?? `The platform answered ${error.status ?? error.kind}`;
      setWaiting({reason, until: clock.now() + delayMs});
    },
    [clock],
  );

  const exchangesOf = (step: string) =>
    entries.current.filter((entry) => entry.step === step).map((entry) => entry.exchange);

  return {callsFor, onExchange, onRetry, exchangesOf, waiting};
}
