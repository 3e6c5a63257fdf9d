import {parseArgs} from 'node:util';
import {
  fileSystemFailure,
  isFileSystemError,
  jsonText,
  LocalFilesError,
  printableLines,
  toolVersion,
} from '../procedure/about.js';
import {commands} from './catalogue/index.js';
import {bugExitCode, bugText, CommandError, UsageError} from './command-error.js';
import type {CommandContext, CommandDeclaration, CommandInput} from './declaration.js';
import {everywhere, type FlagName, flags} from './flags.js';
import {commandHelp, helpWidth, toolHelp, unknownCommand} from './help.js';
import type {CommandIo} from './io.js';
import {shown} from './shown.js';
import {closest} from './suggest.js';

/**
 * tenant-mode's command line: flags (Node's util.parseArgs), --help and --version anywhere, then the command as
 * declared in commands/catalogue/. This is the one place that turns a command's failure into output: a
 * CommandError's message, next steps and exit code (2 for usage); with --json also one JSON document on stdout;
 * anything else is a bug, said as one (exit 70). The wizard is started through `context.startWizard`, so that this
 * module never loads Ink.
 */
export async function main(
  argv: readonly string[],
  io: CommandIo,
  startWizard: CommandContext['startWizard'],
  /** The Ink view of an apply on a terminal; without it, progress is one line a tenant on stderr. */
  showApplyProgress?: CommandContext['showApplyProgress'],
): Promise<number> {
  // `--` ends the flags: a tenant named "--json" after it asks for no JSON.
  const end = argv.indexOf('--');
  const wantsJson = (end === -1 ? argv : argv.slice(0, end)).includes('--json');
  try {
    return await dispatch(argv, io, {commands, startWizard, showApplyProgress});
  } catch (error) {
    return failed(error, io, wantsJson);
  }
}

/** What the operator reads (and a script parses) for a command that failed. */
export function failed(error: unknown, io: CommandIo, json: boolean): number {
  if (error instanceof CommandError && error.said) {
    if (json) io.stdout.write(`${jsonText(error.said.document, 2)}\n`);
    io.stderr.write(`${error.said.text}\n`);
    return error.exitCode;
  }
  if (isFileSystemError(error)) {
    // One of our files failed us outside a command's run (logout's, the sandbox's): the operator's to fix.
    return failed(new CommandError(fileSystemFailure(error), 2, {reason: 'local-files'}), io, json);
  }
  const known = error instanceof CommandError || error instanceof LocalFilesError;
  const message = known ? error.message : bugText(error);
  const nextSteps = error instanceof CommandError ? error.nextSteps : [];
  if (json) {
    const details =
      error instanceof CommandError
        ? error.details
        : {reason: error instanceof LocalFilesError ? 'local-files' : 'bug'};
    io.stdout.write(
      `${jsonText({error: {message, ...details, ...(nextSteps.length ? {nextSteps} : {})}}, 2)}\n`,
    );
  }
  io.stderr.write(`${printableLines([message, ...nextSteps].join('\n'))}\n`);
  if (error instanceof CommandError) return error.exitCode;
  return known ? 2 : bugExitCode;
}

async function dispatch(argv: readonly string[], io: CommandIo, context: CommandContext): Promise<number> {
  const {values, positionals} = parse(argv);
  const [name = '', ...operands] = positionals;
  if (values.version) {
    io.stdout.write(`${toolVersion}\n`);
    return 0;
  }
  const command = commands.find((each) => each.name === name);
  if (!command) throw unknownCommand(name, commands);
  if (values.help) {
    const width = helpWidth(io);
    io.stdout.write(command.name === '' ? toolHelp(commands, width) : commandHelp(command, width));
    return 0;
  }
  for (const flag of Object.keys(values) as FlagName[]) {
    if (!command.flags.includes(flag) && !everywhere.includes(flag)) throw notItsFlag(flag, command);
  }
  const {count, problem} = command.operands;
  const fits =
    typeof count !== 'number'
      ? count.includes(operands.length)
      : count >= 0
        ? operands.length === count
        : operands.length <= 1;
  if (!fits) {
    throw new UsageError(
      count === 0 && operands.length > 0
        ? `Unexpected argument ${shown(operands[0] ?? '')}. ${problem}`
        : problem,
      [`See tenant-mode ${command.name ? `${command.name} ` : ''}--help.`],
    );
  }
  return command.run({values: values as CommandInput['values'], operands}, io, context);
}

function notItsFlag(flag: string, command: CommandDeclaration): UsageError {
  const where = command.name === '' ? 'the wizard' : `tenant-mode ${command.name}`;
  const guess = closest(flag, command.flags);
  const takers = commands
    .filter((each) => each.flags.includes(flag))
    .map((each) => each.name || 'the wizard');
  return new UsageError(
    `--${flag} is not a flag of ${where}.${guess ? ` Did you mean --${guess}?` : ''}` +
      (takers.length > 0 && !guess ? ` It is one of ${takers.join(', ')}.` : ''),
    [`See tenant-mode ${command.name ? `${command.name} ` : ''}--help.`],
  );
}

/** The flags, refusing unknown ones, missing values and a flag given twice (parseArgs would keep the last). */
const options = Object.fromEntries(
  Object.entries(flags).map(([name, flag]) => [
    name,
    {
      type: flag.type,
      ...('short' in flag ? {short: flag.short} : {}),
      ...('multiple' in flag ? {multiple: flag.multiple} : {}),
    },
  ]),
) as Record<FlagName, {type: 'string' | 'boolean'; short?: string; multiple?: boolean}>;

function parse(argv: readonly string[]) {
  let parsed: ReturnType<
    typeof parseArgs<{options: typeof options; allowPositionals: true; strict: true; tokens: true}>
  >;
  try {
    parsed = parseArgs({options, allowPositionals: true, strict: true, tokens: true, args: [...argv]});
  } catch (error) {
    const named = commandIn(argv);
    throw new UsageError(parseProblem(error as Error & {code?: string}, argv), [
      `See tenant-mode ${named ? `${named.name} ` : ''}--help.`,
    ]);
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    const flag = flags[token.name as FlagName] as {multiple?: boolean};
    if (seen.has(token.name) && !flag.multiple) {
      throw new UsageError(`--${token.name} is given twice; give it once.`);
    }
    seen.add(token.name);
  }
  return parsed;
}

function parseProblem(error: Error & {code?: string}, argv: readonly string[]): string {
  // Node names a flag as `'--url'`, or `'-h, --help'` for one with a short form: the long form is said.
  const flag = /'(?:-\w, )?(--?[^' ,]+)/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const guess = flag.startsWith('--')
        ? closest(flag.slice(2).split('=')[0] ?? '', flagsNear(argv))
        : undefined;
      return `Unknown flag ${flag}.${guess ? ` Did you mean --${guess}?` : ''}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      // "argument missing" at the end; "ambiguous" when the next word is a flag (`--url --client-id X`).
      return /argument missing|ambiguous/.test(error.message)
        ? `${flag} needs a value.`
        : `${flag} takes no value.`;
    default:
      return error.message;
  }
}

/** The command argv names, as far as words that failed to parse tell (the first word that is one). */
function commandIn(argv: readonly string[]): CommandDeclaration | undefined {
  const word = argv.find((each) => commands.some((command) => command.name !== '' && command.name === each));
  return commands.find((command) => command.name === word);
}

/** The flags of the command named in argv, or all of them. */
function flagsNear(argv: readonly string[]): readonly string[] {
  const named = commandIn(argv);
  return named ? [...named.flags, ...everywhere] : Object.keys(flags);
}
