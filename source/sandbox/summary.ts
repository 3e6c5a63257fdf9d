import type {RecordedRequest} from './server.js';

/** What the sandbox was asked, in numbers: how a bench (or an operator trying things) proves "one PUT a tenant". */
export interface RequestSummary {
  readonly requests: number;
  readonly rate_limited: number;
  readonly puts: number;
  /** PUTs answered 429: refused before anything was done, so sending them again is no duplicate. */
  readonly puts_rate_limited: number;
  /** PUTs of a pricing that the sandbox carried out (200), whatever answer left (a fault may have dropped it). */
  readonly puts_applied: number;
  /** Tenants whose pricing more than one PUT changed: never more than 0 for tenant-mode. */
  readonly tenants_changed_twice: number;
}

export function summarize(requests: readonly RecordedRequest[]): RequestSummary {
  const applied = new Map<string, number>();
  let puts = 0;
  let rateLimited = 0;
  let putsRateLimited = 0;
  for (const request of requests) {
    if (request.status === 429) rateLimited += 1;
    if (request.method !== 'PUT' || !request.path.endsWith('/pricing')) continue;
    puts += 1;
    if (request.status === 429) putsRateLimited += 1;
    if (request.handled === 200) applied.set(request.path, (applied.get(request.path) ?? 0) + 1);
  }
  return {
    requests: requests.length,
    rate_limited: rateLimited,
    puts,
    puts_rate_limited: putsRateLimited,
    puts_applied: [...applied.values()].reduce((sum, count) => sum + count, 0),
    tenants_changed_twice: [...applied.values()].filter((count) => count > 1).length,
  };
}
