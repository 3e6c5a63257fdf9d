import {describe, expect, it} from 'vitest';
import {splitKeys} from '../source/wizard/key-burst.js';

describe('one input event, split into keys', () => {
  it.each([
    ['acm\u0003', ['acm', '\u0003']],
    ['\u0003\u0003', ['\u0003', '\u0003']],
    ['\r\r', ['\r', '\r']],
    ['\tFabrikam Stores\r', ['\t', 'Fabrikam Stores', '\r']],
    ['Acme Corp\r\n', ['Acme Corp', '\r']],
    ['\u001b[B\u001b[B\r', ['\u001b[B', '\u001b[B', '\r']],
    ['\u001bOA', ['\u001bOA']],
    ['\u001b\u001b', ['\u001b', '\u001b']],
    ['\u001bb', ['\u001bb']],
    ['ab\u007fc', ['ab', '\u007f', 'c']],
    ['Żabka ✓', ['Żabka ✓']],
    ['', []],
  ])('%j is %j', (raw, keys) => {
    expect(splitKeys(raw)).toEqual(keys);
  });
});
