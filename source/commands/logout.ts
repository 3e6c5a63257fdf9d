import type {Clock} from '../clock.js';
import {PlatformClient} from '../platform/index.js';
import {CredentialStore, configDirectory} from '../store/index.js';

/** `tenant-mode logout`: forget every saved sign-in, revoking the cached tokens that are still alive. */
export async function runLogoutCommand(clock: Clock): Promise<number> {
  const {store, notice} = CredentialStore.open(configDirectory(), clock);
  if (notice) process.stderr.write(`${notice}\n`);
  const profiles = store.forgetAll();
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
      await client.revokeToken();
    } catch (error) {
      process.stderr.write(
        `Could not revoke the saved token for ${profile.dataCenter}: ${(error as Error).message} It expires by itself within two hours.\n`,
      );
    }
  }
  process.stderr.write(
    profiles.length === 0
      ? 'No saved credentials to forget.\n'
      : `Forgot ${profiles.length} saved sign-in${profiles.length === 1 ? '' : 's'} (${store.path}).\n`,
  );
  return 0;
}
