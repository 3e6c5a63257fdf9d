import {randomUUID} from 'node:crypto';
import {join} from 'node:path';
import type {Clock} from '../clock.js';
import {PlatformError, type Pricing, type RequestGate} from '../platform/index.js';
import {
  type AuditIndex,
  type AuditLine,
  type AuditLog,
  AuditWriteError,
  eachJournalLine,
  fileProblem,
  Journal,
  JournalError,
  type ResultsLine,
  TenantLock,
} from '../store/index.js';
import type {Plan, PlannedTenant} from './plan-format.js';
import {eachAtMost, Throttle} from './pool.js';
import type {Session} from './sign-in.js';
import {switchAndVerify} from './switch.js';
import {
  type ApplyOutcome,
  applyOutcomeOfAudit,
  applyOutcomes,
  type PlannedResult,
  plannedAttemptLines,
  plannedOutcomeLines,
  planOutcomeOf,
  runLine,
  settledOutcomes as settled,
} from './switch-record.js';

export type {ApplyOutcome};

/** What `--check` (or `--dry-run`) foresees for a tenant, from a fresh reading; nothing is sent. */
export type CheckOutcome = 'ready' | 'changed-since-plan' | 'nothing-to-do' | 'gone' | 'refused' | 'unknown';

export interface TenantResult<Outcome = ApplyOutcome> {
  readonly tenant: PlannedTenant;
  readonly outcome: Outcome;
  /** HTTP status of the last PUT (or of the read, for a check); null when none came. */
  readonly status: number | null;
  readonly pricingAfter?: Pricing;
  readonly error?: PlatformError;
  /** PUTs sent for it in this run. */
  readonly puts: number;
  /** Recorded by an earlier run of the same plan, and left alone by this one. */
  readonly earlier?: boolean;
  /** The tenant's name on the platform now, when it is not the plan's (read by `--check`, and by apply first). */
  readonly nowNamed?: string;
}

export interface ApplyReport {
  readonly results: TenantResult[];
  /** Why the run stopped sending before the end, if it did. */
  readonly stopped?: 'interrupted' | 'failures' | 'record' | 'day-ended';
  /** With `record`: the results file or the audit log could not be written (what the disk said). */
  readonly recordProblem?: string;
  /** Failures in a row that stopped it. */
  readonly failuresInARow: number;
}

/** A plan whose results file cannot be used: another plan's, or in use by another run. */
export class ResultsRefused extends Error {
  override readonly name = 'ResultsRefused';
}

export interface ApplyRequest {
  readonly session: Session;
  readonly plan: Plan;
  readonly planSha256: string;
  /** `FILE.results.jsonl`: attempt and outcome lines, flushed; a rerun resumes from it. */
  readonly resultsPath: string;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly concurrency: number;
  readonly maxFailures: number;
  /**
   * The run may send on any day (`--not-on-date`). Without it every PUT is sent on the plan's day only (UTC),
   * checked before each one: a run still going at midnight stops sending (`stopped: 'day-ended'`).
   */
  readonly notOnDate?: boolean;
  /** Aborted when the operator interrupts: no new PUT is sent, those in flight finish (within --timeout). */
  readonly stop: AbortSignal;
  readonly onStart?: (tenant: PlannedTenant) => void;
  readonly onResult?: (result: TenantResult) => void;
  /** The session's gate (platform/gate.ts): waited for before each tenant, so that Ctrl+C during a pause stops. */
  readonly gate?: RequestGate;
  /** Lowered when the platform answers 429 (the gate's onPause calls `slowDown`). */
  readonly throttle?: Throttle;
}

/** How often one tenant's PUT is sent again after a 429 (each time only once the re-read shows it untouched). */
const rateLimitedResends = 30;

