import {useEffect, useState} from 'react';
import {Flagged} from './Flagged.js';

export interface CountdownProps {
  /** Why we wait, e.g. "The platform asked to wait (429)". */
  readonly reason: string;
  /** Epoch ms when the request is tried again. */
  readonly until: number;
  readonly now: () => number;
}

/** "… retrying in 4 s", counting down each second. */
export function Countdown({reason, until, now}: CountdownProps) {
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((count) => count + 1), 250);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.ceil((until - now()) / 1000));
  return (
    <Flagged symbol="⏳" tone="warning">
      {reason}: trying again in {seconds} s…
    </Flagged>
  );
}
