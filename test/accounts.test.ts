// Several accounts (docs/accounts.md): `login` remembers each under a name, `accounts` lists them, `--account`
// (or TENANT_MODE_ACCOUNT) chooses one per command, `logout` forgets one. Two sandboxes stand for two data centers.
import {execFile} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type Sandbox, startSandbox} from '../source/sandbox/index.js';
import {CredentialStore} from '../source/store/index.js';
import {cliPath, newConfigDirectory, runInProcess} from './helpers/cli.js';
import {movableClock, requestLines} from './helpers/sandbox.js';

const clock = movableClock();
let eu: Sandbox;
let us: Sandbox;
beforeAll(async () => {
  eu = await startSandbox({clock});
  us = await startSandbox({clock});
});
afterAll(async () => {
  await eu?.close();
  await us?.close();
});

/** `tenant-mode …` in-process with this config folder and only the given environment. */
const cli =
  (folder: string) =>
  (args: string[], env: Record<string, string | undefined> = {}) =>
    runInProcess(args, {TENANT_MODE_CONFIG_DIR: folder, ...env}, {clock});

async function loggedInTwice() {
  const folder = newConfigDirectory();
  const run = cli(folder);
  const first = await run(['login', '--url', eu.url, '--client-id', eu.clientId, '--name', 'eu', '--json'], {
    TENANT_MODE_CLIENT_SECRET: eu.clientSecret,
  });
  const second = await run(['login', '--url', us.url, '--client-id', us.clientId, '--json'], {
    TENANT_MODE_CLIENT_SECRET: us.clientSecret,
  });
  return {folder, run, first, second};
}

