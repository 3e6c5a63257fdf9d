import type {Pricing} from '../platform/index.js';
import {wizardPlanPath, writePlanFile} from '../store/index.js';
import {firstOfNextMonth, formatDay, parsePlatformDate} from '../text/index.js';
import {listCustomers} from './customers.js';
import {confirmsName} from './fold.js';
import {type Plan, type PlannedTenant, planFormatVersion, planKind, planText} from './plan-format.js';
import {eachAtMost} from './pool.js';
import {firstBilledMonth} from './reading.js';
import {ownName, type Session} from './sign-in.js';

/** A trial customer as `plan` shows it: what the plan file keeps, and what it costs to switch it on the day. */
export interface Candidate extends PlannedTenant {
  /** When its trial ends by itself (epoch ms), if the platform says. */
  readonly autoSwitch?: number;
  /** First month billed in full if it is switched on the planned day. */
  readonly billedIfSwitched: number;
  /** First month billed in full if it is left to switch by itself; undefined when no date is known. */
  readonly billedIfLeft?: number;
}

export interface Candidates {
  /** Trial customers that are still in trial on the planned day: the plan. */
  readonly planned: Candidate[];
  /** Trial customers whose trial ends before the planned day: planning them changes nothing. */
  readonly endingBefore: Candidate[];
}

/** The day a plan is for when none is given: today when today (UTC) is the 1st, else the next 1st. */
export function defaultPlanDay(now: number): string {
  const day = new Date(now).getUTCDate() === 1 ? now : firstOfNextMonth(now);
  return new Date(day).toISOString().slice(0, 10);
}

/** Start of a YYYY-MM-DD day, UTC. */
export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** Pricing reads in flight while a plan is made (or checked): the platform's time, not ours, is what they wait on. */
export const readConcurrency = 8;

/**
 * Reads every trial customer of the operator's subtree and its pricing (whose `version` the plan keeps), and sorts
 * them by whether planning them for `day` changes anything. A customer whose pricing no longer reads trial is left
 * out; one whose pricing cannot be read fails the plan (a plan is made of what was read, never of guesses).
 */
export async function readCandidates(
  session: Session,
  day: string,
  options: {
    signal?: AbortSignal;
    /** Told after each page of the listing, with the trial customers found so far. */
    onListed?: (found: number) => void;
    /** Told after each pricing read. */
    onProgress?: (read: number, total: number) => void;
  } = {},
): Promise<Candidates> {
  const rows = await listCustomers(session, {
    mode: 'trial',
    signal: options.signal,
    onPage: options.onListed,
  });
  const start = dayStart(day);
  const pricings: Array<Pricing | undefined> = [];
  let read = 0;
  await eachAtMost(rows, readConcurrency, async (row, index) => {
    pricings[index] = await session.client.getPricing(row.id, options.signal);
    options.onProgress?.(++read, rows.length);
  });
  const planned: Candidate[] = [];
  const endingBefore: Candidate[] = [];
  rows.forEach((row, index) => {
    const pricing = pricings[index];
    if (pricing?.mode !== 'trial') return;
    const date = pricing.production_start_date
      ? parsePlatformDate(pricing.production_start_date)
      : Number.NaN;
    const autoSwitch = Number.isNaN(date) ? undefined : date;
    const candidate: Candidate = {
      id: row.id,
      name: row.name,
      path: row.path,
      pricing_version: pricing.version,
      mode: 'trial',
      auto_switch_date: pricing.production_start_date ?? null,
      autoSwitch,
      billedIfSwitched: firstBilledMonth(start),
      billedIfLeft: autoSwitch === undefined ? undefined : firstBilledMonth(autoSwitch),
    };
    (autoSwitch !== undefined && autoSwitch < start ? endingBefore : planned).push(candidate);
  });
  return {planned, endingBefore};
}

/** A `--only`/`--except` entry that names no planned customer, or several: refused, never guessed. */
export class SelectionError extends Error {
  override readonly name = 'SelectionError';
}

/**
 * The candidates narrowed by `--only` (keep just these) and `--except` (leave these out), each a UUID or an exact
 * name (folded as everywhere: accents and trailing spaces do not count). A name that two customers share must be
 * given by UUID.
 */
