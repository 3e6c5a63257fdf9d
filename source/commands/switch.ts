import {createInterface} from 'node:readline/promises';
import {
  AuditLog,
  type ConfirmedSwitch,
  describeOutcome,
  exitCodeOfSwitch,
  interruptedText,
  PlatformError,
  type Pricing,
  pricingOf,
  printable,
  readPricing,
  recordNotConfirmed,
  resolveTenant,
  switchFacts,
  switchRequest,
  switchToProduction,
  type TenantRow,
  verdictOf,
  whyNotSwitchable,
} from '../procedure/index.js';
import type {CommandIo} from './io.js';
import {CommandError, errorJson, exitCodes, makeOutput, runCommand} from './output.js';
import {openSession, type SignInFlags} from './session.js';

export interface SwitchFlags extends SignInFlags {
  readonly json: boolean;
  readonly dryRun: boolean;
  readonly yes: boolean;
}

/**
 * `tenant-mode switch <name|uuid>`: resolve, read, say what would happen, confirm (or --yes), then the procedure's
 * one switch (sent once, re-read on failure, audited). Never resends on its own.
 */
export async function runSwitchCommand(query: string, flags: SwitchFlags, io: CommandIo): Promise<number> {
  const output = makeOutput(flags.json, io);
  return runCommand(output, io, async (signal) => {
    const session = await openSession(flags, io, output);
    const row = await resolveTenant(session, query, signal);
    const {tenant} = row;
    const pricing = await pricingOf(session, row, signal);
    const summary = {id: tenant.id, name: tenant.name, kind: tenant.kind, path: row.path};
    const name = printable(tenant.name);

    if (tenant.kind !== 'customer') {
      throw new CommandError(`${name}: ${whyNotSwitchable(tenant)} Nothing was sent.`, exitCodes.usage, {
        reason: 'not-switchable',
      });
    }
    if (pricing.mode === 'production') {
      output.result(
        `${name} is already in production: nothing was sent. ${readPricing(pricing, io.clock.now())}`,
        {tenant: summary, pricing_before: pricing, outcome: 'already-production', sent: false},
      );
      return exitCodes.done;
    }
    const reason = whyNotSwitchable(tenant, pricing);
    if (reason) {
      throw new CommandError(`${name}: ${reason} Nothing was sent.`, exitCodes.usage, {
        reason: 'not-switchable',
      });
    }

    const request = switchRequest(tenant.id, pricing.version);
    output.note(plan(row, pricing, request, io.clock.now()));
    if (flags.dryRun) {
      output.result('Dry run: nothing was sent.', {
        tenant: summary,
        pricing_before: pricing,
        request,
        outcome: 'dry-run',
        dry_run: true,
        sent: false,
      });
      return exitCodes.done;
    }
    const confirmedSwitch: ConfirmedSwitch = {
      session,
      row,
      before: pricing,
      via: 'command',
      audit: new AuditLog(session.store.directory),
      clock: io.clock,
    };
    if (!flags.yes && !(await confirmed(name, io))) {
      recordNotConfirmed(confirmedSwitch);
      throw new CommandError('Not confirmed: nothing was sent.', exitCodes.usage, {reason: 'not-confirmed'});
    }

    output.progress(`Switching ${name} to production…`);
    const outcome = await switchToProduction(confirmedSwitch, signal);
    const after = outcome.kind === 'switched' ? outcome.pricing : outcome.pricingAfter;
    const status = outcome.kind === 'switched' ? outcome.status : (outcome.error.status ?? null);
    if (signal.aborted) {
      output.note(interruptedText({inFlight: true, answered: 0}));
      return exitCodes.interrupted;
    }
    const text = describeOutcome(outcome, tenant.name, pricing);
    const shown = [text.headline, ...text.details.map((line) => `  ${line}`)];
    if (text.pricingNow) shown.push(JSON.stringify(text.pricingNow, null, 2));
    output.result(shown.join('\n'), {
      tenant: summary,
      pricing_before: pricing,
      request,
      status,
      pricing_after: after ?? null,
      outcome: verdictOf(outcome),
      sent: true,
      ...(outcome.kind === 'failed' ? errorJson(outcome.error) : {}),
    });
    return exitCodeOfSwitch(outcome);
  });
}

function plan(
  row: TenantRow,
  pricing: Pricing,
  request: {method: string; path: string; body: unknown},
  now: number,
): string {
  return [
    `Switch ${printable(row.tenant.name)} (${row.tenant.id}) from trial to production:`,
    ...switchFacts(pricing, now).map((fact) => `  ! ${fact}`),
    `  Request: ${request.method} ${request.path}  ${JSON.stringify(request.body)}`,
  ].join('\n');
}

/** Asks on the terminal for the tenant's name; refuses without a terminal (scripts pass --yes). */
async function confirmed(name: string, io: CommandIo): Promise<boolean> {
  if (!io.stdin.isTTY || !io.stderr.isTTY) {
    throw new CommandError(
      'Refusing to switch without confirmation: there is no terminal to ask on. Pass --yes to confirm in a script (or --dry-run to only look).',
      exitCodes.usage,
      {reason: 'confirmation-needed'},
    );
  }
  const prompt = createInterface({input: io.stdin, output: io.stderr as NodeJS.WritableStream});
  // On a terminal readline takes Ctrl+C itself: it is an interruption, as anywhere else.
  const asked = new AbortController();
  prompt.on('SIGINT', () => asked.abort());
  try {
    const answer = await prompt.question(
      `Type the tenant's name (${name}) to confirm, anything else cancels: `,
      {signal: AbortSignal.any([io.interrupt, asked.signal])},
    );
    return answer === name;
  } catch {
    throw new PlatformError('aborted', 'Interrupted at the confirmation.');
  } finally {
    prompt.close();
  }
}
