import {UsageError} from '../command-error.js';
import type {CommandDeclaration} from '../declaration.js';
import {isSet, text} from '../flags.js';

export const learn: CommandDeclaration = {
  name: 'learn',
  synopsis: 'learn',
  summary: 'a guided lesson of the procedure, against the embedded sandbox',
  title:
    'Learn the procedure: the wizard against the embedded sandbox, each step opening with what happens and why, which step of the vendor’s guide it is and what it costs, and its HTTP calls shown as a lesson.',
  usage: 'learn [--scenario NAME] [--transcript FILE]',
  about: [
    'The sandbox runs until the lesson ends, remembered meanwhile as the account "sandbox" (never the default): a plan written in the lesson runs from a second terminal with the printed apply command. --scenario stages what goes wrong (help lists them). The transcript is Markdown to keep: each step, each call with the matching Python, what was learned, and the session as a runnable Python script. docs/onboarding.md.',
  ],
  flags: ['scenario', 'transcript', 'accessible', 'timeout'],
  operands: {count: 0, problem: 'tenant-mode learn takes no operand: --scenario chooses what goes wrong.'},
  examples: [
    'tenant-mode learn',
    'tenant-mode learn --scenario lost-answer --transcript lesson.md',
    'tenant-mode learn --scenario help',
  ],
  async run(input, io, context) {
    const scenario = text(input, 'scenario');
    const {scenarioList, scenarioNamed} = await import('../../sandbox/index.js');
    if (scenario?.trim().toLowerCase() === 'help') {
      io.stdout.write(
        `Scenarios (tenant-mode learn --scenario NAME; docs/onboarding.md):\n${scenarioList().join('\n')}\n`,
      );
      return 0;
    }
    if (scenario !== undefined && !scenarioNamed(scenario)) {
      throw new UsageError(`There is no scenario "${scenario}". They are:\n${scenarioList().join('\n')}`);
    }
    if (!io.stdin.isTTY || !io.stdout.isTTY) {
      throw new UsageError(
        'A lesson needs an interactive terminal, and this is not one (input or output is piped).',
      );
    }
    const transcript = text(input, 'transcript');
    return context.startWizard({
      timeoutSeconds: 30,
      sandbox: true,
      lineMode: isSet(input, 'accessible') || io.env.INK_SCREEN_READER === 'true' || io.env.TERM === 'dumb',
      color: !isSet(input, 'no-color') && (io.env.NO_COLOR ?? '') === '',
      lesson: {
        ...(scenario === undefined ? {} : {scenario}),
        ...(transcript === undefined ? {} : {transcript}),
      },
    });
  },
};
