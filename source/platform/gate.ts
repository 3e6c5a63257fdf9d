import type {Clock} from '../clock.js';

/**
 * One pause for every request of a run. When the platform answers 429 with `Retry-After`, it is not one worker that
 * was too fast but the whole run: every request, of every worker, waits until the pause is over (platform-api.md:
 * a 429's Retry-After must be honoured). Requests that were already on their way are not called back.
 */
export class RequestGate {
  #until = 0;

  constructor(private readonly clock: Clock) {}

  /** Asks every request from now on to wait `ms` (a longer pause already asked for is kept). */
  pause(ms: number): void {
    this.#until = Math.max(this.#until, this.clock.now() + ms);
  }

  /** When the current pause ends, or undefined when there is none. */
  get pausedUntil(): number | undefined {
    return this.#until > this.clock.now() ? this.#until : undefined;
  }

  /** Resolves when no pause is on. */
  async ready(signal?: AbortSignal): Promise<void> {
    for (let wait = this.#until - this.clock.now(); wait > 0; wait = this.#until - this.clock.now()) {
      await this.clock.sleep(wait, signal);
    }
  }
}
