import {useCallback, useRef} from 'react';

/**
 * The wizard's requests, one at a time: `run` starts an operation (a procedure call that returns a value) and hands
 * its value or failure to the wizard's callbacks, unless it was aborted meanwhile (the operator moved on).
 * Starting one aborts the one before; `abortCurrent` is Esc's; `abortAll` is leaving's. The switch runs on
 * `lasting`, which only leaving aborts: Esc never cancels a request that may change the tenant.
 */
export function useOperation() {
  const session = useRef(new AbortController());
  const current = useRef<AbortController>(undefined);

  const run = useCallback(
    <T>(
      work: (signal: AbortSignal) => Promise<T>,
      done: (value: T) => void,
      failed: (error: unknown) => void,
    ) => {
      current.current?.abort();
      const controller = new AbortController();
      current.current = controller;
      const signal = AbortSignal.any([controller.signal, session.current.signal]);
      work(signal).then(
        (value) => {
          if (!signal.aborted) done(value);
        },
        (error: unknown) => {
          if (!signal.aborted) failed(error);
        },
      );
    },
    [],
  );

  const abortCurrent = useCallback(() => current.current?.abort(), []);
  const abortAll = useCallback(() => session.current.abort(), []);
  return {run, abortCurrent, abortAll, lasting: session.current.signal};
}
