import type {CommandDeclaration} from '../declaration.js';

export const help: CommandDeclaration = {
  name: 'help',
  synopsis: 'help <command>',
  summary: "a command's own flags and examples (or: <command> --help)",
  title: "Print tenant-mode's help, or one command's.",
  usage: 'help [<command>]',
  flags: [],
  operands: {count: -1, name: '<command>', problem: 'tenant-mode help takes at most one command name.'},
  examples: ['tenant-mode help switch'],
  async run(input, io, context) {
    const {helpFor} = await import('../help.js');
    return helpFor(input.operands[0], io, context.commands);
  },
};
