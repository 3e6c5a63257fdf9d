import {useCallback, useRef, useState} from 'react';
import {askedToWait, type Clock, type Exchange, type PlatformError} from '../procedure/index.js';

export interface Waiting {
  readonly reason: string;
  /** When the request is tried again, on the run's clock. */
  readonly until: number;
}

/**
 * The HTTP calls of the session, each with the step (1–5) whose request it was, for the panel; and the wait before
 * a retry, for the countdown. `callsFor(n)` starts a step's calls anew.
 */
export function useHttpLog(clock: Clock) {
  const entries = useRef<Array<{step: number; exchange: Exchange}>>([]);
  const current = useRef(1);
  const [, setCount] = useState(0);
  const [waiting, setWaiting] = useState<Waiting>();

  const callsFor = useCallback((step: number) => {
    current.current = step;
    entries.current = entries.current.filter((entry) => entry.step !== step);
  }, []);

  const onExchange = useCallback((exchange: Exchange) => {
    entries.current.push({step: current.current, exchange});
    setCount((count) => count + 1);
    setWaiting(undefined);
  }, []);

  const onRetry = useCallback(
    (error: PlatformError, _attempt: number, delayMs: number) => {
      const reason = askedToWait(error) ?? `The platform answered ${error.status ?? error.kind}`;
      setWaiting({reason, until: clock.now() + delayMs});
    },
    [clock],
  );

  const exchangesOf = (step: number) =>
    entries.current.filter((entry) => entry.step === step).map((entry) => entry.exchange);

  return {callsFor, onExchange, onRetry, exchangesOf, waiting};
}
