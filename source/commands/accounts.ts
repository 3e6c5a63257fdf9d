import {
  AccountNotFound,
  type CredentialStore,
  formatDayTime,
  printable,
  type RememberedAccount,
} from '../procedure/index.js';
import {UsageError} from './command-error.js';
import type {CommandIo} from './io.js';
import {exitCodes, makeOutput, runCommand} from './output.js';
import {openStore} from './session.js';

/** `tenant-mode accounts [--json]`, and `accounts use NAME`: the remembered accounts, and which one is the default. */
export async function runAccountsCommand(
  operands: readonly string[],
  json: boolean,
  io: CommandIo,
): Promise<number> {
  const output = makeOutput(json, io);
  return runCommand(io, async () => {
    const store = openStore(io, output);
    if (operands.length > 0) {
      const [verb, name = ''] = operands;
      if (verb !== 'use') {
        throw new UsageError(`accounts takes "use NAME" or nothing (got "${printable(verb ?? '')}").`);
      }
      const account = store.account(name);
      if (!account)
        throw new AccountNotFound(
          name,
          store.accounts().map((each) => each.name),
        );
      store.setDefault(account);
      output.result(`"${account.name}" is now the default account.`, {default: account.name});
      return exitCodes.done;
    }
    const accounts = store.accounts();
    const now = io.clock.now();
    output.result(
      accounts.length === 0
        ? 'No account is remembered. Remember one with tenant-mode login (or the wizard).'
        : accounts.map((account) => describe(account, store, now)).join('\n'),
      {accounts: accounts.map((account) => document(account, store, now))},
    );
    return exitCodes.done;
  });
}

function tokenExpiry(account: RememberedAccount): number | undefined {
  return account.profile.token?.expiresAt ?? account.profile.tokenExpiresAt;
}

function secretPlace(account: RememberedAccount, store: CredentialStore): string {
  const {profile} = account;
  if (profile.secretIn === 'keyring') {
    return `in ${typeof store.keyring === 'string' ? 'the keyring' : store.keyring.name}`;
  }
  return profile.clientSecret === undefined ? 'not remembered' : `in ${store.path} (readable by you only)`;
}

function describe(account: RememberedAccount, store: CredentialStore, now: number): string {
  const {profile} = account;
  const expiry = tokenExpiry(account);
  const token =
    expiry === undefined
      ? 'none saved'
      : expiry > now
        ? `valid until ${formatDayTime(expiry)}`
        : `expired ${formatDayTime(expiry)} (a new one is taken when needed)`;
  const partner = profile.tenantName
    ? `${printable(profile.tenantName)}${profile.tenantId ? ` (${profile.tenantId})` : ''}`
    : (profile.tenantId ?? 'not known yet');
  return [
    `${account.isDefault ? '*' : ' '} ${account.name}${account.isDefault ? '  (the default)' : ''}${profile.sandbox ? '  (a sandbox: switches are rehearsals)' : ''}`,
    `    data center  ${profile.dataCenter}`,
    `    client id    ${profile.clientId}`,
    `    partner      ${partner}`,
    `    token        ${token}`,
    `    secret       ${secretPlace(account, store)}`,
  ].join('\n');
}

function document(account: RememberedAccount, store: CredentialStore, now: number) {
  const {profile} = account;
  const expiry = tokenExpiry(account);
  return {
    name: account.name,
    default: account.isDefault,
    data_center: profile.dataCenter,
    client_id: profile.clientId,
    tenant: {id: profile.tenantId ?? null, name: profile.tenantName ?? null},
    token: {
      valid: expiry !== undefined && expiry > now,
      expires_at: expiry === undefined ? null : new Date(expiry).toISOString(),
    },
    secret_in:
      profile.secretIn === 'keyring' ? 'keyring' : profile.clientSecret === undefined ? null : 'file',
    ...(profile.secretIn === 'keyring' ? {} : {file: store.path}),
    sandbox: profile.sandbox === true,
  };
}
