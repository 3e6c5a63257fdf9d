import {AccountNotFound, type Forgotten, forgetAccounts, printable} from '../procedure/index.js';
import type {CommandIo} from './io.js';
import {exitCodes, makeOutput, runCommand} from './output.js';
import {openStore} from './session.js';

/**
 * `tenant-mode logout [--account NAME | --all]`: forgets the default account (or the one named, or every one),
 * revoking its token while it is alive and removing its keyring entry; says what could not be done.
 */
export async function runLogoutCommand(
  flags: {readonly account?: string; readonly all: boolean; readonly json: boolean},
  io: CommandIo,
): Promise<number> {
  const output = makeOutput(flags.json, io);
  return runCommand(io, async (signal) => {
    const store = openStore(io, output);
    const remembered = store.accounts();
    const chosen = flags.all
      ? remembered.map((account) => account.profile)
      : flags.account !== undefined
        ? [
            store.account(flags.account) ??
              notFound(
                flags.account,
                remembered.map((each) => each.name),
              ),
          ]
        : remembered.filter((account) => account.isDefault).map((account) => account.profile);
    if (chosen.length === 0) {
      output.result('No account is remembered: nothing to forget.', {forgotten: []});
      return exitCodes.done;
    }
    const forgotten = await forgetAccounts(store, chosen, io.clock, signal);
    const next = store.accounts().find((account) => account.isDefault);
    output.result(
      [
        ...forgotten.map((each) => said(each, flags.account === undefined && !flags.all)),
        next
          ? `The default account is now "${next.name}".`
          : store.accounts().length === 0
            ? 'No account is remembered now.'
            : 'No account is the default now: choose one with tenant-mode accounts use NAME.',
      ].join('\n'),
      {
        forgotten: forgotten.map((each) => ({
          name: each.name,
          data_center: each.dataCenter,
          token_revoked: each.revoked,
          ...(each.revokeProblem ? {revoke_problem: each.revokeProblem} : {}),
          ...(each.keyringProblem ? {keyring_problem: each.keyringProblem} : {}),
        })),
        default: next?.name ?? null,
      },
    );
    return exitCodes.done;
  });
}

function notFound(name: string, known: readonly string[]): never {
  throw new AccountNotFound(name, known);
}

function said(each: Forgotten, wasDefault: boolean): string {
  const host = new URL(each.dataCenter).host;
  const token =
    each.revoked === true
      ? `its token was revoked at ${host}`
      : each.revoked === 'none'
        ? 'it had no live token to revoke'
        : `its token could not be revoked at ${host} (${printable(each.revokeProblem ?? '')}); it expires by itself within two hours`;
  const keyring = each.keyringProblem
    ? ` Its keyring entry could not be removed (${printable(each.keyringProblem)}): remove it with your keyring's own tool.`
    : '';
  return `Forgot ${wasDefault ? 'the default account' : 'the account'} "${each.name}": ${token}.${keyring}`;
}
