// One run of `apply`, as an object whose parts are named for what they do to a planned tenant: read it, decide,
// record the attempt, send, settle the outcome (re-read inside the one switch procedure, switch.ts). The run's
// state — results so far, failures in a row, why it stopped — lives here and nowhere else. procedure/apply.ts
// prepares a run (locks, the results file, what an earlier run did) and reads the report.
import {randomUUID} from 'node:crypto';
import {join} from 'node:path';
import {asPlatformError, PlatformError, type Pricing} from '../platform/index.js';
import {
  type AuditLine,
  AuditWriteError,
  fileProblem,
  type Journal,
  JournalError,
  type ResultsLine,
  TenantLock,
} from '../store/index.js';
import type {ApplyReport, ApplyRequest, CheckOutcome, Earlier, TenantResult} from './apply-types.js';
import type {PlannedTenant} from './plan-format.js';
import {eachAtMost, Throttle} from './pool.js';
import {switchAndVerify} from './switch.js';
import {
  type ApplyOutcome,
  type PlannedResult,
  plannedAttemptLines,
  plannedOutcomeLines,
  planOutcomeOf,
  settledOutcomes,
} from './switch-record.js';
import {whoRuns} from './who.js';

/** How often one tenant's PUT is sent again after a 429 (each time only once the re-read shows it untouched). */
const rateLimitedResends = 30;

/** What a fresh reading says about a planned tenant (also `apply --check`'s verdict). */
export function reading(tenant: PlannedTenant, pricing: Pricing): Exclude<CheckOutcome, 'gone'> {
  if (pricing.mode === 'production') return 'nothing-to-do';
  if (pricing.mode !== 'trial') return pricing.mode === 'suspended' ? 'refused' : 'unknown';
  return pricing.version === tenant.pricing_version ? 'ready' : 'changed-since-plan';
}

export class ApplyRun {
  readonly #results: Array<TenantResult | undefined>;
  readonly #throttle: Throttle;
  /** Each open tenant's kind and current name, read 100 a request before the first PUT. */
  readonly #kinds = new Map<string, string>();
  readonly #names = new Map<string, string>();
  /** Who runs the apply (the OS user and host), for every attempt line. */
  readonly #who = whoRuns();
  #failuresInARow = 0;
  #tooManyFailures = false;
  #dayEnded = false;
  /** The results file or the audit log could not take a line: no PUT is sent after that. */
  #recordFailure: Error | undefined;

  constructor(
    private readonly request: ApplyRequest,
    private readonly earlier: ReadonlyMap<string, Earlier>,
    private readonly resultsFile: Journal<ResultsLine>,
    private readonly auditLog: Journal<AuditLine>,
  ) {
    this.#results = new Array(request.plan.tenants.length);
    this.#throttle = request.throttle ?? new Throttle(request.concurrency);
  }

  /**
   * Tenants an earlier run settled are reported as such and not touched; the others are worked through in order,
   * at most `concurrency` at a time, until the end or a reason to stop sending.
   */
  async run(): Promise<ApplyReport> {
    const {plan, concurrency} = this.request;
    const open: number[] = [];
    plan.tenants.forEach((tenant, index) => {
      const before = this.earlier.get(tenant.id)?.outcome;
      if (before === undefined || before === 'pending' || !settledOutcomes.has(before)) open.push(index);
      else this.#results[index] = {tenant, outcome: before, status: null, puts: 0, earlier: true};
    });
    // Counted first, so that a resumed run's progress starts where the last one ended.
    for (const result of this.#results) if (result) this.request.onResult?.(result);
    await this.#readKinds(open);
    await eachAtMost(
      open,
      concurrency,
      (index) => this.#one(index),
      () => this.#halted(),
    );
    return this.#report();
  }

  /**
   * The kind of every tenant still to do, 100 a request: only customers are switched, whatever a hand edit put in
   * the plan. The same answer carries each tenant's name now, for the table. When they cannot be read, the pricing
   * read before each PUT still guards.
   */
  async #readKinds(open: readonly number[]): Promise<void> {
    const {plan, session, stop} = this.request;
    try {
      const ids = open.map((index) => plan.tenants[index]?.id ?? '');
      for (const tenant of await session.client.getTenants(ids, stop)) {
        this.#kinds.set(tenant.id, tenant.kind);
        this.#names.set(tenant.id, tenant.name);
      }
    } catch {
      // Read again per tenant (its pricing).
    }
  }

