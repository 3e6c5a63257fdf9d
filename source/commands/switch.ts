import {createInterface} from 'node:readline/promises';
import {
  describeOutcome,
  PlatformError,
  type Pricing,
  printable,
  readPricing,
  type SwitchOutcome,
  switchAndVerify,
  switchFacts,
  switchRequest,
  type TenantRow,
  verdictOf,
  whyNotSwitchable,
} from '../platform/index.js';
import {AuditLog, auditEntryFor} from '../store/index.js';
import {CommandError, errorJson, exitCodeFor, exitCodes, makeOutput, runCommand} from './output.js';
import {resolveTenant} from './resolve-tenant.js';
import {type CommandOptions, openSession, type Session} from './session.js';

export interface SwitchCommandOptions extends CommandOptions {
  readonly json: boolean;
  readonly dryRun: boolean;
  readonly yes: boolean;
}

/**
 * `tenant-mode switch <name|uuid>`: resolve, read, say what would happen, confirm (or --yes), send once, re-read on
 * failure, log the attempt. Never resends on its own.
 */
export async function runSwitchCommand(query: string, options: SwitchCommandOptions): Promise<number> {
  const output = makeOutput(options.json);
  return runCommand(output, async (signal) => {
    const session = await openSession(options, output, signal);
    const row = await resolveTenant(session, query, signal);
    const {tenant} = row;
    const pricing = await session.client.getPricing(tenant.id, signal);
    const summary = {id: tenant.id, name: tenant.name, kind: tenant.kind, path: row.path};
    const name = printable(tenant.name);

    if (tenant.kind !== 'customer') {
      throw new CommandError(`${name}: ${whyNotSwitchable(tenant)} Nothing was sent.`, exitCodes.usage, {
        reason: 'not-switchable',
      });
    }
    if (pricing.mode === 'production') {
      output.result(
        `${name} is already in production: nothing was sent. ${readPricing(pricing, options.clock.now())}`,
        {
          tenant: summary,
          pricing_before: pricing,
          outcome: 'already-production',
          sent: false,
        },
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
    output.note(plan(row, pricing, request, options.clock.now()));
    if (options.dryRun) {
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
    if (!options.yes && !(await confirmed(name, signal))) {
      audit(session, row, pricing, options.clock.now());
      throw new CommandError('Not confirmed: nothing was sent.', exitCodes.usage, {reason: 'not-confirmed'});
    }

    output.progress(`Switching ${name} to production…`);
    const outcome = await switchAndVerify(session.client, tenant.id, pricing.version, signal);
    const verdict = verdictOf(outcome);
    const after = outcome.kind === 'switched' ? outcome.pricing : outcome.pricingAfter;
    const status = outcome.kind === 'switched' ? outcome.status : (outcome.error.status ?? null);
    audit(session, row, pricing, options.clock.now(), outcome);
    const document = {
      tenant: summary,
      pricing_before: pricing,
      request,
      status,
      pricing_after: after ?? null,
      outcome: verdict,
      sent: true,
      ...(outcome.kind === 'failed' ? errorJson(outcome.error) : {}),
    };
    if (signal.aborted) {
      output.note(
        'Interrupted while the switch request was in flight: it was sent, and its outcome is unknown. Check with "tenant-mode status" before trying again.',
      );
      return exitCodes.interrupted;
    }
    const text = describeOutcome(outcome, tenant.name, pricing);
    const shown = [text.headline, ...text.details.map((line) => `  ${line}`)];
    if (text.pricingNow) shown.push(JSON.stringify(text.pricingNow, null, 2));
    output.result(shown.join('\n'), document);
    if (
      outcome.kind === 'switched' ||
      verdict === 'switched-confirmed-by-reread' ||
      verdict === 'already-production'
    ) {
      return exitCodes.done;
    }
    return verdict === 'unknown' ? exitCodes.unknownOutcome : exitCodeFor(outcome.error);
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
async function confirmed(name: string, signal: AbortSignal): Promise<boolean> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new CommandError(
      'Refusing to switch without confirmation: there is no terminal to ask on. Pass --yes to confirm in a script (or --dry-run to only look).',
      exitCodes.usage,
      {reason: 'confirmation-needed'},
    );
  }
  const prompt = createInterface({input: process.stdin, output: process.stderr});
  // On a terminal readline takes Ctrl+C itself: it is an interruption, as anywhere else.
  const asked = new AbortController();
  prompt.on('SIGINT', () => asked.abort());
  try {
    const answer = await prompt.question(
      `Type the tenant's name (${name}) to confirm, anything else cancels: `,
      {
        signal: AbortSignal.any([signal, asked.signal]),
      },
    );
    return answer === name;
  } catch {
    throw new PlatformError('aborted', 'Interrupted at the confirmation.');
  } finally {
    prompt.close();
  }
}

function audit(session: Session, row: TenantRow, before: Pricing, at: number, outcome?: SwitchOutcome): void {
  new AuditLog(session.store.directory).append(
    auditEntryFor({
      via: 'command',
      dataCenter: session.client.baseUrl,
      clientId: session.client.clientId,
      row,
      before,
      outcome,
      at,
    }),
  );
}
