// The help texts, derived from the command declarations (commands/catalogue/): the tool's, and one per command
// with its flags and examples (gh's style). Plain text, no colours, wrapped to the terminal (80 columns otherwise).
import {credentialsPath, LocalFilesError} from '../procedure/about.js';
import {toolExitCodes} from './catalogue/exit-codes.js';
import {UsageError} from './command-error.js';
import type {CommandDeclaration} from './declaration.js';
import {everywhere, type FlagName, flags} from './flags.js';
import type {CommandIo} from './io.js';
import {shown} from './shown.js';
import {closest} from './suggest.js';

/** The width help is wrapped to: the terminal's, within 40 to 100 columns; 80 into a pipe or a file. */
export function helpWidth(io: Pick<CommandIo, 'stdout'>): number {
  const columns = io.stdout.isTTY ? io.stdout.columns : undefined;
  return columns ? Math.max(40, Math.min(100, columns)) : 80;
}

/** `tenant-mode help [COMMAND]`. */
export function helpFor(
  name: string | undefined,
  io: CommandIo,
  commands: readonly CommandDeclaration[],
): number {
  const width = helpWidth(io);
  if (name === undefined) {
    io.stdout.write(toolHelp(commands, width));
    return 0;
  }
  const command = commands.find((each) => each.name !== '' && each.name === name);
  if (!command) throw unknownCommand(name, commands);
  io.stdout.write(commandHelp(command, width));
  return 0;
}

export function unknownCommand(name: string, commands: readonly CommandDeclaration[]): UsageError {
  const guess = closest(
    name,
    commands.map((command) => command.name).filter((each) => each !== ''),
  );
  return new UsageError(
    `Unknown command ${shown(name)}.${guess ? ` Did you mean "${guess}"?` : ''} See tenant-mode --help.`,
  );
}

export function toolHelp(commands: readonly CommandDeclaration[], width: number): string {
  const wizard = commands.find((command) => command.name === '');
  const rows: [string, string][] = [
    ['$ tenant-mode', wizard?.summary ?? ''],
    ['$ tenant-mode --sandbox', 'the wizard with the embedded sandbox started (no account needed)'],
    ...commands
      .filter((command) => command.name !== '')
      .map((command): [string, string] => [`$ tenant-mode ${command.synopsis}`, command.summary]),
  ];
  const options = [...(wizard?.flags ?? []), 'json', ...everywhere] as FlagName[];
  return [
    paragraph(wizard?.title ?? '', width),
    '',
    'Usage',
    table(rows, width),
    '',
    'Options',
    flagLines(options, width, {
      json: 'status, list, switch, plan, apply, audit: one JSON document on stdout',
    }),
    '',
    'Saved credentials and the audit log',
    `  ${savedPath()}`,
    paragraph('(readable by you only; TENANT_MODE_CONFIG_DIR moves the folder)', width, '  '),
    '',
    'Exit codes',
    table(toolExitCodes, width),
    '',
    'More: docs/ beside readme.md, or tenant-mode help <command>.',
    '',
  ].join('\n');
}

export function commandHelp(command: CommandDeclaration, width: number): string {
  const usage = wrap(`$ tenant-mode ${command.usage}`, width - 2).map(
    (line, index) => (index ? '      ' : '  ') + line,
  );
  const sections = [paragraph(command.title, width), '', 'Usage', ...usage];
  for (const about of command.about ?? []) sections.push('', paragraph(about, width));
  if (command.flags.length > 0) {
    sections.push('', 'Flags', flagLines(command.flags as FlagName[], width, command.flagHelp));
  }
  if (command.examples.length > 0) sections.push('', 'Examples', ...command.examples.map(exampleLines));
  if (command.exitCodes) sections.push('', 'Exit codes', table(command.exitCodes, width));
  return `${sections.join('\n')}\n`;
}

/** An example as typed: `$ ` before a command, a continuation line indented, a comment or crontab line as is. */
function exampleLines(example: string): string {
  const lines = example.split('\n');
  if (lines[0]?.startsWith('#')) return lines.map((line) => `  ${line}`).join('\n');
  return lines.map((line, index) => (index === 0 ? `  $ ${line}` : `  ${line}`)).join('\n');
}

function flagLines(
  names: readonly FlagName[],
  width: number,
  override: Partial<Record<FlagName, string>> = {},
) {
  return table(
    names.map((name): [string, string] => {
      const flag: {short?: string; value?: string; help: string} = flags[name];
      const left = `${flag.short ? `-${flag.short}, ` : ''}--${name}${flag.value ? ` ${flag.value}` : ''}`;
      return [left, override[name] ?? flag.help];
    }),
    width,
  );
}

/**
 * Two columns: the left as is, the right wrapped under itself; a left too wide puts the right on the next line,
 * and so does every row when the terminal leaves the right column fewer than 30 columns.
 */
function table(rows: readonly (readonly [string, string])[], width: number): string {
  const longest = Math.max(...rows.map(([left]) => left.length));
  const side = Math.min(longest, Math.floor(width * 0.45)) + 4;
  const column = width - side >= 30 ? side : 6;
  return rows
    .map(([left, right]) => {
      const head = `  ${left}`;
      const body = wrap(right, width - column);
      const indent = ' '.repeat(column);
      if (head.length + 2 > column) return [head, ...body.map((line) => indent + line)].join('\n');
      return [head.padEnd(column) + (body[0] ?? ''), ...body.slice(1).map((line) => indent + line)].join(
        '\n',
      );
    })
    .join('\n');
}

function paragraph(text: string, width: number, indent = ''): string {
  return wrap(text, width - indent.length)
    .map((line) => indent + line)
    .join('\n');
}

/** Words into lines of at most `width` columns (a longer word stays whole, on its own line). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return [...lines, line];
}

/** Where --help says the credentials are: a relative HOME is said there rather than failing the help. */
function savedPath(): string {
  try {
    return credentialsPath();
  } catch (error) {
    return error instanceof LocalFilesError ? `(none: ${error.message})` : String(error);
  }
}
