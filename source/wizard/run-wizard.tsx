import {render} from 'ink';
import {type GivenCredentials, startingPoint} from '../procedure/index.js';
import type {WizardExit, WizardServices} from './services.js';
import {Wizard} from './Wizard.js';

export interface RunWizardOptions {
  readonly services: WizardServices;
  readonly given: GivenCredentials;
  readonly notice?: string;
  /**
   * Aborted when the process is told to stop (SIGTERM): leave as on Ctrl+C. Its listener lives for the process's
   * life (cli.tsx): Ink's signal-exit (v3, through restore-cursor) re-sends the signal to the process when, while
   * unmounting, it finds no other listener.
   */
  readonly terminate: AbortSignal;
  /**
   * The line mode (lines/): append-only plain lines, for a screen reader or a terminal without cursor control
   * (--accessible, INK_SCREEN_READER=true, TERM=dumb; commands/catalogue/wizard.ts decides).
   */
  readonly lineMode?: boolean;
}

/** Renders the wizard until the operator leaves; returns the exit code (0 quit, 130 Ctrl+C). */
export async function runWizard({
  services,
  given,
  notice,
  terminate,
  lineMode,
}: RunWizardOptions): Promise<number> {
  const start = startingPoint(given, services.store);
  // A remembered account whose keyring cannot give its secret now: the wizard asks for it (and says why).
  const keyringNotice =
    start.keyringProblem && start.account
      ? `The secret of the account "${start.account.name}" is kept in the keyring, and ${start.keyringProblem}: type it, or unlock the keyring and start again.`
      : undefined;
  const notices = [notice, keyringNotice].filter(Boolean).join('\n') || undefined;
  if (lineMode) {
    const {runLineWizard} = await import('./lines/run-line-wizard.js');
    const exit = await runLineWizard({
      services,
      initialForm: start.form,
      notice: notices,
      terminate,
      terminal: {stdin: process.stdin, stdout: process.stdout},
      env: process.env,
    });
    if (exit.afterwards) process.stdout.write(`${exit.afterwards}\n`);
    return exit.exitCode;
  }
  let result: WizardExit | undefined;
  const app = render(
    <Wizard
      services={services}
      initialForm={start.form}
      notice={notices}
      terminate={terminate}
      // Ink draws at most 30 frames a second: a screen committed is on the terminal within 34 ms.
      frameMs={40}
      onExit={(exit) => {
        result = exit;
      }}
    />,
    // The line mode is for screen readers: Ink's own screen-reader output (which INK_SCREEN_READER turns on) is not
    // used — it redraws the whole screen at every key.
    {exitOnCtrlC: false, isScreenReaderEnabled: false},
  );
  await app.waitUntilExit();
  // The wizard's last frame is its summary line. Plans written this run follow as plain lines, which the terminal
  // wraps (a command copied from them stays whole); after SIGHUP the write goes nowhere, and its error is ignored.
  if (result?.afterwards) process.stdout.write(`${result.afterwards}\n`);
  return result?.exitCode ?? 0;
}
