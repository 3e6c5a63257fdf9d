// Everything the platform sends is data, never terminal control. Text from the platform (names, error messages,
// codes, an HTML page's title, an unknown mode) reaches a terminal only through `printable` (one-line fields) or
// `printableLines` (our own multi-line text with platform values in it); JSON that is printed or written to the
// audit log goes through `jsonText`. What they escape:
// - C0 and C1 control characters and DEL (ESC starts every terminal sequence; U+009B is a one-byte CSI);
// - bidirectional overrides and isolates, U+202A–202E and U+2066–2069, which reorder what the eye reads;
// - zero-width characters, U+200B–200F, U+2060 and U+FEFF, which hide differences between two names;
// - the line and paragraph separators U+2028 and U+2029, which many programs (and screen readers) break lines at.

// The character classes, written once; each regular expression below is built from them.
const controls = '\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f';
const lineFeed = '\\u000a';
const invisible = '\\u200b-\\u200f\\u2028-\\u202e\\u2060\\u2066-\\u2069\\ufeff';
const hidden = new RegExp(`[${controls}${lineFeed}${invisible}]`, 'g');
const hiddenButLineFeed = new RegExp(`[${controls}${invisible}]`, 'g');
// JSON.stringify already escapes U+0000–001F; these it leaves raw.
const jsonHidden = new RegExp(`[\\u007f-\\u009f${invisible}]`, 'g');
const invisibleOrReordering = new RegExp(`[${controls}${lineFeed}${invisible}]`);

const asEscape = (character: string) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Any value as text, never throwing: a value the platform or a file sent may be an object whose `toString` is no
 * function (`{"toString": 1}` makes String() throw), so what is not a string is written as JSON.
 */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
    return String(value);
  }
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

/** A one-line field: every hidden character as a visible `\uXXXX` escape, a line break as `⏎`. */
export function printable(text: unknown): string {
  return asText(text).replace(hidden, (character) =>
    character === '\n' || character === '\r' ? '⏎' : asEscape(character),
  );
}

/** Text of several lines: line feeds stay, every other hidden character becomes a visible `\uXXXX` escape. */
export function printableLines(text: unknown): string {
  return asText(text).replace(hiddenButLineFeed, asEscape);
}

/** JSON as it is printed or logged: still the same data, with every hidden character written as a `\u` escape. */
export function jsonText(value: unknown, indent?: number): string {
  return (JSON.stringify(value, null, indent) ?? 'null').replace(jsonHidden, asEscape);
}

/** True when the text holds characters that are invisible or change the reading order (the confirm step warns). */
export function hasHiddenCharacters(text: string): boolean {
  return invisibleOrReordering.test(text);
}

/** What an error says, whatever was thrown (a string, an object whose `message` is no string). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : asText(error);
}

/** What is typed, without the characters `printable` would show as escapes: what a field keeps and echoes. */
export function withoutHidden(text: string): string {
  return text.replace(hidden, '');
}
