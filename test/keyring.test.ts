// The secret in the OS keyring (store/keyring.ts): a real Secret Service — GNOME Keyring's daemon in a D-Bus
// session of its own (`dbus-run-session`), reached through libsecret's `secret-tool`, as on an operator's desktop.
// .ci/run installs gnome-keyring, libsecret-tools and dbus when they are missing.
import {execFile} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {systemClock} from '../source/clock.js';
import {cliPath} from './helpers/cli.js';
import {sandboxPerFile} from './helpers/sandbox.js';

// The CLI runs as processes on the machine's clock: the sandbox keeps the same one.
const sandbox = sandboxPerFile({clock: systemClock});
const needed = ['dbus-run-session', 'gnome-keyring-daemon', 'secret-tool', 'gdbus'];

/** Every file under a folder, with its text. */
function filesUnder(folder: string): {path: string; text: string}[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{path, text: readFileSync(path, 'latin1')}];
  });
}

/** Runs a shell script in a new D-Bus session with an unlocked GNOME Keyring; `$CLI` runs tenant-mode. */
function inKeyringSession(script: string, home: string): Promise<{code: number; output: string}> {
  const preamble = [
    'set -u',
    // The keyring's files in a home of its own, its login collection created unlocked with this password.
    `export HOME=${home} XDG_RUNTIME_DIR=${home}/run XDG_DATA_HOME=${home}/data TENANT_MODE_CONFIG_DIR=${home}/config`,
    'mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"',
    `eval "$(printf test-password | gnome-keyring-daemon --unlock --components=secrets --daemonize)"`,
    `CLI="${process.execPath} ${cliPath}"`,
  ].join('\n');
  return new Promise((resolve) => {
    execFile(
      'dbus-run-session',
      ['--', 'sh', '-c', `${preamble}\n${script}`],
      {env: {PATH: process.env.PATH ?? '', LANG: 'C.UTF-8'}, timeout: 60_000},
      (error, stdout, stderr) => {
        const code = error ? ((error as {code?: number}).code ?? 1) : 0;
        resolve({code: typeof code === 'number' ? code : 1, output: `${stdout}\n${stderr}`});
      },
    );
  });
}

describe('the OS keyring (a real Secret Service)', () => {
  it('is installed here (.ci/run installs it when missing)', async () => {
    const missing: string[] = [];
    for (const tool of needed) {
      const found = await new Promise<boolean>((resolve) =>
        execFile('sh', ['-c', `command -v ${tool}`], (error) => resolve(!error)),
      );
      if (!found) missing.push(tool);
    }
    expect(missing, 'install gnome-keyring, libsecret-tools and dbus (Debian packages)').toEqual([]);
  });

  it('keeps the secret and the token there and in no file; a locked keyring is exit 3 within seconds', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tenant-mode-keyring-'));
    const {url, clientId, clientSecret} = sandbox.current;
    const {code, output} = await inKeyringSession(
      [
        `printf %s '${clientSecret}' | $CLI login --url ${url} --client-id ${clientId} --with-secret-stdin --name desk --json > "$HOME/login.json"; echo "login=$?"`,
        `$CLI status 'Acme Corp' --json > /dev/null; echo "status=$?"`,
        `secret-tool lookup service tenant-mode client-id ${clientId} > "$HOME/item"; echo "lookup=$?"`,
        `$CLI accounts --json > "$HOME/accounts.json"`,
        // --insecure-storage: the file even with a keyring there (and the keyring's copy removed).
        `printf %s '${clientSecret}' | $CLI login --url ${url} --client-id ${clientId} --with-secret-stdin --insecure-storage --json > "$HOME/insecure.json"; echo "insecure=$?"`,
        `secret-tool lookup service tenant-mode client-id ${clientId} > /dev/null; echo "lookup-after=$?"`,
        `printf %s '${clientSecret}' | $CLI login --url ${url} --client-id ${clientId} --with-secret-stdin > /dev/null; echo "back=$?"`,
        // A second config folder remembering the same client keeps an item of its own: forgetting it there
        // leaves this folder's secret and token alone.
        `printf %s '${clientSecret}' | TENANT_MODE_CONFIG_DIR="$HOME/other" $CLI login --url ${url} --client-id ${clientId} --with-secret-stdin > /dev/null; echo "other-login=$?"`,
        `TENANT_MODE_CONFIG_DIR="$HOME/other" $CLI logout > /dev/null; echo "other-logout=$?"`,
        `$CLI status 'Acme Corp' > /dev/null; echo "still=$?"`,
        // Locked: the keyring cannot give the secret, and its unlock prompt cannot be shown.
        `gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets --method org.freedesktop.Secret.Service.Lock "['/org/freedesktop/secrets/collection/login']" > /dev/null`,
        'start=$(date +%s)',
        `$CLI status 'Acme Corp' 2> "$HOME/locked.err"; echo "locked=$? seconds=$(( $(date +%s) - start ))"`,
        // Forgotten while locked: the item and the token it cannot read are said, never taken for gone.
        `$CLI logout --json > "$HOME/logout.json"; echo "logout=$?"`,
      ].join('\n'),
      home,
    );
    expect(code, output).toBe(0);
    expect(output).toContain('login=0');
    expect(output).toContain('status=0');
    expect(output).toContain('lookup=0');
    const login = JSON.parse(readFileSync(join(home, 'login.json'), 'utf8'));
    expect(login.account).toMatchObject({name: 'desk', secret_in: 'keyring'});
    // The keyring's item holds the secret and the token (as JSON)…
    const item = JSON.parse(readFileSync(join(home, 'item'), 'utf8'));
    expect(item.clientSecret).toBe(clientSecret);
    expect(item.token.value).toEqual(expect.any(String));
    // …and no file under the config folder has either.
    const files = filesUnder(join(home, 'config'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(file.text, file.path).not.toContain(clientSecret);
      expect(file.text, file.path).not.toContain(item.token.value);
    }
    expect(JSON.parse(readFileSync(join(home, 'insecure.json'), 'utf8')).account.secret_in).toBe('file');
    expect(output).toContain('lookup-after=1');
    expect(output).toContain('back=0');
    const accounts = JSON.parse(readFileSync(join(home, 'accounts.json'), 'utf8')).accounts;
    expect(accounts[0]).toMatchObject({name: 'desk', secret_in: 'keyring', token: {valid: true}});
    const locked = /locked=(\d+) seconds=(\d+)/.exec(output);
    expect(locked?.[1]).toBe('3');
    expect(Number(locked?.[2])).toBeLessThan(10);
    expect(output).toContain('other-login=0');
    expect(output).toContain('other-logout=0');
    expect(output).toContain('still=0');
    const forgotten = JSON.parse(readFileSync(join(home, 'logout.json'), 'utf8')).forgotten[0];
    expect(forgotten).toMatchObject({name: 'desk', token_revoked: false});
    expect(forgotten.revoke_problem).toContain('its token could not be read (the keyring is locked)');
    expect(forgotten.keyring_problem).toContain('the keyring is locked, so its item stays');
    expect(forgotten.keyring_problem).toContain('remove "tenant-mode: desk');
    const said = readFileSync(join(home, 'locked.err'), 'utf8');
    expect(said).toContain(
      'The secret of the account "desk" is kept in the keyring, and the keyring is locked.',
    );
    expect(said).toContain('login --url');
  });
});
