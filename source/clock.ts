// Time is an input. This file is the only one that reads the wall clock (the linter's lint/wall-clock.grit says
// so); everything else is given a Clock, made once in cli.tsx and passed down, so that tests can fix and move it.

/** What tenant-mode knows of time: the current moment, and waiting. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /**
   * Resolves after `ms` of this clock's time: retries and Retry-After waits go through it, so that a test clock can
   * move on instead of waiting. Rejects with the signal's reason when aborted.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * Time that passes, in ms from an arbitrary start, never a date and never set back: how long something has been on a
 * screen (the line mode's confirmation, lines/line-wizard.ts). Tests give their own.
 */
export const monotonic = (): number => performance.now();

/** The longest single timer Node sets: a longer one fires at once, with a TimeoutOverflowWarning. */
const longestTimerMs = 2_147_483_647;

/** The machine's clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      // A wait longer than one timer allows is taken in parts; one that is no number is none.
      let left = Number.isFinite(ms) && ms > 0 ? ms : 0;
      let timer: NodeJS.Timeout;
      const arm = () => {
        const part = Math.min(left, longestTimerMs);
        left -= part;
        timer = setTimeout(() => {
          if (left > 0) return arm();
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, part);
      };
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      arm();
      signal?.addEventListener('abort', onAbort, {once: true});
    }),
};

/**
 * A clock that stands at `start` and moves only when told to (tests). Its sleeps either move it on at once
 * (`sleeps: 'pass'`, the default: a retry after 1.5 s costs no real time) or wait until `advance` reaches their end
 * (`sleeps: 'held'`: a test can look at the screen while the wait is on).
 */
export class ManualClock implements Clock {
  #now: number;
  readonly #held: Array<{until: number; wake: () => void}> = [];

  constructor(
    start: number,
    private readonly options: {readonly sleeps?: 'pass' | 'held'} = {},
  ) {
    this.#now = start;
  }

  // Arrow functions: `clock.now` may be handed on alone (as `() => number`).
  readonly now = (): number => this.#now;

  readonly advance = (ms: number): void => {
    this.#now += ms;
    for (const sleeper of this.#held.filter((held) => held.until <= this.#now)) {
      this.#held.splice(this.#held.indexOf(sleeper), 1);
      sleeper.wake();
    }
  };

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const wake = () => setImmediate(() => (signal?.aborted ? reject(signal.reason) : resolve()));
      if (this.options.sleeps !== 'held') {
        this.#now += ms;
        return wake();
      }
      const sleeper = {until: this.#now + ms, wake};
      this.#held.push(sleeper);
      signal?.addEventListener(
        'abort',
        () => {
          const index = this.#held.indexOf(sleeper);
          if (index >= 0) this.#held.splice(index, 1);
          reject(signal.reason);
        },
        {once: true},
      );
    });
}
