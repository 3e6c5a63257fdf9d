import {useRef, useState} from 'react';
import type {Clock, Exchange} from '../procedure/index.js';
import {HttpLog} from './http-log.js';

export type {Waiting} from './http-log.js';

/** The session's HTTP calls (http-log.ts) for the full-screen wizard: a change renders it again. */
export function useHttpLog(clock: Clock, observe?: (exchange: Exchange) => void): HttpLog {
  const [, setCount] = useState(0);
  const redraw = useRef<ReturnType<typeof setTimeout>>(undefined);
  const log = useRef<HttpLog>(undefined);
  log.current ??= new HttpLog(
    clock,
    (what) => {
      if (what === 'waiting') {
        setCount((count) => count + 1);
        return;
      }
      // One redraw for a burst of calls (thousands of reads), not one each: a tenth of a second of real time, as a
      // screen's refresh is (not the run's clock, which tests hold still).
      redraw.current ??= setTimeout(() => {
        redraw.current = undefined;
        setCount((count) => count + 1);
      }, 100);
    },
    observe,
  );
  return log.current;
}
