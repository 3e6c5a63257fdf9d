import {signOutEverywhere} from '../procedure/index.js';
import type {CommandIo} from './io.js';
import {openStore} from './session.js';

/** `tenant-mode logout`: forget every saved sign-in, revoking the cached tokens that are still alive. */
export async function runLogoutCommand(io: CommandIo): Promise<number> {
  const note = (text: string) => io.stderr.write(`${text}\n`);
  const store = openStore(io, {note});
  const {forgotten, problems} = await signOutEverywhere(store, io.clock, io.interrupt);
  for (const problem of problems) note(problem);
  note(
    forgotten === 0
      ? 'No saved credentials to forget.'
      : `Forgot ${forgotten} saved sign-in${forgotten === 1 ? '' : 's'} (${store.path}).`,
  );
  return 0;
}
