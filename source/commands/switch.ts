import {
  AuditLog,
  type ConfirmedSwitch,
  confirmsTenant,
  decideSwitch,
  describeOutcome,
  exitCodeOfDecision,
  exitCodeOfSwitch,
  hasHiddenCharacters,
  hasVisibleName,
  interruptedText,
  jsonText,
  type Pricing,
  pricingOf,
  printable,
  readPricing,
  recordNotConfirmed,
  rerunOf,
  resolveTenant,
  SwitchNotSent,
  type SwitchOutcome,
  switchFacts,
  switchRequest,
  switchToProduction,
  type TenantRow,
  verdictOf,
} from '../procedure/index.js';
import {type CommandIo, programOf} from './io.js';
import {CommandError, errorJson, exitCodes, makeOutput, runCommand} from './output.js';
import {ask} from './prompt.js';
import {accountJson, checkRecordFolder, openSession, type SignInFlags} from './session.js';

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
  let sent = false;
  // Every JSON document says whether a PUT was sent, the error documents too.
  return runCommand(
    io,
    async (signal) => {
      if (!flags.dryRun) checkRecordFolder(io);
      const session = await openSession(flags, io, output);
      // With --yes nobody reads the name before the PUT: only the exact name (or the UUID) is taken.
      const row = await resolveTenant(session, query, signal, {exactOnly: flags.yes && !flags.dryRun});
      const {tenant} = row;
      const pricing = await pricingOf(session, row, signal);
      const summary = {id: tenant.id, name: tenant.name, kind: tenant.kind, path: row.path};
      const account = accountJson(session);
      const name = printable(tenant.name);

      const decision = decideSwitch(tenant, pricing);
      if (decision.kind === 'nothing-to-do') {
        output.result(
          `${name} is already in production: nothing was sent. ${readPricing(pricing, io.clock.now())}`,
          {tenant: summary, account, pricing_before: pricing, outcome: 'already-production', sent: false},
        );
        return exitCodes.done;
      }
      if (decision.kind !== 'switch') {
        throw new CommandError(
          `${name}: ${decision.reason} Nothing was sent.`,
          exitCodeOfDecision(decision),
          {
            reason: decision.kind,
            pricing_before: pricing,
          },
        );
      }

      const request = switchRequest(tenant.id, pricing.version);
      // Read before the question; with --json --yes nobody is asked, and stderr stays for warnings.
      if (!flags.json || (!flags.yes && !flags.dryRun))
        output.note(plan(row, pricing, request, io.clock.now()));
      else if (hasHiddenCharacters(tenant.name)) output.note(`Warning: ${hiddenCharacters(tenant.name)}`);
      if (flags.dryRun) {
        output.result('Dry run: nothing was sent.', {
          tenant: summary,
          account,
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
        program: programOf(io),
      };
      if (!flags.yes && !(await confirmed(name, tenant, io))) {
        const problem = recordNotConfirmed(confirmedSwitch);
        if (problem) output.note(`Warning: ${problem}`);
        throw new CommandError('Not confirmed: nothing was sent.', exitCodes.usage, {
          reason: 'not-confirmed',
        });
      }

      output.progress(`Switching ${name} to production…`);
      let result: Awaited<ReturnType<typeof switchToProduction>>;
      try {
        sent = true;
        result = await switchToProduction(confirmedSwitch, signal);
      } catch (error) {
        sent = false;
        if (!(error instanceof SwitchNotSent)) throw error;
        throw new CommandError(
          error.message,
          error.reason === 'locked' ? exitCodes.refused : exitCodes.usage,
          {
            reason: error.reason,
          },
        );
      }
      const {outcome, auditWarning} = result;
      const after = outcome.kind === 'switched' ? outcome.pricing : outcome.pricingAfter;
      const status = outcome.kind === 'switched' ? outcome.status : (outcome.error.status ?? null);
      const document = {
        tenant: summary,
        account,
        pricing_before: pricing,
        request,
        status,
        pricing_after: after ?? null,
        outcome: verdictOf(outcome),
        sent: true,
        puts: outcome.puts,
        ...(auditWarning ? {audit_warning: auditWarning} : {}),
        ...(outcome.kind === 'failed' ? errorJson(outcome.error) : {}),
      };
      if (auditWarning) output.note(auditWarning);
      if (signal.aborted) {
        const text = interruptedText({name: tenant.name, id: tenant.id, rerun: rerunOf(confirmedSwitch)});
        // The interruption is said on stderr; with --json the one document still comes, on stdout.
        if (output.json) output.result(text, {...document, outcome: 'unknown', interrupted: true}, false);
        else output.note(text);
        return exitCodes.interrupted;
      }
      // The verdict and the exit code come from what the platform said (status, mode, version); the words come
      // after and can change neither.
      const code = exitCodeOfSwitch(outcome);
      output.result(outcomeWords(outcome, tenant.name, pricing), document, code === exitCodes.done);
      return code;
    },
    () => ({sent}),
  );
}

/**
 * The outcome in words. Formatting is total (dates and values the platform sent are shown as sent when they cannot
 * be read); should it still fail, the verdict is said plainly rather than the switch reported as an error.
 */
function outcomeWords(outcome: SwitchOutcome, tenantName: string, before: Pricing): string {
  try {
    const text = describeOutcome(outcome, tenantName, before);
    const shown = [text.headline, ...text.details.map((line) => `  ${line}`)];
    if (text.pricingNow) shown.push(jsonText(text.pricingNow, 2));
    return shown.join('\n');
  } catch {
    return `${printable(tenantName)}: outcome ${verdictOf(outcome)}; tenant-mode audit shows its record.`;
  }
}

function plan(
  row: TenantRow,
  pricing: Pricing,
  request: {method: string; path: string; body: unknown},
  now: number,
): string {
  return [
    `Switch ${printable(row.tenant.name)} (${row.tenant.id}) from trial to production:`,
    ...(hasHiddenCharacters(row.tenant.name) ? [`  ! ${hiddenCharacters(row.tenant.name)}`] : []),
    ...switchFacts(pricing, now).map((fact) => `  ! ${fact}`),
    `  Request: ${request.method} ${request.path}  ${JSON.stringify(request.body)}`,
  ].join('\n');
}

function hiddenCharacters(name: string): string {
  return `The name ${printable(name)} contains invisible or direction-changing characters, shown as \\u escapes: check the UUID.`;
}

/** Asks on the terminal for the tenant's name; refuses without a terminal (scripts pass --yes). */
async function confirmed(
  name: string,
  tenant: {readonly id: string; readonly name: string},
  io: CommandIo,
): Promise<boolean> {
  if (!io.stdin.isTTY || !io.stderr.isTTY) {
    throw new CommandError(
      'Refusing to switch without confirmation: there is no terminal to ask on. Pass --yes to confirm in a script (or --dry-run to only look).',
      exitCodes.usage,
      {reason: 'confirmation-needed'},
    );
  }
  const question = hasVisibleName(tenant.name)
    ? `Type the tenant's name (${name}) to confirm, anything else cancels: `
    : `Its name shows nothing to type: type its UUID (${tenant.id}) to confirm, anything else cancels: `;
  const answer = await ask(question, io);
  // Ctrl+D (no answer) is not confirmed.
  return answer !== undefined && confirmsTenant(answer, tenant);
}
