import {describe, expect, it} from 'vitest';
import {applyInput, type LineState} from '../source/wizard/line-editing.js';

/** Feeds input events one after another; `|` in the expected text marks the cursor. */
function edit(start: string, ...events: string[]): string {
  const cursor = start.indexOf('|');
  let state: LineState = {value: start.replace('|', ''), cursor: cursor < 0 ? start.length : cursor};
  for (const event of events) state = applyInput(state, event).state;
  return `${state.value.slice(0, state.cursor)}|${state.value.slice(state.cursor)}`;
}

describe('line editing with a shell’s keys', () => {
  it.each([
    ['typing inserts at the cursor', 'Ac|', ['me'], 'Acme|'],
    ['← and → move by one', 'Acme|', ['\u001b[D', '\u001b[D', 'X', '\u001b[C'], 'AcXm|e'],
    ['Home and End (xterm, VT, SS3)', 'Acme |Corp', ['\u001b[H'], '|Acme Corp'],
    ['End as ESC [ F', '|Acme Corp', ['\u001b[F'], 'Acme Corp|'],
    ['Home as ESC [ 1 ~, End as ESC O F', 'Acme| Corp', ['\u001b[1~', 'x', '\u001bOF'], 'xAcme Corp|'],
    ['Ctrl+A and Ctrl+E', 'Acme |Corp', ['\u0001', '>', '\u0005', '<'], '>Acme Corp<|'],
    ['Ctrl+U clears to the start', 'secret-one|', ['\u0015'], '|'],
    ['Ctrl+U keeps what is after the cursor', 'Acme |Corp', ['\u0015'], '|Corp'],
    ['Ctrl+K clears to the end', 'Acme |Corp', ['\u000b'], 'Acme |'],
    ['Ctrl+W deletes the word before', 'Acme Corp  |', ['\u0017'], 'Acme |'],
    ['Alt+Backspace deletes the word before', 'Acme Corp|', ['\u001b\u007f'], 'Acme |'],
    ['Alt+B and Alt+F move by words', 'Acme Corp Ltd|', ['\u001bb', '\u001bb', '\u001bf'], 'Acme Corp| Ltd'],
    ['Alt+← and Alt+→ (xterm) move by words', 'Acme Corp|', ['\u001b[1;3D', '\u001b[1;3C'], 'Acme Corp|'],
    ['Ctrl+← moves by words', 'Acme Corp|', ['\u001b[1;5D'], 'Acme |Corp'],
    ['Backspace (DEL) deletes before the cursor', 'Acme| Corp', ['\u007f'], 'Acm| Corp'],
    ['Delete (ESC [ 3 ~) deletes at the cursor', 'Acme| Corp', ['\u001b[3~'], 'Acme|Corp'],
    ['Ctrl+D deletes at the cursor', '|Acme', ['\u0004'], '|cme'],
    ['Alt+D deletes the word after', 'Acme |Corp Ltd', ['\u001bd'], 'Acme | Ltd'],
    [
      'Esc, ↑, ↓, Tab and Ctrl+C change nothing',
      'Acme|',
      ['\u001b', '\u001b[A', '\u001b[B', '\t', '\u0003'],
      'Acme|',
    ],
    ['a paste with control characters in it takes each one in order', '|', ['ab\u0015cd'], 'cd|'],
    ['C1 controls in a paste are not inserted', '|', ['a\u009bb'], 'ab|'],
  ])('%s', (_what, start, events, expected) => {
    expect(edit(start, ...events)).toBe(expected);
  });

  it('Enter submits the value made by every key before it, in the same chunk too; what follows is dropped', () => {
    const result = applyInput({value: '', cursor: 0}, 'Acme Corp\rtrailing');
    expect(result).toEqual({state: {value: 'Acme Corp', cursor: 9}, submitted: true});
    expect(applyInput({value: 'Acme', cursor: 4}, '\n').submitted).toBe(true);
  });
});
