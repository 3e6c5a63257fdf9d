import {UsageError} from '../command-error.js';
import type {CommandDeclaration} from '../declaration.js';

export const completion: CommandDeclaration = {
  name: 'completion',
  synopsis: 'completion bash',
  summary: 'print the shell completion script (bash)',
  title: "Print bash's completion script for tenant-mode's commands, flags and their values.",
  usage: 'completion bash',
  about: [
    'Only bash for now: zsh and fish are not written yet. To install it for your user, add the first line to ' +
      '~/.bashrc; or write the script where bash-completion finds it (second line), and open a new shell.',
  ],
  flags: [],
  operands: {count: 1, name: '<shell>', problem: 'tenant-mode completion takes the shell: bash.'},
  examples: [
    'eval "$(tenant-mode completion bash)"',
    'tenant-mode completion bash \\\n    > ~/.local/share/bash-completion/completions/tenant-mode',
  ],
  async run(input, io, context) {
    if (input.operands[0] !== 'bash') {
      throw new UsageError(
        `tenant-mode completes in bash only, not in "${input.operands[0]}" (zsh and fish are not written yet).`,
      );
    }
    const {bashCompletion} = await import('../completion.js');
    io.stdout.write(bashCompletion(context.commands));
    return 0;
  },
};
