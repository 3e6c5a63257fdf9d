// One line of text edited as a shell edits it (readline/Emacs keys), as a pure function of the raw input: the
// text field feeds it every input event as the terminal sent it, so that a paste, fast typing over SSH and the
// keys people's hands know (Ctrl+U, Ctrl+W, Alt+B…) all count, in order, and Enter submits the value that
// includes every key before it.

export interface LineState {
  readonly value: string;
  /** Index in `value` (UTF-16), 0 to value.length. */
  readonly cursor: number;
}

export interface LineResult {
  readonly state: LineState;
  /** Enter (or a line break in a paste) was met: submit `state.value`; what followed it is dropped. */
  readonly submitted: boolean;
}

type Edit = (state: LineState) => LineState;

const left: Edit = ({value, cursor}) => ({value, cursor: Math.max(0, cursor - 1)});
const right: Edit = ({value, cursor}) => ({value, cursor: Math.min(value.length, cursor + 1)});
const home: Edit = ({value}) => ({value, cursor: 0});
const end: Edit = ({value}) => ({value, cursor: value.length});
const backspace: Edit = ({value, cursor}) =>
  cursor === 0
    ? {value, cursor}
    : {value: value.slice(0, cursor - 1) + value.slice(cursor), cursor: cursor - 1};
const deleteForward: Edit = ({value, cursor}) => ({
  value: value.slice(0, cursor) + value.slice(cursor + 1),
  cursor,
});
const killToStart: Edit = ({value, cursor}) => ({value: value.slice(cursor), cursor: 0});
const killToEnd: Edit = ({value, cursor}) => ({value: value.slice(0, cursor), cursor});

/** Where the word before the cursor starts (spaces skipped first), as readline's backward-word. */
function wordStart(value: string, cursor: number): number {
  let index = cursor;
  while (index > 0 && /\s/.test(value[index - 1] ?? '')) index--;
  while (index > 0 && !/\s/.test(value[index - 1] ?? '')) index--;
  return index;
}

function wordEnd(value: string, cursor: number): number {
  let index = cursor;
  while (index < value.length && /\s/.test(value[index] ?? '')) index++;
  while (index < value.length && !/\s/.test(value[index] ?? '')) index++;
  return index;
}

const wordLeft: Edit = ({value, cursor}) => ({value, cursor: wordStart(value, cursor)});
const wordRight: Edit = ({value, cursor}) => ({value, cursor: wordEnd(value, cursor)});
const killWordBack: Edit = ({value, cursor}) => {
  const start = wordStart(value, cursor);
  return {value: value.slice(0, start) + value.slice(cursor), cursor: start};
};
const killWordForward: Edit = ({value, cursor}) => ({
  value: value.slice(0, cursor) + value.slice(wordEnd(value, cursor)),
  cursor,
});

/** Escape sequences, as terminals send them (xterm, VT, rxvt, and Alt as an ESC prefix). */
const sequences: Record<string, Edit> = {
  '\u001b[D': left,
  '\u001bOD': left,
  '\u001b[C': right,
  '\u001bOC': right,
  '\u001b[H': home,
  '\u001bOH': home,
  '\u001b[1~': home,
  '\u001b[7~': home,
  '\u001b[F': end,
  '\u001bOF': end,
  '\u001b[4~': end,
  '\u001b[8~': end,
  '\u001b[3~': deleteForward,
  // Alt (or Ctrl) with ←/→, and Alt+B / Alt+F: a word at a time.
  '\u001b[1;3D': wordLeft,
  '\u001b[1;5D': wordLeft,
  '\u001b[1;9D': wordLeft,
  '\u001bb': wordLeft,
  '\u001bB': wordLeft,
  '\u001b[1;3C': wordRight,
  '\u001b[1;5C': wordRight,
  '\u001b[1;9C': wordRight,
  '\u001bf': wordRight,
  '\u001bF': wordRight,
  // Alt+Backspace, Alt+D.
  '\u001b\u007f': killWordBack,
  '\u001b\b': killWordBack,
  '\u001bd': killWordForward,
};

/** Control characters, as readline reads them (Emacs mode). */
const controls: Record<string, Edit> = {
  '\u0001': home, // Ctrl+A
  '\u0002': left, // Ctrl+B
  '\u0004': deleteForward, // Ctrl+D
  '\u0005': end, // Ctrl+E
  '\u0006': right, // Ctrl+F
  '\b': backspace, // Ctrl+H
  '\u000b': killToEnd, // Ctrl+K
  '\u0015': killToStart, // Ctrl+U
  '\u0017': killWordBack, // Ctrl+W
  '\u007f': backspace, // the Backspace key on most terminals
};

/**
 * Applies one input event (as Ink's input parser splits them: one escape sequence, or a run of other characters)
 * to the line. Keys it does not edit with (Esc alone, ↑/↓, Tab, Ctrl+C, other escape sequences) change nothing:
 * the screen around the field handles them.
 */
export function applyInput(state: LineState, raw: string): LineResult {
  if (raw.startsWith('\u001b')) {
    const edit = sequences[raw];
    return {state: edit ? edit(state) : state, submitted: false};
  }
  let current = state;
  for (const character of raw) {
    if (character === '\r' || character === '\n') return {state: current, submitted: true};
    const edit = controls[character];
    if (edit) current = edit(current);
    else if (character >= ' ' && !/[\u0080-\u009f]/.test(character)) {
      current = {
        value: current.value.slice(0, current.cursor) + character + current.value.slice(current.cursor),
        cursor: current.cursor + character.length,
      };
    }
  }
  return {state: current, submitted: false};
}
