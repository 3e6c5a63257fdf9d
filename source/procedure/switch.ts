import {randomUUID} from 'node:crypto';
import {join} from 'node:path';
import type {Clock} from '../clock.js';
import {asPlatformError, type PlatformClient, PlatformError, type Pricing} from '../platform/index.js';
import {
  type AuditAttempt,
  type AuditLog,
  AuditWriteError,
  fileProblem,
  recordFolderProblem,
  TenantLock,
} from '../store/index.js';
import {messageOf, printable} from '../text/index.js';
import type {TenantRow} from './find-tenant.js';
import {type Rerun, statusCommand} from './rerun.js';
import type {Session} from './sign-in.js';
import {
  attemptLine,
  cancelledLine,
  outcomeLine,
  type SwitchFacts,
  type SwitchOutcome,
  verdictOf,
} from './switch-record.js';
import {whoRuns} from './who.js';

export async function switchAndVerify(
  client: PlatformClient,
  tenantId: string,
  version: number,
  signal?: AbortSignal,
): Promise<SwitchOutcome> {
  for (let puts = 1; ; puts++) {
    let error: PlatformError;
    try {
      const pricing = await client.switchToProduction(tenantId, version, signal);
      if (pricing.mode === 'production') return {kind: 'switched', status: 200, pricing, puts};
      // Answered 200, yet the answer does not say production: it proves nothing. Read again and say what is.
      error = new PlatformError(
        'unverified',
        `The platform answered 200, but its answer says mode "${printable(pricing.mode)}", not production.`,
        {status: 200},
      );
    } catch (caught) {
      error = asPlatformError(caught);
    }
    if (error.kind === 'invalid-input' || signal?.aborted) return {kind: 'failed', error, puts};
    let pricingAfter: Pricing;
    try {
      // After a 401 the client has dropped the refused token: this read takes a new one.
      pricingAfter = await client.getPricing(tenantId, signal);
    } catch (rereadCaught) {
      return {kind: 'failed', error, rereadError: asPlatformError(rereadCaught), puts};
    }
    // A 401 means the token was refused and the PUT had no effect: still trial at the version confirmed, it is
    // sent once more (with the new token). Any other reading ends here.
    const untouched = pricingAfter.mode === 'trial' && pricingAfter.version === version;
    if (error.status === 401 && untouched && puts === 1) continue;
    return {kind: 'failed', error, pricingAfter, puts};
  }
}

/** A failed switch after which the tenant is known to be still in trial. */
export type RetryableOutcome = Extract<SwitchOutcome, {kind: 'failed'}> & {readonly pricingAfter: Pricing};

/**
 * Whether a new confirmation may succeed after this failure: the re-read shows the tenant still in trial, and the
 * refusal was for a passing reason — the pricing changed (409), too many requests (429), or trouble on the
 * platform's side (5xx, an answer that was not JSON; docs/platform-notes.md §4: "the guide says retry twice with a 1–2 s
 * interval"). Never when no answer came (that request may still be processed), nor after a refusal that would only
 * be repeated (400, 403, 404). It is a new confirmation, never an automatic resend.
 */
export function mayConfirmAgain(outcome: SwitchOutcome | undefined): outcome is RetryableOutcome {
  if (outcome?.kind !== 'failed' || outcome.pricingAfter?.mode !== 'trial') return false;
  if (verdictOf(outcome) !== 'failed') return false;
  const {status = 0, kind} = outcome.error;
  return status === 409 || status === 429 || status >= 500 || kind === 'not-json';
}

/** One switch as the operator confirmed it: who, which tenant at which reading, through which front end. */
export interface ConfirmedSwitch {
  readonly session: Session;
  readonly row: TenantRow;
  /** The pricing the operator saw: its version goes into the PUT. */
  readonly before: Pricing;
  readonly via: AuditAttempt['via'];
  readonly audit: AuditLog;
  readonly clock: Clock;
  /** The words that run this tool from a fresh shell (commands/program.ts), for a command to paste. */
  readonly program: readonly string[];
}

