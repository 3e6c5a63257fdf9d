// `tenant-mode completion bash`: bash's completion script, derived from the command declarations, so that every
// command and flag completes as declared (test/completion.test.ts sources it in bash).
import type {CommandDeclaration} from './declaration.js';
import {everywhere, type FlagName, flags} from './flags.js';

export function bashCompletion(commands: readonly CommandDeclaration[]): string {
  const named = commands.filter((command) => command.name !== '');
  const all = Object.keys(flags) as FlagName[];
  const takingValue = all.filter((name) => flags[name].type === 'string');
  const flagWords = (command: CommandDeclaration) =>
    [...command.flags, ...everywhere].map((name) => `--${name}`).join(' ');
  const valueCases = all
    .filter((name) => flags[name].type === 'string')
    .map((name) => {
      const completes = (flags[name] as {completes?: 'file' | readonly string[]}).completes;
      const reply =
        completes === 'file'
          ? '_tenant_mode_files'
          : completes
            ? `COMPREPLY=($(compgen -W '${completes.join(' ')}' -- "$cur"))`
            : 'COMPREPLY=()';
      return `    --${name}) ${reply}; return ;;`;
    });
  const flagCases = commands.map((command) => `    '${command.name}') flags='${flagWords(command)}' ;;`);
  const operandCases = named
    .filter(
      (command) => command.operands.completes === 'file' || ['help', 'completion'].includes(command.name),
    )
    .map((command) => {
      const reply =
        command.operands.completes === 'file'
          ? '_tenant_mode_files'
          : command.name === 'help'
            ? `COMPREPLY=($(compgen -W '${named.map((each) => each.name).join(' ')}' -- "$cur"))`
            : `COMPREPLY=($(compgen -W 'bash' -- "$cur"))`;
      return `    ${command.name}) ${reply} ;;`;
    });
  return `# bash completion for tenant-mode: eval "$(tenant-mode completion bash)" in ~/.bashrc
_tenant_mode_files() {
  compopt -o filenames 2>/dev/null
  COMPREPLY=($(compgen -f -- "$cur"))
}
_tenant_mode() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" command='' flags i
  # The command is the first word that is neither a flag nor a flag's value.
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      ${takingValue.map((name) => `--${name}`).join('|')}) ((i++)) ;;
      -*) ;;
      *) command="\${COMP_WORDS[i]}"; break ;;
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
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
    return
  fi
  case "$command" in
    '') COMPREPLY=($(compgen -W '${named.map((command) => command.name).join(' ')}' -- "$cur")) ;;
${operandCases.join('\n')}
  esac
}
complete -F _tenant_mode tenant-mode
`;
}
