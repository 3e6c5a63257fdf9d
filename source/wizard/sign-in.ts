import type {Clock} from '../clock.js';
import {
  type AccessToken,
  type Exchange,
  hostOf,
  PlatformClient,
  type PlatformError,
} from '../platform/index.js';
import type {CredentialStore} from '../store/index.js';
import {describeSignInFailure} from './failures.js';
import type {ConnectForm, WizardEvent} from './state.js';

export interface SignInContext {
  readonly form: ConnectForm;
  readonly store: CredentialStore;
  readonly timeoutMs?: number;
  readonly retry?: {readonly attempts: number; readonly delayMs: number};
  readonly clock: Clock;
  readonly cachedToken?: AccessToken;
  /** From a saved profile (said on every screen). */
  readonly remembered: boolean;
  readonly onExchange: (exchange: Exchange) => void;
  readonly onRetry: (error: PlatformError, attempt: number, delayMs: number) => void;
  readonly dispatch: (event: WizardEvent) => void;
  readonly signal: AbortSignal;
}

/**
 * Takes a token, learns the client's own tenant, remembers the credentials when the operator agreed, and says
 * SIGNED_IN (or SIGN_IN_FAILED with the field to ask again). Returns the signed-in client.
 */
export async function signIn(context: SignInContext): Promise<PlatformClient | undefined> {
  const {form, store, signal, dispatch} = context;
  try {
    const platform: PlatformClient = new PlatformClient({
      dataCenter: form.dataCenter,
      clientId: form.clientId,
      clientSecret: form.secret,
      timeoutMs: context.timeoutMs,
      retry: context.retry,
      clock: context.clock,
      cachedToken: context.cachedToken,
      onToken: (token) => {
        if (form.remember) store.saveToken(platform.baseUrl, platform.clientId, token);
      },
      onExchange: context.onExchange,
      onRetry: context.onRetry,
    });
    await platform.authenticate(signal);
    const own = await platform.getTenant((await platform.whoAmI(signal)).tenant_id, signal);
    if (signal.aborted) return undefined;
    if (form.remember) {
      store.save({
        dataCenter: platform.baseUrl,
        clientId: platform.clientId,
        clientSecret: form.secret,
        token: platform.token,
        tenantName: own.name,
      });
    }
    dispatch({
      type: 'SIGNED_IN',
      account: {
        host: hostOf(form.dataCenter),
        clientId: platform.clientId,
        tenantId: own.id,
        tenantName: own.name,
        remembered: context.remembered,
      },
    });
    return platform;
  } catch (error) {
    if (!signal.aborted) dispatch({type: 'SIGN_IN_FAILED', ...describeSignInFailure(error, form)});
    return undefined;
  }
}