/**
 * Applies a plan: for each tenant, an attempt line in the results file and in the audit log (both flushed), then
 * one PUT with the version read when the plan was made, verified, and re-read when its answer leaves the outcome
 * open (the one switch procedure: switch.ts). At most `concurrency` at a time; a 429 pauses every worker (the
 * session's RequestGate), and the tenant is sent again only when a re-read shows it still in trial at the planned
 * version. A rerun skips settled tenants and re-reads every tenant whose outcome was not recorded or unknown.
 */
export async function applyPlan(request: ApplyRequest): Promise<ApplyReport> {
  const {plan, planSha256, resultsPath, audit, clock} = request;
  // One run of a plan at a time: by its results file, and by its content (a copy or a link of the plan file under
  // another name is the same plan).
  const locks = [
    takeLock(`${resultsPath}.lock`),
    takeLock(join(audit.directory, `apply-${planSha256.slice(0, 32)}.lock`)),
  ];
  let results: Journal<ResultsLine> | undefined;
  let auditJournal: Journal<AuditLine> | undefined;
  try {
    const earlier = await earlierRun(resultsPath, planSha256, plan);
    // The audit log first: when it cannot be written, nothing is sent and no empty results file is left behind.
    auditJournal = await audit.openJournal().catch((error) => {
      throw new ResultsRefused(`${error instanceof Error ? error.message : String(error)} Nothing was sent.`);
    });
    // The audit log remembers this plan's attempts too (each line names its SHA-256): a results file moved away,
    // or a copy of the plan applied under another name, does not make apply forget what it switched.
    for (const [tenantId, state] of await fromAuditLog(audit, planSha256)) {
      if (!earlier.has(tenantId)) earlier.set(tenantId, state);
    }
    results = await Journal.open<ResultsLine>(resultsPath).catch((error) => {
      throw new ResultsRefused(`${error instanceof Error ? error.message : String(error)} Nothing was sent.`);
    });
    await results.append(runLine(plan, planSha256, clock.now())).catch((error) => {
      throw new ResultsRefused(`${error instanceof Error ? error.message : String(error)} Nothing was sent.`);
    });
    return await run(request, earlier, results, auditJournal);
  } finally {
    await results?.close();
    await auditJournal?.close();
    for (const lock of locks) lock.release();
  }
}

/** Takes a lock, or says why not in words: another run holds it, or the file system refuses. */
function takeLock(path: string): TenantLock {
  let lock: ReturnType<typeof TenantLock.takeFile>;
  try {
    lock = TenantLock.takeFile(path);
  } catch (error) {
    const code = (error as {code?: string}).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(error));
    throw new ResultsRefused(`The lock ${path} cannot be taken (${why}). Nothing was sent.`);
  }
  if (lock instanceof TenantLock) return lock;
  throw new ResultsRefused(
    `Another apply of this plan is running (pid ${lock.heldBy}); nothing was sent. Wait for it to end — or, if no apply is running (the pid was reused after a restart), remove ${path}.`,
  );
}

/** What the audit log says of this plan's tenants: settled ones, and attempts whose outcome is not recorded. */
async function fromAuditLog(audit: AuditLog, planSha256: string): Promise<Map<string, Earlier>> {
  const state = new Map<string, Earlier>();
  let index: AuditIndex;
  try {
    index = await audit.index((attempt) => attempt.plan_sha256 === planSha256);
  } catch {
    return state;
  }
  for (let at = 0; at < index.count; at++) {
    const entry = await index.entry(at).catch(() => undefined);
    if (entry?.plan_sha256 !== planSha256) continue;
    const outcome = applyOutcomeOfAudit(entry.outcome);
    if (outcome) state.set(entry.tenant_id, {outcome, attemptId: entry.attempt_id});
  }
  await index.close();
  return state;
}

/**
 * How many of the plan's tenants an earlier run settled (they will be left alone), read before confirming; throws
 * ResultsRefused when the results file is another plan's.
 */
