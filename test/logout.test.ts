import {execFile} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {CredentialStore} from '../source/store/index.js';
import {clientFor, sandboxPerFile} from './helpers/sandbox.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const sandbox = sandboxPerFile({now: Date.now});

describe('tenant-mode logout', () => {
  it('forgets the saved credentials and revokes the saved token', async () => {
    const directory = join(mkdtempSync(join(tmpdir(), 'tenant-mode-logout-')), 'config');
    const client = clientFor(sandbox.current);
    const token = await client.authenticate();
    CredentialStore.open(directory).store.save({
      dataCenter: client.baseUrl,
      clientId: client.clientId,
      clientSecret: sandbox.current.clientSecret,
      token,
    });
    const {stderr} = await run(process.execPath, [cli, 'logout'], {
      env: {...process.env, TENANT_MODE_CONFIG_DIR: directory},
    });
    expect(stderr).toContain('Forgot 1 saved sign-in');
    expect(stderr).not.toContain(sandbox.current.clientSecret);
    expect(CredentialStore.open(directory).store.lastProfile()).toBeUndefined();
    expect(sandbox.current.world.tokens.has(token.value)).toBe(false);
    const again = await run(process.execPath, [cli, 'logout'], {
      env: {...process.env, TENANT_MODE_CONFIG_DIR: directory},
    });
    expect(again.stderr).toContain('No saved credentials to forget.');
  });
});
