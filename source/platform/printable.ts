// Tenant names come from the platform and may hold anything: a control character or an ANSI escape in a name must
// be shown, not obeyed by the operator's terminal.

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/g;

/** The text with every control character replaced by a visible `\uXXXX` escape. */
export function printable(text: string): string {
  return text.replace(
    controlCharacters,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
