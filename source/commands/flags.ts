import {readSecretFile, SecretFileError} from '../procedure/about.js';
import {scenarios} from '../sandbox/scenarios.js';
import {UsageError} from './command-error.js';
import type {CommandInput, FlagDeclaration} from './declaration.js';
import type {CommandIo} from './io.js';

// The scenarios' names, from the one list (sandbox/scenarios.ts: data only, so the start-up stays light).
const scenarioNames = scenarios.map((scenario) => scenario.name);

/** Every flag of tenant-mode, declared once; each command lists the ones it takes (commands/catalogue/). */
export const flags = {
  url: {
    type: 'string',
    value: '<data center>',
    help: 'e.g. https://eu2-cloud.acronis.com (https only; http for loopback)',
  },
  'client-id': {
    type: 'string',
    value: '<uuid>',
    help:
      'the API client id; the secret comes from TENANT_MODE_CLIENT_SECRET ' +
      '(without them: the default remembered account)',
  },
  account: {
    type: 'string',
    value: '<name>',
    help: 'the remembered account to use (tenant-mode accounts lists them; also TENANT_MODE_ACCOUNT); without it, the default one',
  },
  'client-secret-file': {
    type: 'string',
    value: '<file>',
    help: 'or the secret from this file, yours alone (chmod 600), for cron',
    completes: 'file',
  },
  timeout: {
    type: 'string',
    value: '<seconds>',
    help: 'how long to wait for each answer, 1 to 600 (default 30); a listing of many pages as a whole: 20 times that',
  },
  json: {type: 'boolean', help: 'one JSON document on stdout (docs/scripting.md)'},
  verify: {
    type: 'boolean',
    help: "check the audit log's hash chain: the first line edited, removed, reordered or inserted (exit 6), or intact",
  },
  receipt: {
    type: 'string',
    value: '<file>',
    help: "with --verify: check that this receipt's audit lines are in the log",
    completes: 'file',
  },
  transcript: {
    type: 'string',
    value: '<file>',
    help: 'write the whole lesson there as Markdown when it ends: each step, each call, the Python, a runnable script',
    completes: 'file',
  },
  rehearsals: {
    type: 'boolean',
    help: 'only the rehearsals (switches sent to a sandbox), which audit leaves out',
  },
  'with-secret-stdin': {
    type: 'boolean',
    help: 'read the client secret from stdin (a pipe), never from the command line',
  },
  name: {
    type: 'string',
    value: '<name>',
    help: "what to call the account (default: its tenant's name and data center host)",
  },
  'insecure-storage': {
    type: 'boolean',
    help: 'keep the secret in the credentials file (0600) even where a keyring is reachable',
  },
  all: {type: 'boolean', help: 'every remembered account'},
  mode: {
    type: 'string',
    value: '<mode>',
    help: 'only trial, production or suspended tenants',
    completes: ['trial', 'production', 'suspended'],
  },
  'dry-run': {type: 'boolean', help: 'say what would be sent, send nothing'},
  yes: {type: 'boolean', help: 'confirmed in advance (needed without a terminal)'},
  sandbox: {type: 'boolean', help: 'start the embedded sandbox and offer it first in the wizard'},
  accessible: {
    type: 'boolean',
    help: 'the line mode, for a screen reader: each screen printed once as plain lines, lists numbered, nothing redrawn (also INK_SCREEN_READER=true, TERM=dumb)',
  },
  port: {type: 'string', value: '<n>', help: 'the port to listen on (default 0: any free port)'},
  state: {
    type: 'string',
    value: '<file>',
    help: "keep the sandbox's tenants in this file across runs (switches, versions, trials that ended meanwhile)",
    completes: 'file',
  },
  login: {
    type: 'boolean',
    help: 'remember it as the account "sandbox" while it runs (never the default; forgotten when it stops)',
  },
  tenants: {type: 'string', value: '<n>', help: 'seed this many extra customers (0 to 100000)'},
  scenario: {
    type: 'string',
    value: '<name>',
    help: `a lesson of what goes wrong: ${scenarioNames.join(', ')} (help lists them)`,
    completes: ['help', ...scenarioNames],
  },
  latency: {
    type: 'string',
    value: '<ms>',
    help: 'add this much to every answer, as a distant data center would (0 to 10000)',
  },
  rate: {
    type: 'string',
    value: '<n>',
    help: 'at most n requests a second; more are answered 429 with Retry-After',
  },
  faults: {
    type: 'string',
    value: '<file>',
    help: 'misbehave as a JSON file of fault rules says (docs/sandbox.md)',
    completes: 'file',
  },
  since: {type: 'string', value: '<day>', help: 'only attempts from this day on (UTC)'},
  report: {
    type: 'string',
    value: '<file>',
    help: 'also write a report to look at: FILE.html (charts, printable) or FILE.md (docs/month-start.md)',
    completes: 'file',
  },
  format: {
    type: 'string',
    value: '<format>',
    help: 'md (for a ticket), html (one printable file) or json (default: from --out, else md)',
    completes: ['md', 'html', 'json'],
  },
  on: {
    type: 'string',
    value: '<day>',
    help: 'the day to switch, UTC (default: the coming 1st; today when today is the 1st)',
  },
  out: {
    type: 'string',
    value: '<file>',
    help: 'write the plan there (readable by you only); without it nothing is written',
    completes: 'file',
  },
  only: {
    type: 'string',
    multiple: true,
    value: '<name|uuid>',
    help: 'plan only this customer (repeat for more)',
  },
  except: {
    type: 'string',
    multiple: true,
    value: '<name|uuid>',
    help: 'leave this customer out (repeat for more)',
  },
  check: {type: 'boolean', help: 'any day: read every tenant again and say what would happen; send nothing'},
  'not-on-date': {type: 'boolean', help: 'apply on another day than planned (says what that costs)'},
  concurrency: {
    type: 'string',
    value: '<n>',
    help: 'switches in flight at once, 1 to 32 (default 4); a 429 pauses them all',
  },
  'max-failures': {
    type: 'string',
    value: '<n>',
    help: 'stop sending after this many failures in a row (default 10)',
  },
  'no-color': {type: 'boolean', help: 'no colours; bold stays (NO_COLOR is honoured too)'},
  version: {type: 'boolean', short: 'v', help: 'print the version'},
  help: {type: 'boolean', short: 'h', help: 'print the help (of a command, after its name)'},
} as const satisfies Record<string, FlagDeclaration>;