describe('login and accounts', () => {
  it('remembers two accounts on two data centers; accounts --json lists both, the last one the default', async () => {
    const {run, first, second, folder} = await loggedInTwice();
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    const secondName = JSON.parse(second.stdout).account.name;
    // Named from the partner tenant and the host when no --name is given.
    expect(secondName).toBe(`northwind-partners@${new URL(us.url).host}`);
    const listed = await run(['accounts', '--json']);
    const accounts = JSON.parse(listed.stdout).accounts;
    expect(accounts.map((account: {name: string}) => account.name).sort()).toEqual(['eu', secondName].sort());
    const eu1 = accounts.find((account: {name: string}) => account.name === 'eu');
    expect(eu1).toMatchObject({
      default: false,
      data_center: `${eu.url}/api/2`,
      client_id: eu.clientId,
      tenant: {id: eu.tenantId, name: 'Northwind Partners'},
      token: {valid: true},
      // No keyring here (no D-Bus session): the file, said.
      secret_in: 'file',
    });
    expect(accounts.find((account: {name: string}) => account.name === secondName).default).toBe(true);
    expect(JSON.parse(first.stdout).keyring_problem).toMatch(/D-Bus/);
    // Kept in the file here, readable by its owner only.
    expect(readFileSync(join(folder, 'config.json'), 'utf8')).toContain(eu.clientSecret);
  });

  it('--account and TENANT_MODE_ACCOUNT each reach only their own data center', async () => {
    const {run} = await loggedInTwice();
    const euFrom = eu.requests.length;
    const usFrom = us.requests.length;
    const switched = await run(['switch', 'Acme Corp', '--yes', '--account', 'eu', '--json']);
    expect(switched.code).toBe(0);
    expect(requestLines(eu, euFrom).filter((line) => line.startsWith('PUT'))).toHaveLength(1);
    expect(requestLines(us, usFrom)).toEqual([]);
    const euAfter = eu.requests.length;
    const status = await run(['status', 'Acme Corp', '--json'], {
      TENANT_MODE_ACCOUNT: `northwind-partners@${new URL(us.url).host}`,
    });
    expect(status.code).toBe(0);
    // The other data center's Acme Corp is still in trial: only that one was read.
    expect(JSON.parse(status.stdout).pricing.mode).toBe('trial');
    const other = await run([
      'switch',
      'Acme Corp',
      '--yes',
      '--account',
      `northwind-partners@${new URL(us.url).host}`,
    ]);
    expect(other.code).toBe(0);
    expect(eu.requests.length).toBe(euAfter);
    expect(requestLines(us, usFrom).filter((line) => line.startsWith('PUT'))).toHaveLength(1);
  });

  it('names the known accounts when --account names none (exit 2); accounts use NAME sets the default', async () => {
    const {run} = await loggedInTwice();
    const unknown = await run(['status', 'Acme Corp', '--account', 'asia']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'No remembered account is named "asia". Remembered: eu, northwind-partners@',
    );
    const conflict = await run(['status', 'Acme Corp', '--account', 'eu', '--url', us.url]);
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toContain('--url and --client-id name another');
    const used = await run(['accounts', 'use', 'eu']);
    expect(used.stdout).toContain('"eu" is now the default account.');
    const euFrom = eu.requests.length;
    expect((await run(['status', 'Acme Corp'])).code).toBe(0);
    expect(eu.requests.length).toBeGreaterThan(euFrom);
    expect((await run(['accounts', 'use', 'asia'])).code).toBe(2);
    expect((await run(['accounts', 'pick', 'eu'])).code).toBe(2);
  });

  it('logout --account revokes only that account’s token and forgets only it', async () => {
    const {run, folder} = await loggedInTwice();
    const tokens = CredentialStore.open(folder, clock).store.accounts();
    const euToken = tokens.find((account) => account.name === 'eu')?.profile.token?.value ?? '';
    const usToken = tokens.find((account) => account.name !== 'eu')?.profile.token?.value ?? '';
    const out = await run(['logout', '--account', 'eu']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(
      `Forgot the account "eu": its token was revoked at ${new URL(eu.url).host}.`,
    );
    expect(eu.world.tokens.has(euToken)).toBe(false);
    expect(us.world.tokens.has(usToken)).toBe(true);
    const left = JSON.parse((await run(['accounts', '--json'])).stdout).accounts;
    expect(left.map((account: {name: string}) => account.name)).toEqual([
      `northwind-partners@${new URL(us.url).host}`,
    ]);
    const all = await run(['logout', '--all']);
    expect(all.stdout).toContain('No account is remembered now.');
    expect(us.world.tokens.has(usToken)).toBe(false);
  });

  it('logout of an account whose data center cannot be reached forgets it here and says the token lives on', async () => {
    const gone = await startSandbox({clock});
    const folder = newConfigDirectory();
    const run = cli(folder);
    await run(['login', '--url', gone.url, '--client-id', gone.clientId, '--name', 'gone'], {
      TENANT_MODE_CLIENT_SECRET: gone.clientSecret,
    });
    await gone.close();
    const out = await run(['logout', '--account', 'gone', '--json']);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout).forgotten[0]).toMatchObject({name: 'gone', token_revoked: false});
    const words = await run(['accounts']);
    expect(words.stdout).toContain('No account is remembered.');
  });

  it('takes the secret from stdin, never from the command line; refuses a name that is taken or not a word', async () => {
    const folder = newConfigDirectory();
    const run = cli(folder);
    const noSecret = await run(['login', '--url', eu.url, '--client-id', eu.clientId]);
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toContain('--with-secret-stdin');
    const badName = await run(
      ['login', '--url', eu.url, '--client-id', eu.clientId, '--name', 'my account'],
      {
        TENANT_MODE_CLIENT_SECRET: eu.clientSecret,
      },
    );
    expect(badName.code).toBe(2);
    expect(badName.stderr).toContain('cannot be an account name');
    await run(['login', '--url', eu.url, '--client-id', eu.clientId, '--name', 'one'], {
      TENANT_MODE_CLIENT_SECRET: eu.clientSecret,
    });
    const taken = await run(['login', '--url', us.url, '--client-id', us.clientId, '--name', 'ONE'], {
      TENANT_MODE_CLIENT_SECRET: us.clientSecret,
    });
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain('already the name of another account');
    // Signing in again with the same client updates the account, under its name.
    const again = await run(['login', '--url', eu.url, '--client-id', eu.clientId, '--json'], {
      TENANT_MODE_CLIENT_SECRET: eu.clientSecret,
    });
    expect(JSON.parse(again.stdout)).toMatchObject({updated: true, account: {name: 'one'}});
  });
});

describe('credentials remembered by 0.1 and 0.2', () => {
  it('are read as they are: every remembered profile is an account, named from its host, and works', async () => {
    const folder = newConfigDirectory();
    const run = cli(folder);
    // What 0.2 wrote: profiles keyed by data center and client, no names, the secret in the file.
    const profile = (sandbox: Sandbox) => ({
      dataCenter: `${sandbox.url}/api/2`,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
      tenantId: sandbox.tenantId,
    });
    CredentialStore.open(folder, clock); // makes the folder, as 0.2 did
    writeFileSync(
      join(folder, 'config.json'),
      JSON.stringify({
        profiles: {
          [`${eu.url}/api/2 ${eu.clientId}`]: profile(eu),
          [`${us.url}/api/2 ${us.clientId}`]: profile(us),
        },
        last: `${us.url}/api/2 ${us.clientId}`,
      }),
      {mode: 0o600},
    );
    const listed = JSON.parse((await run(['accounts', '--json'])).stdout).accounts;
    expect(listed.map((account: {name: string}) => account.name).sort()).toEqual(
      [new URL(eu.url).host, new URL(us.url).host].sort(),
    );
    for (const sandbox of [eu, us]) {
      const from = sandbox.requests.length;
      const status = await run(['status', 'Fabrikam Stores', '--account', new URL(sandbox.url).host]);
      expect(status.code).toBe(0);
      expect(sandbox.requests.length).toBeGreaterThan(from);
    }
    // The default stays the one 0.2 used last.
    expect(listed.find((account: {default: boolean}) => account.default).name).toBe(new URL(us.url).host);
  });
});

