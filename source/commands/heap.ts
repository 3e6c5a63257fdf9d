import {getHeapStatistics, setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';

// A run of thousands of requests (plan, apply, list) keeps little alive — 11 MiB at the middle of an apply of 6,600
// tenants (heap snapshot) — but each request through node-fetch leaves about 150 KiB of garbage. Two things keep
// the process small:
// - The young generation stays at its starting size. V8 doubles it (up to 16 MiB a half on Node 20, 64 on Node 24)
//   whenever much survives a young collection, as a listing's rows do; those pages stay resident. The growth factor
//   is the one heap setting V8 reads while running (heap.cc reads --semi-space-growth-factor at each growth; the
//   size limits, --max-semi-space-size and --max-old-space-size, are read only at start-up: measured to change
//   nothing through v8.setFlagsFromString). Measured, list --json of 100,009 customers: peak RSS 162–174 → 129–133
//   MiB on Node 20, 287–311 → 164–172 MiB on Node 24, same time (5.0–5.7 s).
// - Garbage that outlived two young collections lands in the old generation, which V8 collects only at a limit set
//   at start-up; the run asks for a full collection itself whenever the heap, with the buffers its objects hold, has
//   grown by a headroom since the last one: measured on an apply of 6,600 tenants, peak RSS 157 → 130–147 MiB for a
//   few collections of about 10 ms each; on the listing of 100,009 customers, 122–124 → 110 MiB (Node 20) and
//   160 → 130 MiB (Node 24) with 20 MiB counting the buffers instead of 40 without, in the same time.

let collect: (() => void) | undefined;
let afterLast = 0;
let youngKeptSmall = false;

/**
 * Collects garbage when the heap has grown by `headroomMiB` since the last collection; cheap to call often. Call it
 * once before the run's first request too: the first call keeps the young generation at its starting size from then
 * on. 40 MiB suits a run whose live data stays small (plan, apply: 20 made apply of 6,600 tenants 2 s slower, for
 * 7 more collections of 10 ms each — measured, not understood); a listing whose rows grow takes 20.
 */
export function keepHeapSmall({headroomMiB = 40}: {readonly headroomMiB?: number} = {}): void {
  if (!youngKeptSmall) {
    youngKeptSmall = true;
    setFlagsFromString('--semi-space-growth-factor=1');
  }
  const used = heapInUse();
  if (used < afterLast + headroomMiB * 1024 * 1024) return;
  if (!collect) {
    // The one supported way to reach the collector once running: expose it, then take it from a new context.
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
  afterLast = heapInUse();
}

/** The heap and the memory outside it that heap objects hold (response bodies' buffers: up to 28 MiB on Node 24). */
function heapInUse(): number {
  const stats = getHeapStatistics();
  return stats.used_heap_size + stats.external_memory;
}
