import {parseArgs} from 'node:util';
import {
  credentialsPath,
  jsonText,
  LocalFilesError,
  printableLines,
  readSecretFile,
  SecretFileError,
  toolVersion,
} from '../procedure/about.js';
import type {WizardRequest} from '../procedure/wizard-request.js';
import {commandHelp, toolHelp} from './help.js';
import type {CommandIo, ShowApplyProgress} from './io.js';

const flagSpec = {
  url: {type: 'string'},
  'client-id': {type: 'string'},
  'client-secret-file': {type: 'string'},
  timeout: {type: 'string'},
  json: {type: 'boolean'},
  mode: {type: 'string'},
  'dry-run': {type: 'boolean'},
  yes: {type: 'boolean'},
  sandbox: {type: 'boolean'},
  accessible: {type: 'boolean'},
  'no-color': {type: 'boolean'},
  port: {type: 'string'},
  tenants: {type: 'string'},
  latency: {type: 'string'},
  rate: {type: 'string'},
  since: {type: 'string'},
  faults: {type: 'string'},
  on: {type: 'string'},
  out: {type: 'string'},
  only: {type: 'string', multiple: true},
  except: {type: 'string', multiple: true},
  check: {type: 'boolean'},
  'not-on-date': {type: 'boolean'},
  concurrency: {type: 'string'},
  'max-failures': {type: 'string'},
  version: {type: 'boolean', short: 'v'},
  help: {type: 'boolean', short: 'h'},
} as const;
type Flag = keyof typeof flagSpec;

const signInFlags: Flag[] = ['url', 'client-id', 'client-secret-file', 'timeout'];
const everywhere: Flag[] = ['help', 'version', 'no-color'];
/** The flags each command takes; `''` is the wizard. */
const flagsOf: Record<string, readonly Flag[]> = {
  '': [...signInFlags, 'sandbox', 'accessible'],
  status: [...signInFlags, 'json'],
  list: [...signInFlags, 'json', 'mode'],
  switch: [...signInFlags, 'json', 'dry-run', 'yes'],
  audit: ['json', 'since'],
  plan: [...signInFlags, 'json', 'on', 'out', 'only', 'except'],
  apply: [...signInFlags, 'json', 'check', 'dry-run', 'yes', 'not-on-date', 'concurrency', 'max-failures'],
  sandbox: ['port', 'tenants', 'latency', 'rate', 'faults', 'json'],
  logout: [],
};
const takesTenant = new Set(['status', 'switch']);
/** Flags that may be given more than once: each adds to the list. */
const repeatable = new Set<string>(['only', 'except']);

class UsageError extends Error {}

/**
 * tenant-mode's command line: flags (Node's util.parseArgs), --help and --version anywhere, then the command.
 * Usage errors exit 2 with one line, and with --json also one JSON document on stdout. The wizard is started
 * through `startWizard`, so that this module never loads Ink.
 */
export async function main(
  argv: readonly string[],
  io: CommandIo,
  startWizard: (request: WizardRequest) => Promise<number>,
  /** The Ink view of an apply on a terminal; without it, progress is one line a tenant on stderr. */
  showApplyProgress?: ShowApplyProgress,
): Promise<number> {
  const wantsJson = argv.includes('--json');
  try {
    return await dispatch(argv, io, startWizard, showApplyProgress);
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof LocalFilesError)) throw error;
    if (wantsJson) {
      const reason = error instanceof LocalFilesError ? 'local-files' : 'usage';
      io.stdout.write(`${jsonText({error: {message: error.message, reason}}, 2)}\n`);
    }
    io.stderr.write(`${printableLines(error.message)}\n`);
    return 2;
  }
}

