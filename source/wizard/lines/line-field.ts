import stringWidth from 'string-width';
import {withoutHidden} from '../../procedure/index.js';

// The line mode's field: what is typed is echoed as it comes, and never redrawn (a screen reader reads each
// character once). Editing happens at the end of the line only, as a terminal's own line discipline does it:
// Backspace (Ctrl+H), Ctrl+W (a word) and Ctrl+U (the line) rub out with backspace-space-backspace, which is
// what the kernel echoes for them too. Keys that move a cursor are not taken: nothing could show where it is.

export interface FieldEdit {
  /** The value after the key. */
  readonly value: string;
  /** What to write to the terminal for it: the characters typed, or the rub-outs (nothing for a masked field). */
  readonly echo: string;
  /** Enter (or a line break in a paste) was met. */
  readonly submitted: boolean;
}

/** Rubs out these characters: one backspace-space-backspace a column (a wide character takes two). */
const rubOut = (characters: readonly string[]) => '\b \b'.repeat(stringWidth(characters.join('')));

/** The characters of a value (code points), so that a rub-out never splits one. */
const charactersOf = (value: string) => Array.from(value);

/** Applies one key (key-burst.ts splits input into keys: a run of text, or one control character). */
export function editField(value: string, key: string, masked: boolean): FieldEdit {
  const shown = (echo: string) => (masked ? '' : echo);
  if (key === '\r' || key === '\n') return {value, echo: '', submitted: true};
  if (key === '\u007f' || key === '\b') {
    const characters = charactersOf(value);
    if (characters.length === 0) return {value, echo: '', submitted: false};
    return {
      value: characters.slice(0, -1).join(''),
      echo: shown(rubOut(characters.slice(-1))),
      submitted: false,
    };
  }
  if (key === '\u0015') {
    return {value: '', echo: shown(rubOut(charactersOf(value))), submitted: false};
  }
  if (key === '\u0017') {
    const kept = value.replace(/\S*\s*$/u, '');
    return {
      value: kept,
      echo: shown(rubOut(charactersOf(value).slice(charactersOf(kept).length))),
      submitted: false,
    };
  }
  // Text: its printable characters (a paste may carry others: no control, direction-changing or invisible character
  // is echoed or kept; text/printable.ts).
  const text = key.startsWith('\u001b') ? '' : withoutHidden(key);
  return {value: value + text, echo: shown(text), submitted: false};
}
