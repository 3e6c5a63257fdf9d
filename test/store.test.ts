import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {CredentialStore, configDirectory} from '../source/store/index.js';
import {movableClock} from './helpers/sandbox.js';

const clock = movableClock();

const freshDirectory = () => join(mkdtempSync(join(tmpdir(), 'tenant-mode-store-')), 'config');
const profile = {
  dataCenter: 'https://eu2-cloud.acronis.com/api/2',
  clientId: '2b6d5f98-a539-5356-8e71-1085b4ac11c3',
  clientSecret: 'remembered-secret',
  token: {value: 'token-value', expiresAt: 1},
};
/** As it is read back: saved without a name, it is named after its host. */
const named = {...profile, name: 'eu2-cloud.acronis.com'};

describe('credential store', () => {
  it('remembers the last profile across openings', () => {
    const directory = freshDirectory();
    CredentialStore.open(directory, clock).store.save(profile);
    const {store, notice} = CredentialStore.open(directory, clock);
    expect(notice).toBeUndefined();
    expect(store.lastProfile()).toEqual(named);
    store.saveToken(profile.dataCenter, profile.clientId, {value: 'newer', expiresAt: 2});
    expect(CredentialStore.open(directory, clock).store.lastProfile()?.token).toEqual({
      value: 'newer',
      expiresAt: 2,
    });
  });

  it('keeps the file 0600 in a 0700 folder, also under a permissive umask', () => {
    const previous = process.umask(0o000);
    try {
      const directory = freshDirectory();
      const {store} = CredentialStore.open(directory, clock);
      store.save(profile);
      expect(statSync(directory).mode & 0o777).toBe(0o700);
      expect(statSync(store.path).mode & 0o777).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });

  it('uses an existing folder of yours as it is: never re-modes a folder it did not create', () => {
    const directory = freshDirectory();
    mkdirSync(directory, {recursive: true});
    chmodSync(directory, 0o755);
    const {store, notice} = CredentialStore.open(directory, clock);
    expect(notice).toBeUndefined();
    store.save(profile);
    expect(statSync(directory).mode & 0o777).toBe(0o755);
    expect(statSync(join(directory, 'config.json')).mode & 0o777).toBe(0o600);
  });

  it.each([
    [
      'a shared folder (1777)',
      (directory: string) => chmodSync(directory, 0o1777),
      'can be written by others (mode 1777)',
    ],
    [
      'a folder of another user',
      (directory: string) => chownSync(directory, 65_534, 65_534),
      'belongs to another user (uid 65534)',
    ],
  ])('refuses %s, saying why, and remembers nothing there', (_what, spoil, reason) => {
    const directory = freshDirectory();
    mkdirSync(directory, {recursive: true, mode: 0o700});
    spoil(directory);
    const {store, notice} = CredentialStore.open(directory, clock);
    expect(notice).toContain(reason);
    store.save(profile);
    expect(readdirSync(directory)).toEqual([]);
    expect(statSync(directory).mode & 0o7777).toBe(reason.includes('1777') ? 0o1777 : 0o700);
  });

  it('refuses a shared folder reached through a symlink too', () => {
    const shared = freshDirectory();
    mkdirSync(shared, {recursive: true});
    chmodSync(shared, 0o1777);
    const link = `${freshDirectory()}-link`;
    symlinkSync(shared, link);
    expect(CredentialStore.open(link, clock).notice).toContain('can be written by others');
  });

  it('never follows a config.json that is a symlink', () => {
    const directory = freshDirectory();
    mkdirSync(directory, {recursive: true, mode: 0o700});
    const elsewhere = join(freshDirectory(), 'elsewhere.json');
    mkdirSync(join(elsewhere, '..'), {recursive: true});
    writeFileSync(elsewhere, JSON.stringify({profiles: {}}));
    symlinkSync(elsewhere, join(directory, 'config.json'));
    const {store, notice} = CredentialStore.open(directory, clock);
    expect(notice).toContain('symbolic link');
    store.save(profile);
    expect(readFileSync(elsewhere, 'utf8')).toBe(JSON.stringify({profiles: {}}));
  });

  it('makes a config.json that others could read private again, and says so', () => {
    const directory = freshDirectory();
    mkdirSync(directory, {recursive: true, mode: 0o700});
    const path = join(directory, 'config.json');
    writeFileSync(path, JSON.stringify({profiles: {}}), {mode: 0o644});
    chmodSync(path, 0o644);
    const {notice} = CredentialStore.open(directory, clock);
    expect(notice).toContain('could be read by others (mode 644)');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('ignores a relative XDG_CONFIG_HOME, as the XDG specification says', () => {
    expect(configDirectory({HOME: '/home/op', XDG_CONFIG_HOME: 'relative/config'})).toBe(
      '/home/op/.config/tenant-mode',
    );
    expect(configDirectory({HOME: '/home/op', XDG_CONFIG_HOME: '/etc/xdg-op'})).toBe(
      '/etc/xdg-op/tenant-mode',
    );
  });

  it('forgets an account and hands back its secrets, to revoke its token', () => {
    const directory = freshDirectory();
    CredentialStore.open(directory, clock).store.save(profile);
    const {store} = CredentialStore.open(directory, clock);
    expect(store.forget(named)).toEqual({
      secrets: {clientSecret: profile.clientSecret, token: profile.token},
      secretsProblem: undefined,
      keyringProblem: undefined,
    });
    expect(CredentialStore.open(directory, clock).store.lastProfile()).toBeUndefined();
  });

  it.each([
    ['corrupt JSON', '{"profiles": {', 'it is not valid JSON'],
    ['wrong types', '{"profiles": [1, 2]}', 'its "profiles" is not an object'],
    [
      'a profile without client id',
      '{"profiles": {"x": {"dataCenter": "https://a"}}}',
      'no data center or client id',
    ],
  ])('sets aside a file with %s, says so, and starts a new one', (_what, content, reason) => {
    const directory = freshDirectory();
    mkdirSync(directory, {recursive: true});
    writeFileSync(join(directory, 'config.json'), content);
    const {store, notice} = CredentialStore.open(directory, clock);
    expect(notice).toContain(reason);
    expect(notice).toContain('set aside as');
    const aside = readdirSync(directory).find((name) => name.startsWith('config.json.corrupt-'));
    expect(aside && readFileSync(join(directory, aside), 'utf8')).toBe(content);
    store.save(profile);
    expect(CredentialStore.open(directory, clock).store.lastProfile()).toEqual(named);
  });

  it('works in memory only when the file is a folder, and says so', () => {
    const directory = freshDirectory();
    mkdirSync(join(directory, 'config.json'), {recursive: true});
    const {store, notice} = CredentialStore.open(directory, clock);
    expect(notice).toContain('it is a folder, not a file');
    expect(store.persistent).toBe(false);
    store.save(profile);
    expect(store.lastProfile()).toBeUndefined();
  });
});
