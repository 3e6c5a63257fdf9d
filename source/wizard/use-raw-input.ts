import {useStdin} from 'ink';
import {useEffect, useRef} from 'react';

/**
 * Every input event as the terminal sent it (one escape sequence, or a run of typed or pasted characters), while
 * `isActive`. A text field needs the raw sequence: Ink's `useInput` reports Backspace and Delete alike and turns
 * Ctrl+U into a bare "u". Ink's own `useInput` listens to the same event emitter (ink/build/hooks/use-input.js).
 */
export function useRawInput(handler: (raw: string) => void, isActive: boolean): void {
  const {internal_eventEmitter: events, setRawMode} = useStdin();
  const latest = useRef(handler);
  latest.current = handler;
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
