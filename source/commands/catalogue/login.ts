import type {CommandDeclaration} from '../declaration.js';
import {isSet, signInOf, text} from '../flags.js';

export const login: CommandDeclaration = {
  name: 'login',
  synopsis: 'login --url <dc> --client-id <id>',
  summary: 'sign in and remember the account (secret in the keyring)',
  title:
    'Sign in with an API client, and remember the account under a name: the secret in the OS keyring where one is reachable, else in the credentials file (readable by you only).',
  usage: 'login --url <data center> --client-id <uuid> [--with-secret-stdin] [--name <name>] [flags]',
  about: [
    'The secret comes from stdin (--with-secret-stdin), --client-secret-file or TENANT_MODE_CLIENT_SECRET — never from the command line. The account becomes the default one; signing in again with the same client updates it. docs/accounts.md.',
  ],
  flags: [
    'url',
    'client-id',
    'with-secret-stdin',
    'client-secret-file',
    'name',
    'insecure-storage',
    'sandbox',
    'timeout',
    'json',
  ],
  flagHelp: {
    sandbox:
      "this data center is a sandbox: the account's switches are rehearsals, shown by audit --rehearsals, and their receipts say no customer was switched (kept on a later login)",
  },
  operands: {count: 0, problem: 'tenant-mode login takes no operand: see its flags.'},
  examples: [
    'printf %s "$SECRET" | tenant-mode login --with-secret-stdin \\\n    --url https://eu2-cloud.acronis.com \\\n    --client-id 6d7c3f5e-1b2a-4c3d-8e9f-0a1b2c3d4e5f',
    'tenant-mode login --url https://us-cloud.acronis.com --name us-reseller \\\n    --client-id 0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b \\\n    --client-secret-file ~/us.secret',
  ],
  async run(input, io) {
    const {runLoginCommand} = await import('../login.js');
    const signInFlags = signInOf(input, io);
    return runLoginCommand(
      {
        url: signInFlags.url,
        clientId: signInFlags.clientId,
        secret: signInFlags.secret,
        secretFromStdin: isSet(input, 'with-secret-stdin'),
        name: text(input, 'name'),
        insecureStorage: isSet(input, 'insecure-storage'),
        sandbox: isSet(input, 'sandbox'),
        timeoutSeconds: signInFlags.timeoutSeconds,
        json: isSet(input, 'json'),
      },
      io,
    );
  },
};
