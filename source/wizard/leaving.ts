import {
  applyCommandNote,
  dayStart,
  formatDay,
  type InFlightSwitch,
  recordNotConfirmed,
  wizardEnd,
} from '../procedure/index.js';
import {confirmedSwitch, type OperationContext} from './operations.js';
import type {WizardExit} from './services.js';
import type {WizardState} from './state.js';

/**
 * How the wizard ends, for both ways of drawing it: what it returns (the exit code, the summary, the commands to
 * print after it) and the last lines it leaves on screen — what each switch came to, or that nothing was sent — in
 * place of a step's key hints.
 */
export function endOf(
  reason: WizardExit['reason'],
  state: WizardState,
  inFlight: InFlightSwitch | undefined,
  warning: string | undefined,
): {readonly exit: WizardExit; readonly lastLines: string} {
  const end = wizardEnd(reason, state.sent, inFlight);
  const text = warning ? `${end.text}\nWarning: ${warning}` : end.text;
  // A command to run (indented) goes after the last frame, where the terminal does not break it into lines that no
  // longer paste; so does each plan written this run, with the command to run on the day (run-wizard.tsx).
  const commands = text
    .split('\n')
    .filter((line) => line.startsWith('  '))
    .map((line) => line.trim());
  const afterwards = [
    ...commands,
    ...state.plans.map((plan) =>
      plan.signIn.lesson
        ? // Its sandbox and the account "sandbox" end with the lesson: a command for them would not run any more.
          `Plan for ${formatDay(dayStart(plan.day))} (UTC), written in the lesson: ${plan.file}\nIt was for the lesson's sandbox, which has ended: it can no longer be applied.`
        : `Plan for ${formatDay(dayStart(plan.day))} (UTC): ${plan.file}\nOn the day run: ${plan.command}\n${applyCommandNote(plan.signIn)}`,
    ),
  ].join('\n');
  return {
    exit: {
      reason,
      switchesSent: state.switchesSent,
      switchInFlight: inFlight !== undefined,
      summary: text,
      exitCode: end.exitCode,
      ...(afterwards ? {afterwards} : {}),
    },
    lastLines: text
      .split('\n')
      .filter((line) => !line.startsWith('  '))
      .join('\n'),
  };
}

/**
 * Leaving the confirmation without confirming (Esc, another event, quitting) is an attempt too: the audit log keeps
 * it. Returns what to say when that line could not be written — never dropped: the log is missing a line the
 * operator would look for.
 */
export function recordLeavingConfirmation(context: OperationContext): string | undefined {
  const request = confirmedSwitch(context);
  if (context.state.step.name !== 'confirm' || !request) return undefined;
  const problem = recordNotConfirmed(request);
  return problem ? `Leaving the confirmation was not recorded: ${problem}` : undefined;
}