export function select(
  candidates: readonly Candidate[],
  only: readonly string[],
  except: readonly string[],
  endingBefore: readonly Candidate[] = [],
): Candidate[] {
  const resolve = (entry: string, flag: string): Set<string> => {
    const wanted = entry.trim().toLowerCase();
    const byId = candidates.filter((candidate) => candidate.id === wanted);
    const hits =
      byId.length > 0 ? byId : candidates.filter((candidate) => confirmsName(entry, candidate.name));
    if (hits.length === 1) return new Set(hits.map((hit) => hit.id));
    if (hits.length > 1) {
      throw new SelectionError(
        `${flag} "${entry}": ${hits.length} trial customers have this name (${hits.map((hit) => hit.id).join(', ')}); give the UUID.`,
      );
    }
    const early = endingBefore.find(
      (candidate) => candidate.id === wanted || confirmsName(entry, candidate.name),
    );
    throw new SelectionError(
      early
        ? `${flag} "${entry}": its trial ends by itself on ${formatDay(early.autoSwitch ?? 0)}, before the planned day: planning it changes nothing.`
        : `${flag} "${entry}": no customer in trial of that name or UUID in your tenant's subtree.`,
    );
  };
  let kept: Set<string> | undefined;
  for (const entry of only) {
    kept ??= new Set();
    for (const id of resolve(entry, '--only')) kept.add(id);
  }
  const left = new Set<string>();
  for (const entry of except) for (const id of resolve(entry, '--except')) left.add(id);
  return candidates.filter((candidate) => (!kept || kept.has(candidate.id)) && !left.has(candidate.id));
}

/** The plan document for these customers, as signed in now. */
export async function makePlan(
  session: Session,
  day: string,
  tenants: readonly PlannedTenant[],
  now: number,
  signal?: AbortSignal,
): Promise<Plan> {
  return {
    kind: planKind,
    version: planFormatVersion,
    data_center: session.client.baseUrl,
    operator_tenant: {id: session.ownId, name: await ownName(session, signal)},
    planned_date: day,
    made_at: new Date(now).toISOString(),
    tenants: tenants.map(({id, name, path, pricing_version, mode, auto_switch_date}) => ({
      id,
      name,
      path,
      pricing_version,
      mode,
      auto_switch_date,
    })),
  };
}

/** The wizard's plan: written (0600) into the config folder's `plans/`; returns its path. */
export async function savePlan(
  session: Session,
  day: string,
  tenants: readonly PlannedTenant[],
  now: number,
  signal?: AbortSignal,
): Promise<string> {
  const plan = await makePlan(session, day, tenants, now, signal);
  const path = wizardPlanPath(session.store.directory, day);
  writePlanFile(path, planText(plan));
  return path;
}

/** How the apply command of a plan written in the wizard will sign in. */
export interface ApplySignIn {
  /** The plan is for the embedded sandbox, which ends with the wizard. */
  readonly embeddedSandbox: boolean;
  /**
   * The plan is for a lesson's sandbox, the account "sandbox" until the lesson ends (docs/onboarding.md): apply is
   * rehearsed from a second terminal meanwhile.
   */
  readonly lesson?: boolean;
  /** This computer has the credentials saved (apply then needs no secret). */
  readonly saved: boolean;
}

/**
 * What the operator needs besides the apply command of a plan written in the wizard: the secret (unless this
 * computer has the credentials saved), or, for the embedded sandbox, that the plan is a rehearsal only. `short`:
 * for a small terminal.
 */
export function applyCommandNote(signIn: ApplySignIn, short = false): string {
  if (signIn.lesson) {
    return short
      ? 'Add --not-on-date to switch them today.'
      : "This lesson's sandbox is the account sandbox until the lesson ends. Add --check to see what the command would do, or --not-on-date to switch them today (in the sandbox only): without it, apply refuses a plan before its day.";
  }
  if (signIn.embeddedSandbox) {
    return short
      ? 'A rehearsal: the embedded sandbox ends with the wizard.'
      : 'This plan is for the embedded sandbox, which ends with the wizard: the command is a rehearsal only. To rehearse apply too, run tenant-mode sandbox in another terminal and plan against it.';
  }
  if (signIn.saved) return 'It signs in with the credentials saved on this computer.';
  return short
    ? 'It needs the secret: TENANT_MODE_CLIENT_SECRET.'
    : 'It needs the client secret: TENANT_MODE_CLIENT_SECRET in the environment, or --client-secret-file FILE.';
}