async function dispatch(
  argv: readonly string[],
  io: CommandIo,
  startWizard: (request: WizardRequest) => Promise<number>,
  showApplyProgress?: ShowApplyProgress,
): Promise<number> {
  const {values, positionals} = parse(argv);
  const [command = '', ...rest] = positionals;
  if (values.version) {
    io.stdout.write(`${toolVersion}\n`);
    return 0;
  }
  const allowed = flagsOf[command];
  if (!allowed) throw new UsageError(`Unknown command "${command}". See tenant-mode --help.`);
  if (values.help) {
    io.stdout.write(command === '' ? toolHelp(helpPath()) : (commandHelp[command] ?? ''));
    return 0;
  }
  for (const flag of Object.keys(values) as Flag[]) {
    if (!allowed.includes(flag) && !everywhere.includes(flag)) {
      throw new UsageError(
        `--${flag} is not a flag of ${command === '' ? 'the wizard' : `tenant-mode ${command}`}. See tenant-mode ${command ? `${command} ` : ''}--help.`,
      );
    }
  }
  const wanted = takesTenant.has(command) || command === 'apply' ? 1 : 0;
  if (rest.length !== wanted) {
    throw new UsageError(
      command === 'apply'
        ? 'tenant-mode apply takes one plan file (made by tenant-mode plan --out FILE).'
        : wanted === 1
          ? `tenant-mode ${command} takes one tenant name or UUID (quote a name with spaces).`
          : `Unexpected argument "${rest.join(' ')}". See tenant-mode --help.`,
    );
  }
  const [tenant = ''] = rest;
  const json = values.json ?? false;
  const signIn = {
    url: values.url,
    clientId: values['client-id'],
    secret: clientSecret(values['client-secret-file'], io.env.TENANT_MODE_CLIENT_SECRET || undefined),
    timeoutSeconds: number(values.timeout, 'timeout', {min: 1, max: 600, fallback: 30}),
  };
  switch (command) {
    case 'status':
      return (await import('./status.js')).runStatusCommand(tenant, {...signIn, json}, io);
    case 'list':
      return (await import('./list.js')).runListCommand({...signIn, json, mode: values.mode}, io);
    case 'switch':
      return (await import('./switch.js')).runSwitchCommand(
        tenant,
        {...signIn, json, dryRun: values['dry-run'] ?? false, yes: values.yes ?? false},
        io,
      );
    case 'audit':
      return (await import('./audit.js')).runAuditCommand({json, since: day(values.since, 'since')}, io);
    case 'plan':
      return (await import('./plan.js')).runPlanCommand(
        {
          ...signIn,
          json,
          on: day(values.on, 'on'),
          out: values.out,
          only: values.only ?? [],
          except: values.except ?? [],
        },
        io,
      );
    case 'apply':
      if (values.check && values['dry-run']) {
        throw new UsageError('--check and --dry-run are the same look on different days: give one.');
      }
      return (await import('./apply.js')).runApplyCommand(
        tenant,
        {
          ...signIn,
          json,
          look: values.check ? 'check' : values['dry-run'] ? 'dry-run' : undefined,
          yes: values.yes ?? false,
          notOnDate: values['not-on-date'] ?? false,
          concurrency: number(values.concurrency, 'concurrency', {min: 1, max: 32, fallback: 4, whole: true}),
          maxFailures: number(values['max-failures'], 'max-failures', {
            min: 1,
            max: 100_000,
            fallback: 10,
            whole: true,
          }),
        },
        io,
        showApplyProgress,
      );
    case 'logout':
      return (await import('./logout.js')).runLogoutCommand(io);
    case 'sandbox':
      return (await import('./sandbox.js')).runSandboxCommand(
        {
          port: number(values.port, 'port', {min: 0, max: 65_535, fallback: 0, whole: true}),
          tenants: number(values.tenants, 'tenants', {min: 0, max: 100_000, fallback: 0, whole: true}),
          latencyMs: number(values.latency, 'latency', {min: 0, max: 10_000, fallback: 0, whole: true}),
          ratePerSecond: number(values.rate, 'rate', {min: 0, max: 100_000, fallback: 0, whole: true}),
          json,
          faults: values.faults,
        },
        io,
      );
  }
  if (!io.stdin.isTTY || !io.stdout.isTTY) {
    throw new UsageError(
      'The wizard needs an interactive terminal, and this is not one (input or output is piped).\n' +
        'In scripts use the commands: tenant-mode status | list | switch --yes (see tenant-mode --help).',
    );
  }
  return startWizard({
    ...signIn,
    sandbox: values.sandbox ?? false,
    accessible: values.accessible ?? false,
    // chalk ignores NO_COLOR in a terminal (ink-and-friends.md): both are honoured here.
    color: !values['no-color'] && (io.env.NO_COLOR ?? '') === '',
  });
}

/** Where --help says the credentials are: a relative HOME is said there rather than failing the help. */
function helpPath(): string {
  try {
    return credentialsPath();
  } catch (error) {
    return error instanceof LocalFilesError ? `(none: ${error.message})` : String(error);
  }
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

/** The flags, refusing unknown ones, missing values and a flag given twice (parseArgs would keep the last). */
const parseConfig = {options: flagSpec, allowPositionals: true, strict: true, tokens: true} as const;

function parse(argv: readonly string[]) {
  let parsed: ReturnType<typeof parseArgs<typeof parseConfig>>;
  try {
    parsed = parseArgs({...parseConfig, args: [...argv]});
  } catch (error) {
    throw new UsageError(parseProblem(error as Error & {code?: string}));
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name) && !repeatable.has(token.name)) {
      throw new UsageError(`--${token.name} is given twice; give it once.`);
    }
    seen.add(token.name);
  }
  return parsed;
}

function parseProblem(error: Error & {code?: string}): string {
  const flag = /'(-[^' ]+)/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown flag ${flag}. See tenant-mode --help.`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      // "argument missing" at the end; "ambiguous" when the next word is a flag (`--url --client-id X`).
      return /argument missing|ambiguous/.test(error.message)
        ? `${flag.replace(/^-(\w)$/, '-$1')} needs a value. See tenant-mode --help.`
        : `${flag} takes no value. See tenant-mode --help.`;
    default:
      return `${error.message} See tenant-mode --help.`;
  }
}

/** A calendar day, YYYY-MM-DD, that exists (2027-02-30 does not): the day itself, as given. */
function day(text: string | undefined, flag: string): string | undefined {
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

function number(
  text: string | undefined,
  flag: string,
  range: {min: number; max: number; fallback: number; whole?: boolean},
): number {
  if (text === undefined) return range.fallback;
  const value = Number(text);
  // Whole numbers as people write them: no 0x10, 1e1 or spaces, which Number() would take.
  const written = range.whole ? /^\d+$/.test(text) : text.trim() !== '';
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
