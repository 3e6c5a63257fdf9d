import {printable} from '../text/index.js';
import {exitCodeOfSwitch, exitCodes} from './exit-codes.js';
import {type Rerun, statusCommand} from './rerun.js';
import {type SwitchOutcome, verdictOf} from './switch-record.js';

/** The tenant whose switch request was in flight when the operator left. */
export interface InFlightSwitch {
  readonly name: string;
  readonly id: string;
  /** How to run `status` for it from a fresh shell. */
  readonly rerun: Rerun;
}

/**
 * What the operator is told on leaving with Ctrl+C (or SIGTERM): that no switch was sent, or, for a switch in
 * flight, which tenant and the command that reads it.
 */
export function interruptedText(inFlight?: InFlightSwitch): string {
  if (!inFlight) return 'Interrupted. No switch was sent.';
  return `Interrupted while the switch of ${printable(inFlight.name)} (${inFlight.id}) was in flight: it was sent, and its outcome is unknown. Check before trying again:\n  ${statusCommand(inFlight.rerun, inFlight.id)}`;
}

/** A switch the wizard sent this run, and what came of it. */
export interface SentSwitch {
  readonly tenantName: string;
  readonly outcome: SwitchOutcome;
}

const said: Record<ReturnType<typeof verdictOf>, string> = {
  switched: 'switched to production',
  'switched-confirmed-by-reread': 'in production (confirmed by reading it again)',
  'already-production': 'already in production (someone else switched it)',
  failed: 'not switched',
  unknown: 'outcome unknown: check with tenant-mode status',
};

/**
 * The one line left on screen when the wizard ends, and its exit code (the table of `switch`): what each switch
 * this run came to, or that nothing was sent. Leaving with Ctrl+C is an interruption (130) only while a switch is
 * in flight or when nothing was sent; after answers, the code is the last switch's.
 */
export function wizardEnd(
  reason: 'quit' | 'interrupted',
  sent: readonly SentSwitch[],
  inFlight: InFlightSwitch | undefined,
): {readonly text: string; readonly exitCode: number} {
  if (inFlight) return {text: interruptedText(inFlight), exitCode: exitCodes.interrupted};
  const last = sent.at(-1);
  if (!last) {
    return reason === 'interrupted'
      ? {text: interruptedText(), exitCode: exitCodes.interrupted}
      : {text: 'Nothing was sent.', exitCode: exitCodes.done};
  }
  const lines = sent.map(({tenantName, outcome}) => {
    const status = outcome.kind === 'switched' ? outcome.status : outcome.error.status;
    return `${printable(tenantName)}: ${said[verdictOf(outcome)]}${status ? ` (${status})` : ''}.`;
  });
  return {text: lines.join(' '), exitCode: exitCodeOfSwitch(last.outcome)};
}