/** A switch that was not sent, and why: the audit log cannot be written, or another switch of it is running. */
export class SwitchNotSent extends Error {
  override readonly name = 'SwitchNotSent';
  constructor(
    message: string,
    readonly reason: 'audit-log' | 'locked' | 'local-files',
  ) {
    super(message);
  }
}

export interface SwitchResult {
  readonly outcome: SwitchOutcome;
  /** Said beside the outcome when its line could not be added to the audit log (the attempt line is there). */
  readonly auditWarning?: string;
}

/**
 * The irreversible step, the same from the wizard and from `switch`. The attempt is written to the audit log and
 * flushed first — if it cannot be, nothing is sent (SwitchNotSent). Then the PUT is sent once, its answer verified
 * and the pricing re-read when that answer leaves the outcome open, and the outcome line follows. A switch that
 * happened is never reported as failed because its outcome line could not be written: that is a warning.
 */
export async function switchToProduction(
  request: ConfirmedSwitch,
  signal?: AbortSignal,
): Promise<SwitchResult> {
  const {session, row, before, audit, clock} = request;
  let lock: ReturnType<typeof TenantLock.take>;
  try {
    lock = TenantLock.take(audit.directory, row.tenant.id);
  } catch (error) {
    // The config folder or the lock cannot be used (read-only, another user's, a file in its place).
    const problem = recordFolderProblem(audit.directory);
    throw new SwitchNotSent(
      problem?.message ??
        `The lock ${join(audit.directory, `switch-${row.tenant.id}.lock`)} cannot be taken (${fileProblem(error)}): nothing was sent.`,
      'local-files',
    );
  }
  if (!(lock instanceof TenantLock)) {
    throw new SwitchNotSent(
      `Another switch of this tenant is running (pid ${lock.heldBy}); nothing was sent. Wait for it, then check with:\n  ${statusCommand(rerunOf(request), row.tenant.id)}`,
      'locked',
    );
  }
  try {
    const attemptId = randomUUID();
    try {
      audit.append(attemptLine(attemptId, facts(request)));
    } catch (error) {
      if (!(error instanceof AuditWriteError)) throw error;
      throw new SwitchNotSent(
        `${error.message} Nothing was sent: no switch is made without its record.`,
        'audit-log',
      );
    }
    const outcome = await switchAndVerify(session.client, row.tenant.id, before.version, signal);
    try {
      audit.append(outcomeLine(attemptId, row.tenant.id, outcome, clock.now()));
      return {outcome};
    } catch (error) {
      const reason = error instanceof AuditWriteError ? error.reason : String(error);
      return {
        outcome,
        auditWarning: `Warning: the outcome could not be added to the audit log ${audit.path} (${reason}); its attempt line is there.`,
      };
    }
  } finally {
    lock.release();
  }
}

/** The operator left the confirmation without confirming: nothing was sent, and the log keeps that too. */
export function recordNotConfirmed(request: ConfirmedSwitch): string | undefined {
  try {
    request.audit.append(cancelledLine(facts(request)));
    return undefined;
  } catch (error) {
    return messageOf(error);
  }
}

/** How a command printed about this switch runs again from a fresh shell. */
export function rerunOf(request: Pick<ConfirmedSwitch, 'session' | 'program'>): Rerun {
  return sessionRerun(request.session, request.program);
}

/** How a command printed after this session runs again: its account by name when remembered. */
export function sessionRerun(session: Session, program: readonly string[]): Rerun {
  return {
    program,
    dataCenter: session.client.baseUrl,
    clientId: session.client.clientId,
    ...(session.account ? {account: session.account} : {}),
  };
}

function facts(request: ConfirmedSwitch): SwitchFacts {
  const {session, row, before, via, clock} = request;
  return {
    via,
    dataCenter: session.client.baseUrl,
    clientId: session.client.clientId,
    ...(session.account ? {account: session.account} : {}),
    who: whoRuns(),
    ...(session.rehearsal ? {rehearsal: true} : {}),
    row,
    before,
    at: clock.now(),
  };
}
