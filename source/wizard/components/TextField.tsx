import {Box, Text} from 'ink';
import {useRef, useState} from 'react';
import stringWidth from 'string-width';
import {useKeys} from '../key-router.js';
import {useLayout} from '../layout.js';
import {applyInput, type LineState} from '../line-editing.js';
import {theme} from '../theme.js';
import {Flagged} from './Flagged.js';

export interface TextFieldProps {
  readonly label: string;
  readonly defaultValue?: string;
  /** Shown as `*` while typed; the value is never echoed. */
  readonly mask?: boolean;
  readonly placeholder?: string;
  /** Returns an error message for a value that cannot be submitted. */
  readonly validate?: (value: string) => string | undefined;
  readonly onSubmit: (value: string) => void;
  /** Told when the value is edited (the screen hides an error about the value submitted before). */
  readonly onEdit?: () => void;
  /** @default true */
  readonly isActive?: boolean;
}

/**
 * A labelled one-line input with a shell's editing keys (line-editing.ts); an invalid value shows its error under
 * it until the next keystroke. The value lives in a ref as well as in state: Enter submits what every key before it
 * made, even when they came faster than a render (a paste with its line break, fast typing over SSH).
 */
export function TextField({
  label,
  defaultValue = '',
  mask,
  placeholder,
  validate,
  onSubmit,
  onEdit,
  isActive = true,
}: TextFieldProps) {
  const line = useRef<LineState>({value: defaultValue, cursor: defaultValue.length});
  const [shown, setShown] = useState(line.current);
  // The value refused, not its message: the message is worded again at each render, so that it fits the terminal
  // as it is now (a message worded for 80 columns pushed the title off after a resize to 40).
  const [refused, setRefused] = useState<string>();
  const error = refused === undefined ? undefined : validate?.(refused);
  useKeys((raw) => {
    const {state, submitted} = applyInput(line.current, raw);
    if (state !== line.current) setRefused(undefined);
    if (state.value !== line.current.value) onEdit?.();
    line.current = state;
    setShown(state);
    if (!submitted) return;
    const problem = validate?.(state.value);
    if (problem) setRefused(state.value);
    else onSubmit(state.value);
  }, isActive);

  const {columns} = useLayout();
  const text = mask ? '*'.repeat(shown.value.length) : shown.value;
  // One line, whatever is typed or pasted: a value longer than the room beside the label is shown as a window
  // that keeps the cursor in view, its cut ends marked "…" (a pasted page once grew the field over the title).
  const {start, end} = windowAround(text, shown.cursor, Math.max(10, columns - stringWidth(label) - 2));
  const before = (start > 0 ? '…' : '') + text.slice(start, shown.cursor);
  const atCursor = text.slice(shown.cursor, shown.cursor + 1) || ' ';
  const after = text.slice(shown.cursor + 1, end) + (end < text.length ? '…' : '');
  return (
    <Box flexDirection="column">
      <Box>
        <Text>{label} </Text>
        {text === '' && placeholder && !isActive ? (
          <Text color={theme.muted}>{placeholder}</Text>
        ) : (
          <Text>
            {before}
            {isActive ? cursorCell(atCursor) : atCursor === ' ' ? '' : atCursor}
            {after}
            {text === '' && placeholder ? <Text color={theme.muted}>{placeholder}</Text> : null}
          </Text>
        )}
      </Box>
      {error ? (
        <Flagged symbol="✘" tone="error">
          {error}
        </Flagged>
      ) : null}
    </Box>
  );
}

/**
 * The part of `text` shown in `room` cells: all of it when it fits, else a window with the cursor in it and a cell
 * kept for each "…". Measured as Ink measures (string-width: a CJK character or an emoji takes two cells), and cut
 * between characters only.
 */
export function windowAround(text: string, cursor: number, room: number): {start: number; end: number} {
  if (stringWidth(text) < room) return {start: 0, end: text.length};
  const width = room - 2;
  const characters = [...text];
  // UTF-16 offset of each character, and the character the cursor is on.
  const offsets: number[] = [];
  let offset = 0;
  for (const character of characters) {
    offsets.push(offset);
    offset += character.length;
  }
  offsets.push(offset);
  const at = offsets.findIndex((value) => value >= cursor);
  const cursorIndex = at === -1 ? characters.length : at;
  // From the cursor leftwards while the cells last (the cursor's own cell counted), then rightwards with the rest.
  let used = 1;
  let first = cursorIndex;
  while (first > 0 && used + stringWidth(characters[first - 1] ?? '') <= width) {
    first -= 1;
    used += stringWidth(characters[first] ?? '');
  }
  let last = Math.min(characters.length, cursorIndex + 1);
  while (last < characters.length && used + stringWidth(characters[last] ?? '') <= width) {
    used += stringWidth(characters[last] ?? '');
    last += 1;
  }
  return {start: offsets[first] ?? 0, end: offsets[last] ?? text.length};
}

/**
 * The character under the cursor in inverse video, written as the escape codes themselves: Ink drops a trailing
 * space, and with it a styled one (the cursor at the end of the line, where it mostly is), and chalk drops inverse
 * with the colours. Inverse is not a colour: the cursor stays visible with NO_COLOR (no-color.org).
 */
export function cursorCell(character: string): string {
  return `${inverseOn}${character}${inverseOff}`;
}

export const inverseOn = '\u001b[7m';
export const inverseOff = '\u001b[27m';