export async function settledEarlier(
  resultsPath: string,
  planSha256: string,
  plan: Plan,
  audit: AuditLog,
): Promise<number> {
  const earlier = await earlierRun(resultsPath, planSha256, plan);
  for (const [tenantId, state] of await fromAuditLog(audit, planSha256)) {
    if (!earlier.has(tenantId)) earlier.set(tenantId, state);
  }
  return plan.tenants.filter((tenant) => {
    const outcome = earlier.get(tenant.id)?.outcome;
    return outcome !== undefined && outcome !== 'pending' && settled.has(outcome);
  }).length;
}

/** What an earlier run of this plan recorded of a tenant: its last outcome, or `pending` for an attempt without one. */
interface Earlier {
  readonly outcome: ApplyOutcome | 'pending';
  /** The attempt that outcome belongs to (the audit log joins the two). */
  readonly attemptId?: string;
}

/**
 * What an earlier run of this plan recorded in its results file, read a line at a time (flat memory whatever the
 * file's size), each field checked; only the plan's own tenants are kept.
 */
async function earlierRun(
  resultsPath: string,
  planSha256: string,
  plan: Plan,
): Promise<Map<string, Earlier>> {
  const planned = new Set(plan.tenants.map((tenant) => tenant.id));
  const state = new Map<string, Earlier>();
  let foreign = false;
  await eachJournalLine(resultsPath, (line) => {
    if (line.kind === 'run' && line.plan_sha256 !== planSha256) foreign = true;
    if (typeof line.tenant_id !== 'string' || !planned.has(line.tenant_id)) return;
    const attemptId = typeof line.attempt_id === 'string' ? line.attempt_id : undefined;
    if (line.kind === 'attempt') state.set(line.tenant_id, {outcome: 'pending', attemptId});
    if (line.kind === 'outcome' && typeof line.outcome === 'string' && applyOutcomes.has(line.outcome)) {
      state.set(line.tenant_id, {outcome: line.outcome as ApplyOutcome, attemptId});
    }
  }).catch((error) => {
    throw new ResultsRefused(`${error instanceof Error ? error.message : String(error)} Nothing was sent.`);
  });
  if (foreign) {
    throw new ResultsRefused(
      `${resultsPath} holds the results of another plan (its SHA-256 differs: the plan file changed since that apply). Nothing was sent. Look at those results, then move them away to apply this plan.`,
    );
  }
  return state;
}

