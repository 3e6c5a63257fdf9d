import {render} from 'ink';
import {interruptedText, startingPoint} from '../procedure/index.js';
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
}

/** Renders the wizard until the operator leaves; returns the exit code (0 quit, 130 Ctrl+C). */
export async function runWizard({services, given, notice, terminate}: RunWizardOptions): Promise<number> {
  const start = startingPoint(given, services.store);
  let result: WizardExit = {reason: 'quit', switchesSent: 0, switchInFlight: false};
  const app = render(
    <Wizard
      services={services}
      initialForm={start.form}
      cachedToken={start.cachedToken}
      remembered={start.remembered}
      notice={notice}
      terminate={terminate}
      onExit={(exit) => {
        result = exit;
      }}
    />,
    {exitOnCtrlC: false},
  );
  await app.waitUntilExit();
  if (result.reason === 'interrupted') {
    const {switchInFlight: inFlight, switchesSent: answered} = result;
    // After SIGHUP the terminal is gone: nothing more is written to it (cli.tsx makes the exit code 129).
    if (terminate.reason !== 'SIGHUP') process.stderr.write(`${interruptedText({inFlight, answered})}\n`);
    return 130;
  }
  return 0;
}