describe('what names the account', () => {
  it('--json, the audit log and the printed commands name a remembered account; the printed command runs as printed', async () => {
    const {run, folder} = await loggedInTwice();
    const switched = JSON.parse(
      (await run(['switch', 'Fabrikam Stores', '--yes', '--account', 'eu', '--json'])).stdout,
    );
    expect(switched.account).toEqual({name: 'eu', data_center: `${eu.url}/api/2`, client_id: eu.clientId});
    const audit = readFileSync(join(folder, 'audit.log'), 'utf8').trim().split('\n');
    expect(JSON.parse(audit.find((line) => line.includes('"attempt"')) ?? '{}')).toMatchObject({
      account: 'eu',
      data_center: `${eu.url}/api/2`,
      client_id: eu.clientId,
    });
    const entries = JSON.parse((await run(['audit', '--json'])).stdout).entries;
    expect(entries[0]).toMatchObject({account: 'eu', tenant_name: 'Fabrikam Stores'});
    // The plan's apply command names the account, not its data center and client id.
    const planFile = join(folder, '..', 'plan.json');
    const planned = await run(['plan', '--out', planFile, '--account', 'eu']);
    const command = /On .* run:\n {2}(.*)/.exec(planned.stdout + planned.stderr)?.[1] ?? '';
    expect(planned.code, planned.stdout + planned.stderr).toBe(0);
    expect(command).toContain(' --account eu');
    expect(command).not.toContain('--client-id');
    // As printed, from a fresh shell with only the config folder: the account's secret comes from where it is kept.
    const again = await new Promise<{code: number; text: string}>((resolve) =>
      execFile(
        '/bin/sh',
        // In-process commands are printed as `tenant-mode`: here that is the bundle.
        ['-c', `${command.replace(/^tenant-mode /, `${process.execPath} ${cliPath} `)} --check`],
        {env: {PATH: process.env.PATH ?? '', TENANT_MODE_CONFIG_DIR: folder}},
        (error, stdout, stderr) =>
          resolve({code: error ? Number(error.code ?? 1) : 0, text: stdout + stderr}),
      ),
    );
    // Read at the account's own data center: its tenants, ready to be switched.
    expect(again.text).toMatch(/ready +[0-9a-f-]{36} +Northwind Partners \/ Müller Bäckerei GmbH/);
    expect(again.code, again.text).toBe(0);
  });
});

describe('apply without --account', () => {
  it('takes the remembered account the plan was made for; several that fit → it asks for --account', async () => {
    const {run, folder} = await loggedInTwice();
    const planFile = join(folder, '..', 'for-eu.json');
    expect((await run(['plan', '--out', planFile, '--account', 'eu'])).code).toBe(0);
    // The default account is the other one: apply finds eu by the plan's data center and operator tenant.
    const euFrom = eu.requests.length;
    const usFrom = us.requests.length;
    const checked = await run(['apply', planFile, '--check', '--json']);
    expect(checked.code, checked.stderr).toBe(0);
    expect(JSON.parse(checked.stdout).account).toMatchObject({name: 'eu'});
    expect(eu.requests.length).toBeGreaterThan(euFrom);
    expect(us.requests.length).toBe(usFrom);
    // Applied (on another day than planned, as a test must): the results file's run line names the account.
    const applied = await run(['apply', planFile, '--yes', '--not-on-date']);
    expect(applied.code, applied.stderr).toBe(0);
    const run1 = JSON.parse(readFileSync(`${planFile}.results.jsonl`, 'utf8').split('\n')[0] ?? '{}');
    expect(run1).toMatchObject({
      kind: 'run',
      account: 'eu',
      client_id: eu.clientId,
      data_center: `${eu.url}/api/2`,
    });
    expect(us.requests.length).toBe(usFrom);
    // A second API client of the same partner on the same data center: which one is the operator's to say.
    const config = JSON.parse(readFileSync(join(folder, 'config.json'), 'utf8'));
    const key = Object.keys(config.profiles).find((each) => config.profiles[each].name === 'eu') ?? '';
    const otherClient = '11111111-2222-4333-8444-555555555555';
    config.profiles[`${config.profiles[key].dataCenter} ${otherClient}`] = {
      ...config.profiles[key],
      name: 'eu-second',
      clientId: otherClient,
    };
    writeFileSync(join(folder, 'config.json'), JSON.stringify(config), {mode: 0o600});
    const several = await run(['apply', planFile, '--check']);
    expect(several.code).toBe(2);
    expect(several.stderr).toContain('Several remembered accounts can apply this plan (eu, eu-second)');
    expect((await run(['apply', planFile, '--check', '--account', 'eu'])).code).toBe(0);
  });
});

