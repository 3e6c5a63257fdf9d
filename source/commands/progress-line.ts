import type {Clock} from '../procedure/index.js';
import type {TextSink} from './io.js';

/**
 * Progress of a long read on stderr: on a terminal one line kept up to date in place (at most ten times a second);
 * into a log (cron, a pipe) one line every ten seconds, so that a long run shows it is alive without flooding it.
 */
export function progressLine(
  stderr: TextSink,
  clock: Clock,
  /** Lines into a log too (false with --json: a script's stderr is for what a person must see). */
  logged = true,
) {
  let lastDrawn = Number.NEGATIVE_INFINITY;
  let lastLogged = clock.now();
  let shown = false;
  return {
    /** `last`: the count is complete; drawn on a terminal even within the tenth of a second. */
    say(text: string, last = false): void {
      const now = clock.now();
      if (stderr.isTTY) {
        if (now - lastDrawn < 100 && !last) return;
        lastDrawn = now;
        // Cut to the terminal's width: a wrapped line cannot be redrawn in place.
        const width = Math.max(20, (stderr.columns ?? 80) - 1);
        stderr.write(`\r${text.length > width ? `${text.slice(0, width - 1)}…` : text}\u001B[K`);
        shown = true;
      } else if (logged && now - lastLogged >= 10_000) {
        lastLogged = now;
        stderr.write(`${text}\n`);
      }
    },
    /** Clears the line on a terminal, so that what follows starts on a clean one. */
    end(): void {
      if (shown) stderr.write('\r\u001B[K');
      shown = false;
    },
  };
}
