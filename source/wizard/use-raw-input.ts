import {useStdin} from 'ink';
import {useEffect, useLayoutEffect, useRef} from 'react';

/**
 * Every input event as the terminal sent it (one escape sequence, or a run of typed or pasted characters), while
 * `isActive`. Ink's public `useInput` does not suffice: it reports Backspace and Delete alike and turns Ctrl+U into
 * a bare "u", and a text field needs the raw sequence. Ink's own `useInput` listens to the same event emitter
 * (ink/build/hooks/use-input.js), which Ink's `useStdin` hands out as `internal_eventEmitter`: not a public API.
 * This file is the one place that depends on it; test/ink-internals.test.tsx fails when Ink changes it.
 */
export function useRawInput(handler: (raw: string) => void, isActive: boolean): void {
  const {internal_eventEmitter: events, setRawMode} = useStdin();
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!isActive) return;
    setRawMode(true);
    const listener = (raw: string) => latest.current(raw);
    events.on('input', listener);
    return () => {
      events.removeListener('input', listener);
      setRawMode(false);
    };
  }, [isActive, events, setRawMode]);
}
