// `tenant-mode completion bash`: bash's completion script, derived from the command declarations, so that every
// command and flag completes as declared (test/commands-declared.test.ts sources it in bash).
import type {CommandDeclaration} from './declaration.js';
import {everywhere, type FlagName, flags} from './flags.js';

export function bashCompletion(commands: readonly CommandDeclaration[]): string {
  const named = commands.filter((command) => command.name !== '');
  const all = Object.keys(flags) as FlagName[];
  const takingValue = all.filter((name) => flags[name].type === 'string');
  const flagWords = (command: CommandDeclaration) =>
    [...command.flags, ...everywhere].map((name) => `--${name}`).join(' ');
  const valueCases = takingValue.map((name) => {
    const completes = (flags[name] as {completes?: 'file' | readonly string[]}).completes;
    const reply =
      completes === 'file'
        ? '_tenant_mode_files'
        : completes
          ? `_tenant_mode_words '${completes.join(' ')}'`
          : 'COMPREPLY=()';
    return `    --${name}) ${reply}; return ;;`;
  });
  const flagCases = commands.map((command) => `    '${command.name}') flags='${flagWords(command)}' ;;`);
  // How many operands each command takes (-1: at most one, as `help`'s), and what completes them.
  const operandCases = named.map((command) => {
    const {count} = command.operands;
    const most = typeof count !== 'number' ? Math.max(...count) : count < 0 ? 1 : count;
    const reply =
      command.operands.completes === 'file'
        ? '_tenant_mode_files'
        : command.name === 'help'
          ? `_tenant_mode_words '${named.map((each) => each.name).join(' ')}'`
          : command.name === 'completion'
            ? `_tenant_mode_words 'bash'`
            : 'COMPREPLY=()';
    return `    ${command.name}) ((operands < ${most})) && ${reply} ;;`;
  });
  return `# bash completion for tenant-mode: eval "$(tenant-mode completion bash)" in ~/.bashrc
_tenant_mode_words() {
  mapfile -t COMPREPLY < <(compgen -W "$1" -- "$cur")
}
_tenant_mode_files() {
  # One name a line, never split at spaces nor taken for a pattern.
  compopt -o filenames 2>/dev/null
  mapfile -t COMPREPLY < <(compgen -f -- "$cur")
}
_tenant_mode() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" command='' flags i operands=0 word
  # --flag=value: bash splits it at "=" into three words; the value's flag is the word before the "=".
  if [[ "$cur" == "=" ]]; then prev="\${COMP_WORDS[COMP_CWORD-1]}"; cur=''
  elif [[ "$prev" == "=" ]]; then prev="\${COMP_WORDS[COMP_CWORD-2]}"
  fi
  # The command is the first word that is neither a flag nor a flag's value; the words after it are its operands.
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    [[ "\${COMP_WORDS[i+1]}" == "=" ]] && { ((i += 2)); continue; }
    case "$word" in
      ${takingValue.map((name) => `--${name}`).join('|')}) ((i++)) ;;
      -*) ;;
      *) if [[ -z "$command" ]]; then command="$word"; else ((operands++)); fi ;;
    esac
  done
  case "$prev" in
${valueCases.join('\n')}
  esac
  case "$command" in
${flagCases.join('\n')}
    *) return ;;
  esac
  if [[ "$cur" == -* ]]; then
    _tenant_mode_words "$flags"
    return
  fi
  case "$command" in
    '') _tenant_mode_words '${named.map((command) => command.name).join(' ')}' ;;
${operandCases.join('\n')}
  esac
}
complete -F _tenant_mode tenant-mode
`;
}
