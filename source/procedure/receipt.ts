// A receipt: one switch attempt from the audit log, as a document for a ticket (docs/audit-log.md, "Receipts").
// Built from what the log recorded and nothing else: what an older line did not record is "not recorded", never
// recomputed. The time zone is given.
import type {AuditEntry, AuditLog} from '../store/index.js';
import {isUuid} from '../text/index.js';
import {searchKey} from './fold.js';

/** The receipt as data: its JSON form (schema `tenant-mode/receipt/v1`, docs/cli-output.schema.json `receipt`). */
export interface Receipt {
  readonly receipt: 'tenant-mode/receipt/v1';
  /** Sent to a sandbox: no customer was switched. */
  readonly rehearsal: boolean;
  readonly attempt_id: string;
  readonly tenant: {readonly name: string; readonly id: string; readonly path: readonly string[] | null};
  readonly data_center: string;
  readonly account: {
    /** The remembered account's name, when the switch was sent with one. */
    readonly name: string | null;
    readonly client_id: string;
    /** The partner tenant the API client belongs to: the top of the tenant's path. */
    readonly partner_tenant: string | null;
  };
  readonly ran_by: {readonly os_user: string | null; readonly host: string | null};
  readonly time: {readonly utc: string; readonly local: string; readonly zone: string};
  readonly via: AuditEntry['via'];
  readonly request: {readonly method: 'PUT'; readonly path: string; readonly body: unknown};
  readonly answer: {
    readonly status: number | null;
    readonly outcome: AuditEntry['outcome'];
    /** How the outcome was established, in a sentence. */
    readonly established: string;
    readonly pricing_after: unknown;
    readonly error: string | null;
  };
  readonly pricing_before: unknown;
  /** What it bills, as the confirmation said it; null when the line did not record it. */
  readonly billing: string | null;
  readonly plan_sha256: string | null;
  /** The audit lines it was made from, to check against the log (`audit --verify --receipt`). */
  readonly audit_lines: {readonly attempt: QuotedLine | null; readonly outcome: QuotedLine | null};
}

/** A line of the audit log as a receipt quotes it: `sha256:<hex>` is what `audit --verify --receipt` looks for. */
export interface QuotedLine {
  readonly sha256: string;
  readonly seq: number | null;
}

export const rehearsalNotice = 'REHEARSAL — no customer was switched';

/** How the outcome was established, for the operator's customer and finance team. */
export function establishedBy(entry: AuditEntry): string {
  const status = entry.status === null ? 'no answer' : `status ${entry.status}`;
  switch (entry.outcome) {
    case 'switched':
      return `Answered: the platform answered ${status} with the pricing in production.`;
    case 'switched-confirmed-by-reread':
      return `Re-read: the answer (${status}) did not say what happened, so the pricing was read again; it shows production.`;
    case 'already-production':
      return `Refused (${status}), and the pricing read again shows the tenant was already in production: someone or something else switched it.`;
    case 'failed':
      return `Not switched: the platform refused (${status}), or the pricing read again shows nothing changed.`;
    case 'unknown':
      return `UNKNOWN: neither the answer (${status}) nor a re-read of the pricing told whether the switch happened. Check the tenant's pricing before doing anything else.`;
    case 'cancelled-by-operator':
      return 'Not sent: the operator left the confirmation without confirming.';
    case 'not-recorded':
      return "Not recorded: the process ended before the outcome was written. Check the tenant's pricing before doing anything else.";
  }
}

/** A time in a zone, as people there read it: `2026-12-01 10:00:02 (Europe/Berlin, UTC+01:00)`. */
export function zonedTime(iso: string, zone: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return 'not recorded';
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    }).formatToParts(at);
  } catch {
    return zonedTime(iso, 'UTC');
  }
  const part = (type: string) => parts.find((each) => each.type === type)?.value ?? '';
  const offset = part('timeZoneName').replace(/^GMT$/, 'UTC+00:00').replace(/^GMT/, 'UTC');
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')} (${zone}, ${offset})`;
}

