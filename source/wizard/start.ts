import {
  AuditLog,
  type Clock,
  CredentialStore,
  configDirectory,
  systemKeyring,
  type WizardRequest,
} from '../procedure/index.js';
import type {Sandbox} from '../sandbox/index.js';
import {runWizard} from './run-wizard.js';
import {withoutColour} from './theme.js';

/**
 * Wires the wizard to this machine: the credential file, the clock, the embedded sandbox. `terminate` is aborted
 * when the process is told to stop (SIGTERM, or SIGINT sent from outside): the wizard leaves as on Ctrl+C.
 */
export async function startWizard(
  options: WizardRequest,
  clock: Clock,
  terminate: AbortSignal,
  /** The words that run this tool from a fresh shell (cli.tsx), for the commands the wizard prints. */
  program?: readonly string[],
): Promise<number> {
  // chalk ignores NO_COLOR in a terminal (docs/development.md, "Traps we measured"): the theme drops its colours itself, keeping bold and
  // inverse video (chalk's level 0 would drop those too, and with them the text cursor).
  if (!options.color) withoutColour();
  const {store, notice} = CredentialStore.open(configDirectory(), clock, systemKeyring(process.env));
  // The sandbox's code is loaded only with --sandbox: a wizard for a real data center draws its first frame
  // without it.
  const launch = async () => (await import('../sandbox/index.js')).startSandbox({clock});
  let sandbox: Promise<Sandbox> | undefined = options.sandbox ? launch() : undefined;
  const openSandbox = async () => {
    sandbox ??= launch();
    const {url, clientId, clientSecret} = await sandbox;
    return {url, clientId, clientSecret};
  };
  try {
    return await runWizard({
      services: {
        store,
        audit: new AuditLog(store.directory),
        clock,
        timeoutMs: options.timeoutSeconds * 1000,
        program,
        // Offered (first in the data center list) only with --sandbox: an operator of a real data center is not
        // shown a double of it by default.
        openSandbox: options.sandbox ? openSandbox : undefined,
      },
      given: {url: options.url, clientId: options.clientId, secret: options.secret, account: options.account},
      notice,
      terminate,
      lineMode: options.lineMode,
    });
  } finally {
    await (await sandbox)?.close();
  }
}
