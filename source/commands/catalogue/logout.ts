import type {CommandDeclaration} from '../declaration.js';

export const logout: CommandDeclaration = {
  name: 'logout',
  synopsis: 'logout',
  summary: 'forget saved credentials (and revoke the saved token)',
  title: 'Forget the saved credentials, and revoke the saved token that is still alive.',
  usage: 'logout',
  flags: [],
  operands: {count: 0, problem: 'tenant-mode logout takes no operand.'},
  examples: ['tenant-mode logout'],
  async run(_input, io) {
    const {runLogoutCommand} = await import('../logout.js');
    return runLogoutCommand(io);
  },
};