async function run(
  request: ApplyRequest,
  earlier: Map<string, Earlier>,
  results: Journal<ResultsLine>,
  audit: Journal<AuditLine>,
): Promise<ApplyReport> {
  const {session, plan, planSha256, clock, stop} = request;
  const {client} = session;
  const out: Array<TenantResult | undefined> = new Array(plan.tenants.length);
  let failuresInARow = 0;
  let stoppedByFailures = false;
  let journalFailure: Error | undefined;
  // The day is read from the clock each time: a run that started at 23:59 on the planned day sends nothing after
  // midnight (a switch then bills another month than the plan said).
  const dayEnded = () =>
    !request.notOnDate && new Date(clock.now()).toISOString().slice(0, 10) !== plan.planned_date;
  let endedTheDay = false;
  const halted = () => {
    if (!endedTheDay && dayEnded()) endedTheDay = true;
    return stop.aborted || stoppedByFailures || journalFailure !== undefined || endedTheDay;
  };

  /** The outcome line of a tenant, in the results file and (when it closes an attempt) in the audit log. */
  const writeOutcome = async (
    tenant: PlannedTenant,
    result: PlannedResult,
    attemptId: string | undefined,
  ) => {
    const lines = plannedOutcomeLines(attemptId, tenant, planSha256, result, clock.now());
    try {
      await Promise.all([results.append(lines.results), lines.audit ? audit.append(lines.audit) : undefined]);
    } catch (error) {
      // The switch happened (or not) whatever the disk says: the result stands; the run stops sending.
      journalFailure ??= error as Error;
    }
  };

  const settle = async (
    index: number,
    tenant: PlannedTenant,
    result: Omit<TenantResult, 'tenant'>,
    attemptId: string | undefined,
  ) => {
    const done: TenantResult = {tenant, ...result};
    out[index] = done;
    await writeOutcome(tenant, result, attemptId);
    const failure =
      result.outcome === 'failed' ||
      result.outcome === 'unknown' ||
      result.outcome === 'busy' ||
      (result.outcome === 'refused' && isAuthorization(result.error));
    if (failure) {
      failuresInARow += 1;
      if (failuresInARow >= request.maxFailures) stoppedByFailures = true;
    } else if (result.outcome !== 'changed-since-plan' && result.outcome !== 'gone') {
      failuresInARow = 0;
    }
    request.onResult?.(done);
  };

  /** A re-read before deciding: after an attempt without outcome, or an unknown or failed one, in an earlier run. */
  /**
   * The read before each tenant's first PUT: only a tenant still in trial at the planned version is sent (a hand
   * edit cannot make apply PUT to a production tenant or a folder). After an attempt without outcome, or an
   * unknown one, in an earlier run, production means that attempt switched it.
   */
  const reread = async (
    index: number,
    tenant: PlannedTenant,
    before: Earlier | undefined,
  ): Promise<boolean> => {
    let pricing: Pricing;
    try {
      pricing = await client.getPricing(tenant.id, stop);
    } catch (caught) {
      const error = asPlatformError(caught);
      // Interrupted before anything was sent for it: it stays as it was (not sent).
      if (error.kind === 'aborted') return false;
      const gone = error.status === 404 || error.status === 403;
      // Nothing was sent for it in this run: unknown only when an earlier attempt left it so.
      const open = before?.outcome === 'pending' || before?.outcome === 'unknown';
      const outcome = gone ? 'gone' : open ? 'unknown' : 'failed';
      await settle(index, tenant, {outcome, status: error.status ?? null, error, puts: 0}, before?.attemptId);
      return false;
    }
    const verdict = reading(tenant, pricing);
    if (verdict === 'ready') return true;
    const outcome: ApplyOutcome =
      verdict === 'nothing-to-do' && (before?.outcome === 'pending' || before?.outcome === 'unknown')
        ? 'switched-confirmed-by-reread'
        : verdict === 'unknown'
          ? 'refused'
          : verdict;
    await settle(index, tenant, {outcome, status: 200, pricingAfter: pricing, puts: 0}, before?.attemptId);
    return false;
  };

  const throttle = request.throttle ?? new Throttle(request.concurrency);
  const applyOne = async (index: number) => {
    await throttle.acquire();
    try {
      await applyTenant(index);
    } finally {
      throttle.release();
    }
  };
  const applyTenant = async (index: number) => {
    const tenant = plan.tenants[index] as PlannedTenant;
    const before = earlier.get(tenant.id);
    // A pause asked by a 429 is waited out here, where Ctrl+C can end the wait: nothing is sent for this tenant.
    await request.gate?.ready(stop).catch(() => undefined);
    if (halted()) return;
    // The same lock as `switch` and the wizard take (store/tenant-lock.ts), around the read, the decision and the
    // PUT: two PUTs of one tenant with the same version never leave this account at once.
    let lock: ReturnType<typeof TenantLock.take>;
    try {
      lock = TenantLock.take(request.audit.directory, tenant.id);
    } catch (error) {
      journalFailure ??= new AuditWriteError(
        join(request.audit.directory, `switch-${tenant.id}.lock`),
        fileProblem(error),
      );
      return;
    }
    if (!(lock instanceof TenantLock)) {
      const error = new PlatformError(
        'invalid-input',
        `Busy elsewhere: another switch of this tenant is running (pid ${lock.heldBy}); not sent. Apply again to retry it.`,
      );
      await settle(index, tenant, {outcome: 'busy', status: null, error, puts: 0}, before?.attemptId);
      return;
    }
    try {
      await applyLocked(index, tenant, before);
    } finally {
      lock.release();
    }
  };
  const applyLocked = async (index: number, tenant: PlannedTenant, before: Earlier | undefined) => {
    request.onStart?.(tenant);
    const kind = kinds.get(tenant.id);
    if (kind !== undefined && kind !== 'customer') {
      const error = new PlatformError(
        'invalid-input',
        `A ${kind} tenant, not a customer: only customer tenants are switched (nothing was sent).`,
      );
      await settle(index, tenant, {outcome: 'refused', status: null, error, puts: 0}, before?.attemptId);
      return;
    }
    if (!(await reread(index, tenant, before))) return;
    let puts = 0;
    for (let resend = 0; ; resend++) {
      if (halted()) return;
      const attemptId = randomUUID();
      const lines = plannedAttemptLines(
        attemptId,
        {tenant, planSha256, dataCenter: client.baseUrl, clientId: client.clientId},
        clock.now(),
      );
      try {
        await Promise.all([results.append(lines.results), audit.append(lines.audit)]);
      } catch (error) {
        // No record, no PUT: nothing was sent for this tenant, and the run stops.
        journalFailure ??= error as Error;
        return;
      }
      // No abort signal: a PUT on its way is let finish (within --timeout), so that its outcome is known.
      const outcome = await switchAndVerify(client, tenant.id, tenant.pricing_version);
      puts += outcome.puts;
      if (outcome.kind === 'switched') {
        throttle.succeeded();
        await settle(
          index,
          tenant,
          {outcome: 'switched', status: outcome.status, pricingAfter: outcome.pricing, puts},
          attemptId,
        );
        return;
      }
      const {error, pricingAfter} = outcome;
      // Stopped while waiting for the rate limit: that PUT never left (its attempt line says it was about to).
      if (error.notSent) {
        await settle(
          index,
          tenant,
          {outcome: 'not-sent', status: null, error, puts: puts - outcome.puts},
          attemptId,
        );
        return;
      }
      const untouched = pricingAfter?.mode === 'trial' && pricingAfter.version === tenant.pricing_version;
      // A 429 was not processed: after the pause (the re-read waited it out), sent again only while untouched.
      if (error.status === 429 && untouched && resend < rateLimitedResends) {
        await writeOutcome(tenant, {outcome: 'not-sent', status: 429, pricingAfter, error, puts}, attemptId);
        continue;
      }
      const result = {status: error.status ?? null, pricingAfter, error, puts};
      await settle(index, tenant, {...result, outcome: planOutcomeOf(outcome, tenant)}, attemptId);
      return;
    }
  };

  // Tenants an earlier run settled are reported as such and not touched; the others are worked through in order.
  const open: number[] = [];
  plan.tenants.forEach((tenant, index) => {
    const before = earlier.get(tenant.id)?.outcome;
    if (before === undefined || before === 'pending' || !settled.has(before)) open.push(index);
    else out[index] = {tenant, outcome: before, status: null, puts: 0, earlier: true};
  });
  // Counted first, so that a resumed run's progress starts where the last one ended.
  for (const result of out) if (result) request.onResult?.(result);
  // The kind of every tenant still to do, 100 a request: only customers are switched, whatever a hand edit put in
  // the plan. When the kinds cannot be read, the pricing read before each PUT still guards.
  const kinds = new Map<string, string>();
  // The same answer carries each tenant's name now: the table says when it is no longer the plan's.
  const names = new Map<string, string>();
  try {
    const ids = open.map((index) => plan.tenants[index]?.id ?? '');
    for (const tenant of await client.getTenants(ids, stop)) {
      kinds.set(tenant.id, tenant.kind);
      names.set(tenant.id, tenant.name);
    }
  } catch {
    // Read again per tenant below (its pricing).
  }
  await eachAtMost(open, request.concurrency, applyOne, halted);
  // A record that could not be written stops the run (no switch without its record), but what was switched is
  // reported as switched all the same: the report is returned, not thrown away.
  const recordProblem = journalFailure
    ? `${journalFailure instanceof JournalError || journalFailure instanceof AuditWriteError ? journalFailure.message : String(journalFailure)} The apply stopped: no switch is sent without its record.`
    : undefined;
  return {
    results: plan.tenants.map((tenant, index) => {
      const result = out[index] ?? {tenant, outcome: 'not-sent' as const, status: null, puts: 0};
      const now = names.get(tenant.id);
      return now !== undefined && now !== tenant.name ? {...result, nowNamed: now} : result;
    }),
    stopped: recordProblem
      ? 'record'
      : stop.aborted
        ? 'interrupted'
        : stoppedByFailures
          ? 'failures'
          : endedTheDay
            ? 'day-ended'
            : undefined,
    recordProblem,
    failuresInARow,
  };
}

