// A terminal sends what arrives at once as one input event: a paste, fast typing over SSH, a terminal that sends
// Enter with the text. Ink 6.8 cuts escape sequences out of it (ink/build/input-parser.js) but leaves the rest one
// string: "acm\u0003", "\r\r", "\tFabrikam Stores\r". The wizard splits every event into keys and handles them in
// order, each as if typed alone.

const esc = '\u001b';

/**
 * The keys of one input event, in order: each escape sequence whole (`ESC [ … final`, `ESC O x`, or ESC and one
 * character), each control character alone (Enter, Tab, Backspace, Ctrl+C …; CR LF is one Enter), and each run of
 * other characters as one key, so that a pasted name goes into a field whole.
 */
export function splitKeys(raw: string): string[] {
  const keys: string[] = [];
  let text = '';
  const flushText = () => {
    if (text !== '') keys.push(text);
    text = '';
  };
  for (let index = 0; index < raw.length; ) {
    const character = raw[index] as string;
    if (character === esc) {
      flushText();
      const end = escapeSequenceEnd(raw, index);
      keys.push(raw.slice(index, end));
      index = end;
      continue;
    }
    const code = character.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) {
      flushText();
      keys.push(character);
      // CR LF (a terminal's or a paste's line end) is one Enter.
      index += character === '\r' && raw[index + 1] === '\n' ? 2 : 1;
      continue;
    }
    text += character;
    index += 1;
  }
  flushText();
  return keys;
}

/** Where the escape sequence that starts at `start` ends (exclusive). */
function escapeSequenceEnd(raw: string, start: number): number {
  const kind = raw[start + 1];
  if (kind === undefined) return start + 1;
  if (kind === '[') {
    for (let index = start + 2; index < raw.length; index++) {
      const code = raw.charCodeAt(index);
      if (code >= 0x40 && code <= 0x7e && !(code === 0x5b && index === start + 2)) return index + 1;
    }
    return raw.length;
  }
  if (kind === 'O') return Math.min(start + 3, raw.length);
  // ESC and one character (Alt+key), or ESC ESC: a lone Esc, then the next.
  return kind === esc ? start + 1 : start + 2;
}
