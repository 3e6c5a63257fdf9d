import type {Clock} from '../clock.js';
import {PlatformClient} from '../platform/index.js';
import type {CredentialStore} from '../store/index.js';

/**
 * Forgets every saved sign-in and revokes the saved tokens still alive (a token that cannot be revoked expires by
 * itself within two hours). Returns how many were forgotten, and one line per token that could not be revoked.
 */
export async function signOutEverywhere(
  store: CredentialStore,
  clock: Clock,
  signal?: AbortSignal,
): Promise<{forgotten: number; problems: string[]}> {
  const profiles = store.forgetAll();
  const problems: string[] = [];
  for (const profile of profiles) {
    if (!profile.token || !profile.clientSecret || profile.token.expiresAt <= clock.now()) continue;
    try {
      const client = new PlatformClient({
        dataCenter: profile.dataCenter,
        clientId: profile.clientId,
        clientSecret: profile.clientSecret,
        cachedToken: profile.token,
        timeoutMs: 10_000,
        clock,
      });
      await client.revokeToken(signal);
    } catch (error) {
      problems.push(
        `Could not revoke the saved token for ${profile.dataCenter}: ${(error as Error).message} It expires by itself within two hours.`,
      );
    }
  }
  return {forgotten: profiles.length, problems};
}
