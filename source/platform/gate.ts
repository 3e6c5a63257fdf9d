import type {Clock} from '../clock.js';

/**
 * The longest pause a 429 makes every request of a run take, whatever its Retry-After asks (seconds or an HTTP-date,
 * any size): the cap a single GET has for its own retry (client.ts), applied to the shared pause too, so that one
 * answer asking for 99999999999 s cannot stop a month-start batch for good.
 */
export const maxPauseMs = 60_000;

/**
 * One pause for every request of a run. When the platform answers 429 with `Retry-After`, it is not one worker that
 * was too fast but the whole run: every request, of every worker, waits until the pause is over (docs/platform-notes.md §4:
 * a 429's Retry-After must be honoured). Requests that were already on their way are not called back.
 */
export class RequestGate {
  #until = 0;

  constructor(
    private readonly clock: Clock,
    /**
     * Told when a pause begins or grows longer: a front end says so, an apply lowers its concurrency. `ms` is the
     * pause taken, `askedMs` what the platform asked for (longer when it was capped at `maxPauseMs`).
     */
    private readonly onPause?: (ms: number, askedMs: number) => void,
    /**
     * Ends every wait at once (the operator's Ctrl+C): a request waiting here was not sent, and a Retry-After of a
     * minute does not keep the run from stopping.
     */
    private readonly stop?: AbortSignal,
  ) {}

  /** Asks every request from now on to wait `askedMs`, at most `maxPauseMs` (a longer pause already on is kept). */
  pause(askedMs: number): void {
    const ms = Number.isFinite(askedMs) ? Math.min(Math.max(askedMs, 0), maxPauseMs) : maxPauseMs;
    const until = this.clock.now() + ms;
    if (until <= this.#until) return;
    this.#until = until;
    this.onPause?.(ms, askedMs);
  }

  /** When the current pause ends, or undefined when there is none. */
  get pausedUntil(): number | undefined {
    return this.#until > this.clock.now() ? this.#until : undefined;
  }

  /** Resolves when no pause is on; rejects when `signal` or the gate's stop signal aborts the wait. */
  async ready(signal?: AbortSignal): Promise<void> {
    for (let wait = this.#until - this.clock.now(); wait > 0; wait = this.#until - this.clock.now()) {
      // Listeners only while waiting (rare), and removed after: no composite signal kept for the run's life.
      const either = new AbortController();
      const abort = () => either.abort();
      const sources = [signal, this.stop].filter((source) => source !== undefined);
      for (const source of sources) {
        if (source.aborted) either.abort();
        source.addEventListener('abort', abort, {once: true});
      }
      try {
        await this.clock.sleep(wait, either.signal);
      } finally {
        for (const source of sources) source.removeEventListener('abort', abort);
      }
    }
  }
}
