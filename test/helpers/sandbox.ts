import {afterAll, afterEach, beforeAll} from 'vitest';
import {ManualClock} from '../../source/clock.js';
import {PlatformClient, type PlatformClientOptions} from '../../source/platform/index.js';
import {type Sandbox, type SandboxOptions, startSandbox} from '../../source/sandbox/index.js';

/** A fixed "today" for tests: 26 Nov 2026, 09:00 UTC (not the 1st of a month). */
export const fixedNow = Date.UTC(2026, 10, 26, 9, 0, 0);

/** A clock standing at `fixedNow` that tests move forward (and that sleeps move forward at once). */
export function movableClock(start = fixedNow): ManualClock {
  return new ManualClock(start);
}

/**
 * Starts one sandbox for the file, clears faults after each test, closes it at the end. Its clock (a movable one at
 * `fixedNow` unless given) is the one every part of a test shares: `sandbox.current.clock`.
 */
export function sandboxPerFile(options: Partial<SandboxOptions> = {}): {readonly current: Sandbox} {
  const holder = {} as {current: Sandbox};
  beforeAll(async () => {
    holder.current = await startSandbox({clock: movableClock(), ...options});
  });
  afterEach(() => holder.current?.faults.clear());
  afterAll(async () => holder.current?.close());
  return holder;
}

/** A client signed in as the sandbox's demo API client, on the sandbox's clock, with quick retries. */
export function clientFor(sandbox: Sandbox, options: Partial<PlatformClientOptions> = {}): PlatformClient {
  return new PlatformClient({
    dataCenter: sandbox.url,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    retry: {attempts: 2, delayMs: 10},
    clock: sandbox.clock,
    ...options,
  });
}

/** The UUID of a seeded tenant by its name (the first one, for names that repeat). */
export function tenantId(sandbox: Sandbox, name: string): string {
  const tenant = [...sandbox.world.tenants.values()].find((candidate) => candidate.name === name);
  if (!tenant) throw new Error(`no seeded tenant named ${name}`);
  return tenant.id;
}

/** Requests the sandbox saw since `from` (an index into `sandbox.requests`), as "METHOD path" lines. */
export function requestLines(sandbox: Sandbox, from = 0): string[] {
  return sandbox.requests.slice(from).map((request) => `${request.method} ${request.path}`);
}
