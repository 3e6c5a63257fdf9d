import {render} from 'ink';
import {startingPoint} from '../procedure/index.js';
import type {WizardExit, WizardServices} from './services.js';
import {Wizard} from './Wizard.js';

export interface RunWizardOptions {
  readonly services: WizardServices;
  readonly given: {url?: string; clientId?: string; secret?: string};
  readonly notice?: string;
  /**
   * Aborted when the process is told to stop (SIGTERM): leave as on Ctrl+C. Its listener lives for the process's
   * life (cli.tsx): Ink's signal-exit (v3, through restore-cursor) re-sends the signal to the process when, while
   * unmounting, it finds no other listener.
   */
  readonly terminate: AbortSignal;
  /** --accessible: Ink's screen-reader output. */
  readonly accessible?: boolean;
}

/** Renders the wizard until the operator leaves; returns the exit code (0 quit, 130 Ctrl+C). */
export async function runWizard({
  services,
  given,
  notice,
  terminate,
  accessible,
}: RunWizardOptions): Promise<number> {
  const start = startingPoint(given, services.store);
  let result: WizardExit | undefined;
  const app = render(
    <Wizard
      services={services}
      initialForm={start.form}
      cachedToken={start.cachedToken}
      notice={notice}
      terminate={terminate}
      // Ink draws at most 30 frames a second: a screen committed is on the terminal within 34 ms.
      frameMs={40}
      onExit={(exit) => {
        result = exit;
      }}
    />,
    // Without --accessible, Ink follows INK_SCREEN_READER.
    {exitOnCtrlC: false, ...(accessible ? {isScreenReaderEnabled: true} : {})},
  );
  await app.waitUntilExit();
  // In screen-reader mode Ink leaves its last line without a line end: the shell's prompt (or a log's next line)
  // would be read as part of it.
  if (accessible || process.env.INK_SCREEN_READER === 'true') process.stdout.write('\n');
  // The wizard's last frame is its summary line. Plans written this run follow as plain lines, which the terminal
  // wraps (a command copied from them stays whole); after SIGHUP the write goes nowhere, and its error is ignored.
  if (result?.afterwards) process.stdout.write(`${result.afterwards}\n`);
  return result?.exitCode ?? 0;
}
