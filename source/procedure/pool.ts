/**
 * Runs `work` on every item, at most `limit` at a time, in order of the items; stops taking new items once
 * `stop()` says so (an interruption, too many failures). Resolves when every started item is done.
 */
export async function eachAtMost<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
  stop: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !stop()) {
      const index = next++;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({length: Math.max(1, Math.min(limit, items.length))}, worker));
}

/**
 * How many requests a run keeps in flight, adapting as TCP does (additive increase, multiplicative decrease): halved
 * when the platform answers 429, one more after as many successes as the current limit, never above `max`. After a
 * pause, workers then come back a few at a time instead of all at once into the next 429.
 */
export class Throttle {
  #limit: number;
  #inUse = 0;
  #successes = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(readonly max: number) {
    this.#limit = max;
  }

  get limit(): number {
    return this.#limit;
  }

  async acquire(): Promise<void> {
    while (this.#inUse >= this.#limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#inUse += 1;
  }

  release(): void {
    this.#inUse -= 1;
    this.#waiting.shift()?.();
  }

  slowDown(): void {
    this.#limit = Math.max(1, Math.floor(this.#limit / 2));
    this.#successes = 0;
  }

  succeeded(): void {
    this.#successes += 1;
    if (this.#successes < this.#limit || this.#limit >= this.max) return;
    this.#limit += 1;
    this.#successes = 0;
    this.#waiting.shift()?.();
  }
}
