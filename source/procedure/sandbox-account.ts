import {isLoopbackHost} from '../platform/index.js';
import type {CredentialStore} from '../store/index.js';

/** A running sandbox, as an account needs it. */
export interface RunningSandbox {
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tenantId: string;
}

/**
 * Remembers a running sandbox as the account "sandbox" (its demo secret in the file: it is no secret), marked as a
 * sandbox (its switches are rehearsals) and never the default; one left by a sandbox that did not stop cleanly is
 * replaced. An account of the operator's own of that name — not marked, or not on a loopback address — is left
 * alone: `refused` says so. `forget` when the sandbox stops. Used by `sandbox --login` and `learn`.
 */
export function rememberSandboxAccount(
  store: CredentialStore,
  sandbox: RunningSandbox,
): {readonly forget: () => void} | {readonly refused: string} {
  const earlier = store.account('sandbox');
  if (earlier && !(earlier.sandbox === true && isLoopbackHost(new URL(earlier.dataCenter).hostname))) {
    return {
      refused:
        'An account named "sandbox" is remembered and is no sandbox: it is left as it is, and nothing is remembered.',
    };
  }
  if (earlier) store.forget(earlier);
  const profile = {
    name: 'sandbox',
    dataCenter: `${sandbox.url}/api/2`,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    tenantId: sandbox.tenantId,
    tenantName: 'Northwind Partners',
    // Its switches are rehearsals (docs/audit-log.md).
    sandbox: true as const,
  };
  store.save(profile, 'file', {makeDefault: false});
  return {
    forget: () => {
      const remembered = store.account('sandbox');
      if (remembered?.dataCenter === profile.dataCenter) store.forget(remembered);
    },
  };
}
