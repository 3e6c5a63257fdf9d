import {askedToWait, type Clock, type Exchange, type PlatformError} from '../procedure/index.js';

export interface Waiting {
  readonly reason: string;
  /** When the request is tried again, on the run's clock. */
  readonly until: number;
}

/**
 * The latest calls of a step kept for the panel: planning the 1st reads thousands of pricings, and keeping every
 * exchange (a listing page's answer is megabytes) would hold them all in memory for a panel that shows a screenful.
 */
const keptPerStep = 50;

/**
 * The HTTP calls of the session, each filed under the screen whose request it was (state.ts, `callsOf`: the plan's
 * reads apart from the search's, though both are step 2), for the panel; and the wait before a retry, for the
 * countdown. `callsFor(key)` files the next calls under that key; `fresh` starts its list anew. Both ways of drawing
 * the wizard keep one (use-http-log.ts for the full screen, lines/ for the line mode); `onChange` tells them.
 */
export class HttpLog {
  private entries: Array<{step: string; exchange: Exchange}> = [];
  private current = 'connect';
  /** The wait before a retry, until the next call is made. */
  waiting: Waiting | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly onChange: (what: 'exchange' | 'waiting') => void = () => {},
    /** Told of every call, none left out (a lesson's transcript keeps them all). */
    private readonly observe?: (exchange: Exchange) => void,
  ) {}

  readonly callsFor = (step: string, fresh = true): void => {
    this.current = step;
    if (fresh) this.entries = this.entries.filter((entry) => entry.step !== step);
  };

  readonly onExchange = (exchange: Exchange): void => {
    const step = this.current;
    this.entries.push({step, exchange});
    this.observe?.(exchange);
    const ofStep = this.entries.filter((entry) => entry.step === step);
    if (ofStep.length > keptPerStep) {
      const oldest = ofStep[0];
      this.entries = this.entries.filter((entry) => entry !== oldest);
    }
    this.waiting = undefined;
    this.onChange('exchange');
  };

  readonly onRetry = (error: PlatformError, _attempt: number, delayMs: number): void => {
    const reason = askedToWait(error) ?? `The platform answered ${error.status ?? error.kind}`;
    this.waiting = {reason, until: this.clock.now() + delayMs};
    this.onChange('waiting');
  };

  readonly exchangesOf = (step: string): Exchange[] =>
    this.entries.filter((entry) => entry.step === step).map((entry) => entry.exchange);
}