/** What a fresh reading says about a planned tenant. */
function reading(tenant: PlannedTenant, pricing: Pricing): Exclude<CheckOutcome, 'gone'> {
  if (pricing.mode === 'production') return 'nothing-to-do';
  if (pricing.mode !== 'trial') return pricing.mode === 'suspended' ? 'refused' : 'unknown';
  return pricing.version === tenant.pricing_version ? 'ready' : 'changed-since-plan';
}

function isAuthorization(error: PlatformError | undefined): boolean {
  return error?.status === 401 || error?.status === 403;
}

/** `apply --check` and `--dry-run`: every planned tenant read again, nothing sent. */
export async function checkPlan(
  session: Session,
  plan: Plan,
  options: {
    concurrency: number;
    signal?: AbortSignal;
    onResult?: (result: TenantResult<CheckOutcome>) => void;
  },
): Promise<TenantResult<CheckOutcome>[]> {
  const out: TenantResult<CheckOutcome>[] = new Array(plan.tenants.length);
  await eachAtMost(
    plan.tenants,
    options.concurrency,
    async (tenant, index) => {
      let result: TenantResult<CheckOutcome>;
      try {
        const pricing = await session.client.getPricing(tenant.id, options.signal);
        result = {tenant, outcome: reading(tenant, pricing), status: 200, pricingAfter: pricing, puts: 0};
      } catch (caught) {
        const error = asPlatformError(caught);
        if (error.kind === 'aborted') throw error;
        const gone = error.status === 404 || error.status === 403;
        result = {tenant, outcome: gone ? 'gone' : 'unknown', status: error.status ?? null, error, puts: 0};
      }
      out[index] = result;
      options.onResult?.(result);
    },
    () => options.signal?.aborted ?? false,
  );
  if (options.signal?.aborted) throw new PlatformError('aborted', 'Interrupted while checking the plan.');
  return withPlatformNames(session, out, options.signal);
}

