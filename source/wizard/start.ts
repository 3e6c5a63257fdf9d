import type {Clock} from '../clock.js';
import {type Sandbox, startSandbox} from '../sandbox/index.js';
import {AuditLog, CredentialStore, configDirectory} from '../store/index.js';
import {runWizard} from './run-wizard.js';

export interface StartWizardOptions {
  readonly url?: string;
  readonly clientId?: string;
  readonly secret?: string;
  readonly timeoutSeconds: number;
  /** Start the embedded sandbox now rather than when it is chosen. */
  readonly sandbox: boolean;
  readonly clock: Clock;
}

/** Wires the wizard to this machine: the credential file, the clock, the embedded sandbox. */
export async function startWizard(options: StartWizardOptions): Promise<number> {
  const {store, notice} = CredentialStore.open(configDirectory(), options.clock);
  let sandbox: Promise<Sandbox> | undefined = options.sandbox
    ? startSandbox({clock: options.clock})
    : undefined;
  const openSandbox = async () => {
    sandbox ??= startSandbox({clock: options.clock});
    const {url, clientId, clientSecret} = await sandbox;
    return {url, clientId, clientSecret};
  };
  try {
    return await runWizard({
      services: {
        store,
        audit: new AuditLog(store.directory),
        clock: options.clock,
        timeoutMs: options.timeoutSeconds * 1000,
        openSandbox,
      },
      given: {url: options.url, clientId: options.clientId, secret: options.secret},
      notice,
    });
  } finally {
    await (await sandbox)?.close();
  }
}