  /**
   * Whether to stop sending: interrupted, too many failures in a row, a record not written, or the planned day over.
   * The day is read from the clock each time: a run that started at 23:59 on the planned day sends nothing after
   * midnight (a switch then bills another month than the plan said).
   */
  #halted(): boolean {
    const {request} = this;
    if (!this.#dayEnded && !request.notOnDate) {
      this.#dayEnded = new Date(request.clock.now()).toISOString().slice(0, 10) !== request.plan.planned_date;
    }
    return (
      request.stop.aborted || this.#tooManyFailures || this.#recordFailure !== undefined || this.#dayEnded
    );
  }

  /** One tenant: a place among those in flight, the pause a 429 asked for, then its lock. */
  async #one(index: number): Promise<void> {
    await this.#throttle.acquire();
    try {
      await this.#locked(index);
    } finally {
      this.#throttle.release();
    }
  }

  /**
   * The same lock as `switch` and the wizard take (store/tenant-lock.ts), around the read, the decision and the PUT:
   * two PUTs of one tenant with the same version never leave this account at once.
   */
  async #locked(index: number): Promise<void> {
    const {request} = this;
    const tenant = request.plan.tenants[index] as PlannedTenant;
    const before = this.earlier.get(tenant.id);
    // A pause asked by a 429 is waited out here, where Ctrl+C can end the wait: nothing is sent for this tenant.
    await request.gate?.ready(request.stop).catch(() => undefined);
    if (this.#halted()) return;
    let lock: ReturnType<typeof TenantLock.take>;
    try {
      lock = TenantLock.take(request.audit.directory, tenant.id);
    } catch (error) {
      const path = join(request.audit.directory, `switch-${tenant.id}.lock`);
      this.#recordFailure ??= new AuditWriteError(path, fileProblem(error));
      return;
    }
    if (!(lock instanceof TenantLock)) {
      const error = new PlatformError(
        'invalid-input',
        `Busy elsewhere: another switch of this tenant is running (pid ${lock.heldBy}); not sent. Apply again to retry it.`,
      );
      await this.#settle(index, tenant, {outcome: 'busy', status: null, error, puts: 0}, before?.attemptId);
      return;
    }
    try {
      request.onStart?.(tenant);
      if (await this.#decide(index, tenant, before)) await this.#send(index, tenant);
    } finally {
      lock.release();
    }
  }

  /**
   * Whether to send: only a customer (by its kind), read just before, still in trial at the planned version — a
   * hand edit cannot make apply PUT to a production tenant or a folder. Any other reading settles the tenant here.
   */
  async #decide(index: number, tenant: PlannedTenant, before: Earlier | undefined): Promise<boolean> {
    const kind = this.#kinds.get(tenant.id);
    if (kind !== undefined && kind !== 'customer') {
      const error = new PlatformError(
        'invalid-input',
        `A ${kind} tenant, not a customer: only customer tenants are switched (nothing was sent).`,
      );
      await this.#settle(
        index,
        tenant,
        {outcome: 'refused', status: null, error, puts: 0},
        before?.attemptId,
      );
      return false;
    }
    return this.#read(index, tenant, before);
  }

  /**
   * The read before a tenant's first PUT. After an attempt without outcome, or an unknown one, in an earlier run,
   * production means that attempt switched it.
   */
  async #read(index: number, tenant: PlannedTenant, before: Earlier | undefined): Promise<boolean> {
    const open = before?.outcome === 'pending' || before?.outcome === 'unknown';
    let pricing: Pricing;
    try {
      pricing = await this.request.session.client.getPricing(tenant.id, this.request.stop);
    } catch (caught) {
      const error = asPlatformError(caught);
      // Interrupted before anything was sent for it: it stays as it was (not sent).
      if (error.kind === 'aborted') return false;
      const gone = error.status === 404 || error.status === 403;
      // Nothing was sent for it in this run: unknown only when an earlier attempt left it so.
      const outcome = gone ? 'gone' : open ? 'unknown' : 'failed';
      await this.#settle(
        index,
        tenant,
        {outcome, status: error.status ?? null, error, puts: 0},
        before?.attemptId,
      );
      return false;
    }
    const verdict = reading(tenant, pricing);
    if (verdict === 'ready') return true;
    const outcome: ApplyOutcome =
      verdict === 'nothing-to-do' && open
        ? 'switched-confirmed-by-reread'
        : verdict === 'unknown'
          ? 'refused'
          : verdict;
    await this.#settle(
      index,
      tenant,
      {outcome, status: 200, pricingAfter: pricing, puts: 0},
      before?.attemptId,
    );
    return false;
  }

  /**
   * Record, then send, with the version the plan read: the attempt line on disk in the results file and the audit
   * log before the PUT, its outcome after. A 429 that was not processed is sent again after the pause, only while a
   * re-read shows the tenant untouched. No abort signal: a PUT on its way is let finish (within --timeout), so that
   * its outcome is known.
   */
  async #send(index: number, tenant: PlannedTenant): Promise<void> {
    const {client} = this.request.session;
    let puts = 0;
    for (let resend = 0; ; resend++) {
      if (this.#halted()) return;
      const attemptId = randomUUID();
      if (!(await this.#recordAttempt(attemptId, tenant))) return;
      const outcome = await switchAndVerify(client, tenant.id, tenant.pricing_version);
      puts += outcome.puts;
      if (outcome.kind === 'switched') {
        this.#throttle.succeeded();
        const result = {
          outcome: 'switched',
          status: outcome.status,
          pricingAfter: outcome.pricing,
          puts,
        } as const;
        await this.#settle(index, tenant, result, attemptId);
        return;
      }
      const {error, pricingAfter} = outcome;
      // Stopped while waiting for the rate limit: that PUT never left (its attempt line says it was about to).
      if (error.notSent) {
        const result = {outcome: 'not-sent', status: null, error, puts: puts - outcome.puts} as const;
        await this.#settle(index, tenant, result, attemptId);
        return;
      }
      const untouched = pricingAfter?.mode === 'trial' && pricingAfter.version === tenant.pricing_version;
      if (error.status === 429 && untouched && resend < rateLimitedResends) {
        await this.#recordOutcome(
          tenant,
          {outcome: 'not-sent', status: 429, pricingAfter, error, puts},
          attemptId,
        );
        continue;
      }
      const result = {
        outcome: planOutcomeOf(outcome, tenant),
        status: error.status ?? null,
        pricingAfter,
        error,
        puts,
      };
      await this.#settle(index, tenant, result, attemptId);
      return;
    }
  }

  /** The attempt's lines, flushed; when either cannot be written, nothing is sent for it and the run stops. */
  async #recordAttempt(attemptId: string, tenant: PlannedTenant): Promise<boolean> {
    const {planSha256, session, clock} = this.request;
    const lines = plannedAttemptLines(
      attemptId,
      {
        tenant,
        planSha256,
        dataCenter: session.client.baseUrl,
        clientId: session.client.clientId,
        ...(session.account ? {account: session.account} : {}),
        who: this.#who,
        ...(session.rehearsal ? {rehearsal: true} : {}),
      },
      clock.now(),
    );
    try {
      await Promise.all([this.resultsFile.append(lines.results), this.auditLog.append(lines.audit)]);
      return true;
    } catch (error) {
      this.#recordFailure ??= error as Error;
      return false;
    }
  }

  /** The outcome line of a tenant, in the results file and (when it closes an attempt) in the audit log. */
  async #recordOutcome(
    tenant: PlannedTenant,
    result: PlannedResult,
    attemptId: string | undefined,
  ): Promise<void> {
    const {planSha256, clock} = this.request;
    const lines = plannedOutcomeLines(attemptId, tenant, planSha256, result, clock.now());
    try {
      await Promise.all([
        this.resultsFile.append(lines.results),
        lines.audit ? this.auditLog.append(lines.audit) : undefined,
      ]);
    } catch (error) {
      // The switch happened (or not) whatever the disk says: the result stands; the run stops sending.
      this.#recordFailure ??= error as Error;
    }
  }

  /** A tenant's last word in this run: recorded, counted towards failures in a row, told to the front end. */
  async #settle(index: number, tenant: PlannedTenant, result: PlannedResult, attemptId: string | undefined) {
    const done: TenantResult = {tenant, ...result};
    this.#results[index] = done;
    await this.#recordOutcome(tenant, result, attemptId);
    const authorization = result.error?.status === 401 || result.error?.status === 403;
    const failure =
      result.outcome === 'failed' ||
      result.outcome === 'unknown' ||
      result.outcome === 'busy' ||
      (result.outcome === 'refused' && authorization);
    if (failure) {
      this.#failuresInARow += 1;
      if (this.#failuresInARow >= this.request.maxFailures) this.#tooManyFailures = true;
    } else if (result.outcome !== 'changed-since-plan' && result.outcome !== 'gone') {
      this.#failuresInARow = 0;
    }
    this.request.onResult?.(done);
  }

  /**
   * What the run did. A record that could not be written stops the run (no switch without its record), but what was
   * switched is reported as switched all the same: the report is returned, not thrown away.
   */
  #report(): ApplyReport {
    const {plan, stop} = this.request;
    const failure = this.#recordFailure;
    const recordProblem = failure
      ? `${failure instanceof JournalError || failure instanceof AuditWriteError ? failure.message : String(failure)} The apply stopped: no switch is sent without its record.`
      : undefined;
    const stopped = recordProblem
      ? 'record'
      : stop.aborted
        ? 'interrupted'
        : this.#tooManyFailures
          ? 'failures'
          : this.#dayEnded
            ? 'day-ended'
            : undefined;
    return {
      results: plan.tenants.map((tenant, index) => {
        const result = this.#results[index] ?? {tenant, outcome: 'not-sent' as const, status: null, puts: 0};
        const now = this.#names.get(tenant.id);
        return now !== undefined && now !== tenant.name ? {...result, nowNamed: now} : result;
      }),
      stopped,
      recordProblem,
      failuresInARow: this.#failuresInARow,
    };
  }
}
