import {printable} from '../procedure/about.js';

/** What the operator typed, as a message quotes it: on one line (controls and line breaks escaped), 60 characters at most. */
export function shown(argument: string): string {
  const line = printable(argument);
  return `"${line.length > 60 ? `${line.slice(0, 59)}…` : line}"`;
}