/** The receipt of an entry. `zone`: the operator's time zone (IANA name). */
export function receiptOf(entry: AuditEntry, zone: string): Receipt {
  const quoted = (line: AuditEntry['attempt_line']): QuotedLine | null =>
    line ? {sha256: line.sha256, seq: line.seq ?? null} : null;
  return {
    receipt: 'tenant-mode/receipt/v1',
    rehearsal: entry.rehearsal === true,
    attempt_id: entry.attempt_id ?? 'not recorded',
    tenant: {name: entry.tenant_name, id: entry.tenant_id, path: entry.tenant_path ?? null},
    data_center: entry.data_center,
    account: {
      name: entry.account ?? null,
      client_id: entry.client_id,
      partner_tenant: entry.tenant_path?.[0] ?? null,
    },
    ran_by: {os_user: entry.os_user ?? null, host: entry.host ?? null},
    time: {utc: entry.time, local: zonedTime(entry.time, zone), zone},
    via: entry.via,
    request: {method: 'PUT', path: `/api/2/tenants/${entry.tenant_id}/pricing`, body: entry.request},
    answer: {
      status: entry.status,
      outcome: entry.outcome,
      established: establishedBy(entry),
      pricing_after: entry.pricing_after,
      error: entry.error?.message ?? null,
    },
    pricing_before: entry.pricing_before,
    billing: entry.billing ?? null,
    plan_sha256: entry.plan_sha256 ?? null,
    audit_lines: {attempt: quoted(entry.attempt_line), outcome: quoted(entry.outcome_line)},
  };
}

/** The outcome as a receipt's headline. */
export function receiptHeadline(receipt: Receipt): string {
  const name = receipt.tenant.name;
  if (receipt.rehearsal) {
    return `Rehearsal in a sandbox: ${name} — ${receipt.answer.outcome} (no customer was switched)`;
  }
  switch (receipt.answer.outcome) {
    case 'switched':
    case 'switched-confirmed-by-reread':
      return `${name} was switched to production`;
    case 'already-production':
      return `${name} was already in production (not switched by this attempt)`;
    case 'failed':
      return `${name} was NOT switched: the switch was refused`;
    case 'unknown':
      return `Outcome UNKNOWN: whether ${name} was switched is not known`;
    case 'not-recorded':
      return `Outcome NOT RECORDED: whether ${name} was switched is not known`;
    case 'cancelled-by-operator':
      return `${name} was not switched: not confirmed`;
  }
}

/** Which attempt a receipt is asked for: none found, several tenants of that name, or the entry. */
export type AttemptFound =
  | {readonly kind: 'found'; readonly entry: AuditEntry}
  | {readonly kind: 'none'; readonly sent: number}
  | {
      readonly kind: 'ambiguous';
      readonly tenants: readonly {
        readonly id: string;
        readonly name: string;
        readonly path?: readonly string[];
      }[];
    };

/**
 * The attempt named (its id), or the latest attempt sent for a tenant (its UUID, or its whole name as `status`
 * matches names: case and accents aside). Confirmations left without confirming were never sent: no receipt.
 */
export async function findAttempt(log: AuditLog, asked: string, signal?: AbortSignal): Promise<AttemptFound> {
  const wanted = asked.trim();
  const lower = wanted.toLowerCase();
  const key = searchKey(wanted);
  const index = await log.index();
  try {
    let byName: AuditEntry | undefined;
    const namesakes = new Map<string, {id: string; name: string; path?: readonly string[]}>();
    let sent = 0;
    for (let at = index.count - 1; at >= 0; at--) {
      if (signal?.aborted) throw signal.reason;
      const entry = await index.entry(at);
      if (!entry || entry.outcome === 'cancelled-by-operator') continue;
      sent += 1;
      if (entry.attempt_id?.toLowerCase() === lower || entry.tenant_id.toLowerCase() === lower) {
        return {kind: 'found', entry};
      }
      if (!isUuid(wanted) && searchKey(entry.tenant_name) === key) {
        byName ??= entry;
        if (!namesakes.has(entry.tenant_id)) {
          namesakes.set(entry.tenant_id, {
            id: entry.tenant_id,
            name: entry.tenant_name,
            ...(entry.tenant_path ? {path: entry.tenant_path} : {}),
          });
        }
      }
    }
    if (namesakes.size > 1) {
      return {kind: 'ambiguous', tenants: [...namesakes.values()]};
    }
    return byName ? {kind: 'found', entry: byName} : {kind: 'none', sent};
  } finally {
    await index.close();
  }
}
