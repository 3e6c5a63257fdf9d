import {getHeapStatistics, setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';

// A run of thousands of requests (plan, apply, list) keeps little alive — 11 MiB at the middle of an apply of 6,600
// tenants (heap snapshot) — but each request through node-fetch leaves about 150 KiB of garbage, a few per cent of
// which outlives two young collections and lands in the old generation. V8 collects that only once it reaches a
// limit set when the process starts, and Node's flags cannot lower it afterwards (measured: v8.setFlagsFromString
// with --max-old-space-size or --max-semi-space-size changes nothing once running). So the run asks for a full
// collection itself whenever the heap has grown by `headroom` since the last one: measured on an apply of 6,600
// tenants, peak RSS 157 → 12x MiB for a few collections of some milliseconds each.

const headroom = 40 * 1024 * 1024;
let collect: (() => void) | undefined;
let afterLast = 0;

/** Collects garbage when the heap has grown by `headroom` since the last collection; cheap to call often. */
export function keepHeapSmall(): void {
  const used = getHeapStatistics().used_heap_size;
  if (used < afterLast + headroom) return;
  if (!collect) {
    // The one supported way to reach the collector once running: expose it, then take it from a new context.
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
  afterLast = getHeapStatistics().used_heap_size;
}
