import type {Clock} from '../clock.js';
import {PlatformClient, type Tenant} from '../platform/index.js';
import {CredentialStore, startingPoint} from '../store/index.js';

import {CommandError, exitCodes, type Output} from './output.js';

export interface CommandOptions {
  readonly url?: string;
  readonly clientId?: string;
  readonly secret?: string;
  readonly timeoutSeconds: number;
  readonly configDirectory: string;
  readonly clock: Clock;
}

export interface Session {
  readonly client: PlatformClient;
  readonly own: Tenant;
  readonly store: CredentialStore;
}

/** Signs in as the wizard would: flags and TENANT_MODE_CLIENT_SECRET, else the saved profile. */
export async function openSession(
  options: CommandOptions,
  output: Output,
  signal?: AbortSignal,
): Promise<Session> {
  const {store, notice} = CredentialStore.open(options.configDirectory, options.clock);
  if (notice) output.note(notice);
  const start = startingPoint({url: options.url, clientId: options.clientId, secret: options.secret}, store);
  const {dataCenter, clientId, secret} = start.form;
  if (!dataCenter || !clientId || !secret) {
    throw new CommandError(
      'No credentials: pass --url and --client-id with TENANT_MODE_CLIENT_SECRET in the environment, or sign in once with the wizard and let it remember them.',
      exitCodes.usage,
    );
  }
  const client = new PlatformClient({
    dataCenter,
    clientId,
    clientSecret: secret,
    timeoutMs: options.timeoutSeconds * 1000,
    cachedToken: start.cachedToken,
    clock: options.clock,
    onRetry: (error, attempt, delayMs) => {
      const why = error.status === 429 ? 'The platform asked to wait (429 Too Many Requests)' : error.message;
      output.note(`${why}: trying again in ${Math.round(delayMs / 100) / 10} s (retry ${attempt}).`);
    },
    onToken: (token) => {
      if (start.remembered) store.saveToken(client.baseUrl, client.clientId, token);
    },
  });
  output.progress(`Signing in to ${new URL(client.baseUrl).host}…`);
  await client.authenticate(signal);
  const own = await client.getTenant((await client.whoAmI(signal)).tenant_id, signal);
  return {client, own, store};
}
