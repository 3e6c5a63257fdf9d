import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {systemClock} from '../source/clock.js';
import {CredentialStore} from '../source/store/index.js';
import {runCli} from './helpers/cli.js';
import {clientFor, sandboxPerFile} from './helpers/sandbox.js';

// `logout` runs as a process on the machine's clock: the sandbox keeps the same one.
const sandbox = sandboxPerFile({clock: systemClock});

describe('tenant-mode logout', () => {
  it('forgets the default account (remembered by 0.2, without a name) and revokes its token', async () => {
    const directory = join(mkdtempSync(join(tmpdir(), 'tenant-mode-logout-')), 'config');
    const client = clientFor(sandbox.current);
    const token = await client.authenticate();
    CredentialStore.open(directory, systemClock).store.save({
      dataCenter: client.baseUrl,
      clientId: client.clientId,
      clientSecret: sandbox.current.clientSecret,
      token,
    });
    const {stdout, stderr} = await runCli(['logout'], {TENANT_MODE_CONFIG_DIR: directory});
    expect(stdout).toMatch(
      /Forgot the default account "127\.0\.0\.1:\d+": its token was revoked at 127\.0\.0\.1:\d+\./,
    );
    expect(stdout + stderr).not.toContain(sandbox.current.clientSecret);
    expect(CredentialStore.open(directory, systemClock).store.lastProfile()).toBeUndefined();
    expect(sandbox.current.world.tokens.has(token.value)).toBe(false);
    const again = await runCli(['logout'], {TENANT_MODE_CONFIG_DIR: directory});
    expect(again.stdout).toContain('No account is remembered: nothing to forget.');
  });
});
