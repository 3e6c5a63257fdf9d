import {join} from 'node:path';
import {asPlatformError, PlatformError} from '../platform/index.js';
import {
  type AuditIndex,
  type AuditLine,
  type AuditLog,
  eachJournalLine,
  Journal,
  type ResultsLine,
  TenantLock,
} from '../store/index.js';
import {ApplyRun, reading} from './apply-run.js';
import type {ApplyReport, ApplyRequest, CheckOutcome, Earlier, TenantResult} from './apply-types.js';
import type {Plan} from './plan-format.js';
import {eachAtMost} from './pool.js';
import type {Session} from './sign-in.js';
import {applyOutcomeOfAudit, applyOutcomes, runLine, settledOutcomes} from './switch-record.js';

export type {ApplyReport, ApplyRequest, CheckOutcome, TenantResult};

import {messageOf} from '../text/index.js';
import type {ApplyOutcome} from './switch-record.js';

export type {ApplyOutcome};

/** A plan whose results file cannot be used: another plan's, or in use by another run. */
export class ResultsRefused extends Error {
  override readonly name = 'ResultsRefused';
}

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
      throw new ResultsRefused(`${messageOf(error)} Nothing was sent.`);
    });
    // The audit log remembers this plan's attempts too (each line names its SHA-256): a results file moved away,
    // or a copy of the plan applied under another name, does not make apply forget what it switched.
    for (const [tenantId, state] of await fromAuditLog(audit, planSha256)) {
      if (!earlier.has(tenantId)) earlier.set(tenantId, state);
    }
    results = await Journal.open<ResultsLine>(resultsPath).catch((error) => {
      throw new ResultsRefused(`${messageOf(error)} Nothing was sent.`);
    });
    await results.append(runLine(plan, planSha256, clock.now(), request.session)).catch((error) => {
      throw new ResultsRefused(`${messageOf(error)} Nothing was sent.`);
    });
    return await new ApplyRun(request, earlier, results, auditJournal).run();
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
    return outcome !== undefined && outcome !== 'pending' && settledOutcomes.has(outcome);
  }).length;
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
    throw new ResultsRefused(`${messageOf(error)} Nothing was sent.`);
  });
  if (foreign) {
    throw new ResultsRefused(
      `${resultsPath} holds the results of another plan (its SHA-256 differs: the plan file changed since that apply). Nothing was sent. Look at those results, then move them away to apply this plan.`,
    );
  }
  return state;
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
