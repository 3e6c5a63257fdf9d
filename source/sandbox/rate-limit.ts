/**
 * The sandbox's rate limit (`--rate N`): at most N requests a second of the sandbox's clock; those over it are
 * answered 429 with `Retry-After` (the seconds until the next second begins, at least 1), as a gateway in front
 * of the platform might (docs/platform-notes.md §4: no documented limit, but a 429 with Retry-After must be honoured).
 */
export class RateLimit {
  #second = Number.NaN;
  #count = 0;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number,
  ) {}

  /** Undefined when the request may go on; else the seconds to wait. */
  refuse(): number | undefined {
    const now = this.now();
    const second = Math.floor(now / 1000);
    if (second !== this.#second) {
      this.#second = second;
      this.#count = 0;
    }
    this.#count += 1;
    if (this.#count <= this.perSecond) return undefined;
    return Math.max(1, Math.ceil(((second + 1) * 1000 - now) / 1000));
  }
}