/**
 * The names the platform gives the planned tenants now (100 a request): a tenant renamed since the plan, or a plan
 * whose names were edited, shows both names, and a tenant that is no customer (an id edited in) is refused. Names
 * are a help to the review: when they cannot be read, the check stands without them.
 */
async function withPlatformNames(
  session: Session,
  results: TenantResult<CheckOutcome>[],
  signal?: AbortSignal,
): Promise<TenantResult<CheckOutcome>[]> {
  let tenants: Awaited<ReturnType<Session['client']['getTenants']>>;
  try {
    tenants = await session.client.getTenants(
      results.map((result) => result.tenant.id),
      signal,
    );
  } catch (error) {
    if (asPlatformError(error).kind === 'aborted') throw error;
    return results;
  }
  const byId = new Map(tenants.map((tenant) => [tenant.id, tenant]));
  return results.map((result) => {
    const now = byId.get(result.tenant.id);
    if (!now) return result;
    const renamed = now.name !== result.tenant.name ? {nowNamed: now.name} : {};
    if (now.kind !== 'customer' && result.outcome !== 'gone') {
      return {...result, ...renamed, outcome: 'refused' as const};
    }
    return {...result, ...renamed};
  });
}

function asPlatformError(error: unknown): PlatformError {
  return error instanceof PlatformError
    ? error
    : new PlatformError('network', error instanceof Error ? error.message : String(error));
}
