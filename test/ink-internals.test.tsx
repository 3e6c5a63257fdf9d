// The one dependency on Ink's internals (source/wizard/use-raw-input.ts): the raw input events that Ink's own
// useInput reads, on the event emitter Ink's useStdin hands out as `internal_eventEmitter`. When an Ink release
// renames or changes it, this test fails before an operator's Backspace does.
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {useState} from 'react';
import {describe, expect, it} from 'vitest';
import {useRawInput} from '../source/wizard/use-raw-input.js';

function Echo({active}: {readonly active: boolean}) {
  const [seen, setSeen] = useState<string[]>([]);
  // JSON escapes control characters but DEL: written as \u007f by hand.
  useRawInput(
    (raw) => setSeen((before) => [...before, JSON.stringify(raw).replaceAll('\u007f', '\\u007f')]),
    active,
  );
  return <Text>{seen.join(' ')}</Text>;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("Ink's raw input events", () => {
  it('arrive as the terminal sent them: Backspace and Delete apart, Ctrl+U, a paste whole', async () => {
    const app = render(<Echo active />);
    await settle();
    for (const raw of ['\u007f', '\u001b[3~', '\u0015', 'Acme Corp', '\u001b[A']) {
      app.stdin.write(raw);
      await settle();
    }
    expect(app.lastFrame()).toBe(
      ['"\\u007f"', '"\\u001b[3~"', '"\\u0015"', '"Acme Corp"', '"\\u001b[A"'].join(' '),
    );
    app.unmount();
  });

  it('stop when the hook is not active', async () => {
    const app = render(<Echo active={false} />);
    await settle();
    app.stdin.write('x');
    await settle();
    expect(app.lastFrame()).toBe('');
    app.unmount();
  });
});