export type FlagName = keyof typeof flags;

/** Taken by every command and the wizard. */
export const everywhere: readonly FlagName[] = ['help', 'version', 'no-color'];
/** The platform commands' sign-in. */
export const signInFlags: readonly FlagName[] = [
  'account',
  'url',
  'client-id',
  'client-secret-file',
  'timeout',
];

/** The sign-in flags every platform command takes. */
export interface SignInFlags {
  /** --account, or TENANT_MODE_ACCOUNT. */
  readonly account?: string;
  readonly url?: string;
  readonly clientId?: string;
  /** From --client-secret-file or TENANT_MODE_CLIENT_SECRET. */
  readonly secret?: string;
  readonly timeoutSeconds: number;
}

export function text(input: CommandInput, flag: FlagName): string | undefined {
  const value = input.values[flag];
  return typeof value === 'string' ? value : undefined;
}

export function isSet(input: CommandInput, flag: FlagName): boolean {
  return input.values[flag] === true;
}

export function list(input: CommandInput, flag: FlagName): string[] {
  const value = input.values[flag];
  return Array.isArray(value) ? value : [];
}

export function signInOf(input: CommandInput, io: CommandIo): SignInFlags {
  return {
    account: text(input, 'account') ?? (io.env.TENANT_MODE_ACCOUNT || undefined),
    url: text(input, 'url'),
    clientId: text(input, 'client-id'),
    secret: clientSecret(text(input, 'client-secret-file'), io.env.TENANT_MODE_CLIENT_SECRET || undefined),
    timeoutSeconds: number(text(input, 'timeout'), 'timeout', {min: 1, max: 600, fallback: 30}),
  };
}

/** The secret from --client-secret-file or TENANT_MODE_CLIENT_SECRET; both at once is refused, not guessed. */
function clientSecret(file: string | undefined, fromEnvironment: string | undefined): string | undefined {
  if (file === undefined) return fromEnvironment;
  if (fromEnvironment !== undefined) {
    throw new UsageError(
      'The client secret is given twice: by --client-secret-file and by TENANT_MODE_CLIENT_SECRET. Give one.',
    );
  }
  try {
    return readSecretFile(file);
  } catch (error) {
    if (error instanceof SecretFileError) throw new UsageError(error.message);
    throw error;
  }
}

/** A calendar day, YYYY-MM-DD, that exists (2027-02-30 does not): the day itself, as given. */
export function day(text: string | undefined, flag: FlagName): string | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = match
    ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
    : undefined;
  if (!date || date.toISOString().slice(0, 10) !== text) {
    throw new UsageError(`--${flag} must be a day as YYYY-MM-DD, e.g. 2026-12-01 (got ${text}).`);
  }
  return text;
}

export function number(
  text: string | undefined,
  flag: FlagName,
  range: {min: number; max: number; fallback: number; whole?: boolean},
): number {
  if (text === undefined) return range.fallback;
  const value = Number(text);
  // Whole numbers as people write them: no 0x10, 1e1 or spaces, which Number() would take.
  const written = range.whole ? /^\d+$/.test(text) : /^\d+(\.\d+)?$/.test(text);
  const fits = written && Number.isFinite(value) && value >= range.min && value <= range.max;
  if (!fits || (range.whole && !Number.isInteger(value))) {
    const what =
      flag === 'timeout'
        ? `a number of seconds from ${range.min} to ${range.max}`
        : `a whole number from ${range.min} to ${range.max}`;
    throw new UsageError(`--${flag} must be ${what} (got ${text}).`);
  }
  return value;
}