// Each from a hostile tester's review of the accounts (two sandboxes, a real keyring, hand-edited files).
describe('accounts, as a hostile tester found them', () => {
  it('using an account with --account does not make it the default', async () => {
    const {run} = await loggedInTwice();
    const usName = `northwind-partners@${new URL(us.url).host}`;
    await run(['accounts', 'use', usName]);
    expect((await run(['status', 'Acme Corp', '--account', 'eu'])).code).toBe(0);
    const listed = JSON.parse((await run(['accounts', '--json'])).stdout).accounts;
    expect(listed.find((account: {default: boolean}) => account.default).name).toBe(usName);
  });

  it('names 0.2’s profiles so that forgetting one never hands its name to another; URLs written another way are one account', async () => {
    const folder = newConfigDirectory();
    const run = cli(folder);
    CredentialStore.open(folder, clock);
    const otherClient = 'ffffffff-2222-4333-8444-555555555555';
    writeFileSync(
      join(folder, 'config.json'),
      JSON.stringify({
        profiles: {
          // As 0.1 may have written it: no /api/2, the client id in capitals.
          [`${eu.url} ${eu.clientId.toUpperCase()}`]: {
            dataCenter: eu.url,
            clientId: eu.clientId.toUpperCase(),
            clientSecret: eu.clientSecret,
          },
          [`${eu.url}/api/2 ${otherClient}`]: {
            dataCenter: `${eu.url}/api/2`,
            clientId: otherClient,
            clientSecret: 'x',
          },
        },
      }),
      {mode: 0o600},
    );
    const host = new URL(eu.url).host;
    const names = JSON.parse((await run(['accounts', '--json'])).stdout).accounts.map(
      (account: {name: string}) => account.name,
    );
    expect(names.sort()).toEqual(
      [`${host}-${eu.clientId.toUpperCase().slice(0, 8)}`, `${host}-ffffffff`].sort(),
    );
    const mine = `${host}-${eu.clientId.toUpperCase().slice(0, 8)}`;
    expect((await run(['status', 'Acme Corp', '--account', mine])).code).toBe(0);
    // Used: still one account for that client, not a second one under the URL written the other way.
    expect(JSON.parse((await run(['accounts', '--json'])).stdout).accounts).toHaveLength(2);
    await run(['logout', '--account', mine]);
    const left = JSON.parse((await run(['accounts', '--json'])).stdout).accounts;
    expect(left.map((account: {name: string}) => account.name)).toEqual([`${host}-ffffffff`]);
    expect((await run(['status', 'Acme Corp', '--account', mine])).code).toBe(2);
  });

  it('tells "eu" and "EU" of a hand-edited file apart by their writing', async () => {
    const {run, folder} = await loggedInTwice();
    const config = JSON.parse(readFileSync(join(folder, 'config.json'), 'utf8'));
    for (const profile of Object.values(config.profiles) as {name: string}[]) {
      if (profile.name !== 'eu') profile.name = 'EU';
    }
    writeFileSync(join(folder, 'config.json'), JSON.stringify(config), {mode: 0o600});
    const upper = JSON.parse(
      (await run(['switch', 'Acme Corp', '--dry-run', '--json', '--account', 'EU'])).stdout,
    );
    expect(upper.account).toMatchObject({name: 'EU', data_center: `${us.url}/api/2`});
    const lower = JSON.parse(
      (await run(['switch', 'Acme Corp', '--dry-run', '--json', '--account', 'eu'])).stdout,
    );
    expect(lower.account).toMatchObject({name: 'eu', data_center: `${eu.url}/api/2`});
  });

  it('sets aside a file whose saved token is no token, and says so (no crash)', async () => {
    const {run, folder} = await loggedInTwice();
    const config = JSON.parse(readFileSync(join(folder, 'config.json'), 'utf8'));
    for (const profile of Object.values(config.profiles) as Record<string, unknown>[])
      profile.token = {value: 5};
    writeFileSync(join(folder, 'config.json'), JSON.stringify(config), {mode: 0o600});
    const listed = await run(['accounts']);
    expect(listed.code).toBe(0);
    expect(listed.stderr).toContain('a saved token is not a token');
    expect(listed.stderr).toContain('set aside');
  });

  it('quotes every word of the printed login command', async () => {
    const {loginCommand} = await import('../source/commands/session.js');
    const command = loginCommand(
      {name: 'weird name', dataCenter: 'https://eu2-cloud.acronis.com/api/2', clientId: 'x;touch PWNED'},
      ['tenant-mode'],
    );
    expect(command).toBe(
      "tenant-mode login --url https://eu2-cloud.acronis.com/api/2 --client-id 'x;touch PWNED' --name 'weird name'",
    );
  });
});
