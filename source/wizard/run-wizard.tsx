import {render} from 'ink';
import {startingPoint} from '../store/index.js';
import type {WizardExit, WizardServices} from './services.js';
import {Wizard} from './Wizard.js';

export interface RunWizardOptions {
  readonly services: WizardServices;
  readonly given: {url?: string; clientId?: string; secret?: string};
  readonly notice?: string;
}

/** Renders the wizard until the operator leaves; returns the exit code (0 quit, 130 Ctrl+C). */
export async function runWizard({services, given, notice}: RunWizardOptions): Promise<number> {
  const start = startingPoint(given, services.store);
  let result: WizardExit = {reason: 'quit', switchesSent: 0, switchInFlight: false};
  const terminate = new AbortController();
  const onTerminate = () => terminate.abort();
  // Kept for the life of the process, never removed: Ink's signal-exit (v3, through restore-cursor) re-sends the
  // signal to the process when, while unmounting, it finds no other listener; this one must still be there then.
  process.on('SIGTERM', onTerminate);
  const app = render(
    <Wizard
      services={services}
      initialForm={start.form}
      cachedToken={start.cachedToken}
      remembered={start.remembered}
      notice={notice}
      terminate={terminate.signal}
      onExit={(exit) => {
        result = exit;
      }}
    />,
    {exitOnCtrlC: false},
  );
  await app.waitUntilExit();
  if (result.reason === 'interrupted') {
    process.stderr.write(`${interruptedMessage(result)}\n`);
    return 130;
  }
  return 0;
}

export function interruptedMessage(exit: WizardExit): string {
  if (exit.switchInFlight) {
    return 'Interrupted while a switch request was in flight: it was sent, and its outcome is unknown. Check the tenant before trying again.';
  }
  if (exit.switchesSent > 0)
    return `Interrupted. ${exit.switchesSent} switch request(s) had been sent and answered.`;
  return 'Interrupted. No switch was sent.';
}
