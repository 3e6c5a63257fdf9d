import {Box, Text, useIsScreenReaderEnabled} from 'ink';
import {useRef, useState} from 'react';
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
  const [error, setError] = useState<string>();
  useKeys((raw) => {
    const {state, submitted} = applyInput(line.current, raw);
    if (state !== line.current) setError(undefined);
    if (state.value !== line.current.value) onEdit?.();
    line.current = state;
    setShown(state);
    if (!submitted) return;
    const problem = validate?.(state.value);
    if (problem) setError(problem);
    else onSubmit(state.value);
  }, isActive);

  const screenReader = useIsScreenReaderEnabled();
  const {columns} = useLayout();
  const text = mask ? '*'.repeat(shown.value.length) : shown.value;
  // One line, whatever is typed or pasted: a value longer than the room beside the label is shown as a window
  // that keeps the cursor in view, its cut ends marked "…" (a pasted page once grew the field over the title).
  const {start, end} = windowAround(text, shown.cursor, Math.max(10, columns - label.length - 2));
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
            {isActive && !screenReader ? cursorCell(atCursor) : atCursor === ' ' ? '' : atCursor}
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
 * The part of `text` shown in `room` cells (UTF-16 units, close enough for a field): all of it when it fits, else a
 * window with the cursor in it and a cell kept for each "…"; never cut inside a surrogate pair.
 */
export function windowAround(text: string, cursor: number, room: number): {start: number; end: number} {
  if (text.length < room) return {start: 0, end: text.length};
  const width = room - 2;
  let start = Math.max(0, cursor - width + 1);
  let end = Math.min(text.length, start + width);
  start = Math.max(0, end - width);
  if (/[\uDC00-\uDFFF]/.test(text.charAt(start))) start += 1;
  if (/[\uDC00-\uDFFF]/.test(text.charAt(end))) end -= 1;
  return {start, end};
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
