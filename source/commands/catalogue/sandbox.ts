import type {CommandDeclaration} from '../declaration.js';
import {isSet, number, text} from '../flags.js';

export const sandbox: CommandDeclaration = {
  name: 'sandbox',
  synopsis: 'sandbox',
  summary: 'run the sandbox on its own until Ctrl+C',
  title: 'Run the platform double on its own until Ctrl+C (no account needed).',
  usage: 'sandbox [flags]',
  flags: ['port', 'tenants', 'latency', 'rate', 'faults', 'scenario', 'state', 'login', 'json'],
  flagHelp: {
    json: 'print its URL and demo credentials as one JSON line; on stop, one more line: what it was asked (requests, PUTs)',
  },
  operands: {count: 0, problem: 'tenant-mode sandbox takes no operand: --tenants seeds customers.'},
  examples: [
    'tenant-mode sandbox --port 8080',
    'tenant-mode sandbox --tenants 5000 --json',
    'tenant-mode sandbox --state ~/training.json --login',
    'tenant-mode sandbox --scenario lost-answer --login',
    'tenant-mode sandbox --scenario help',
  ],
  async run(input, io) {
    const {runSandboxCommand} = await import('../sandbox.js');
    return runSandboxCommand(
      {
        port: number(text(input, 'port'), 'port', {min: 0, max: 65_535, fallback: 0, whole: true}),
        tenants: number(text(input, 'tenants'), 'tenants', {min: 0, max: 100_000, fallback: 0, whole: true}),
        latencyMs: number(text(input, 'latency'), 'latency', {min: 0, max: 10_000, fallback: 0, whole: true}),
        ratePerSecond: number(text(input, 'rate'), 'rate', {min: 0, max: 100_000, fallback: 0, whole: true}),
        json: isSet(input, 'json'),
        faults: text(input, 'faults'),
        state: text(input, 'state'),
        login: isSet(input, 'login'),
        scenario: text(input, 'scenario'),
      },
      io,
    );
  },
};
