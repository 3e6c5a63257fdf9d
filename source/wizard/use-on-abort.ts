import {useEffect, useRef} from 'react';

/** Calls the latest `handler` once `signal` aborts: how SIGTERM, from outside React, leaves as Ctrl+C does. */
export function useOnAbort(signal: AbortSignal | undefined, handler: () => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const run = () => latest.current();
    signal?.addEventListener('abort', run, {once: true});
    return () => signal?.removeEventListener('abort', run);
  }, [signal]);
}
