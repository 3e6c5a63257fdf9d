import {UsageError} from '../command-error.js';
import type {CommandDeclaration} from '../declaration.js';
import {isSet, signInFlags, signInOf} from '../flags.js';

export const wizard: CommandDeclaration = {
  name: '',
  synopsis: '',
  summary: 'the guided wizard (needs a terminal)',
  title: 'Switch a customer tenant of the Acronis Cyber Platform from trial to production, safely.',
  usage: '',
  flags: [...signInFlags, 'sandbox', 'accessible'],
  operands: {count: 0, problem: 'See tenant-mode --help.'},
  examples: [],
  async run(input, io, context) {
    try {
      return await start(input, io, context);
    } catch (error) {
      // An account named that is not remembered, say: worded as every command words it (output.ts).
      const {asCommandError} = await import('../output.js');
      throw asCommandError(error);
    }
  },
};

async function start(...[input, io, context]: Parameters<CommandDeclaration['run']>): Promise<number> {
  if (!io.stdin.isTTY || !io.stdout.isTTY) {
    throw new UsageError(
      'The wizard needs an interactive terminal, and this is not one (input or output is piped).\n' +
        'In scripts use the commands: tenant-mode status | list | switch --yes (see tenant-mode --help).',
    );
  }
  return context.startWizard({
    ...signInOf(input, io),
    sandbox: isSet(input, 'sandbox'),
    // A screen reader (the flag, or the variable Ink and other tools read), or a terminal that cannot move its
    // cursor (Emacs's shell, a dumb serial console): the line mode.
    lineMode: isSet(input, 'accessible') || io.env.INK_SCREEN_READER === 'true' || io.env.TERM === 'dumb',
    // chalk ignores NO_COLOR in a terminal (docs/wizard.md, "Colours"): both are honoured here.
    color: !isSet(input, 'no-color') && (io.env.NO_COLOR ?? '') === '',
  });
}
