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
}

/** Wires the wizard to this machine: the credential file, the clock, the embedded sandbox. */
export async function startWizard(options: StartWizardOptions): Promise<number> {
  const {store, notice} = CredentialStore.open(configDirectory());
  let sandbox: Promise<Sandbox> | undefined = options.sandbox ? startSandbox() : undefined;
  const openSandbox = async () => {
    sandbox ??= startSandbox();
    const {url, clientId, clientSecret} = await sandbox;
    return {url, clientId, clientSecret};
  };
  try {
    return await runWizard({
      services: {
        store,
        audit: new AuditLog(store.directory),
        now: Date.now,
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
