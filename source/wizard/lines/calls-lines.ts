// Tab in the line mode: the HTTP calls of the step as a lesson, printed once (the full screen's panel,
// components/HttpPanel.tsx, scrolls the same lines: call-lines.ts). A screen reader reads every line: the last
// calls only, and of a long body its start, said so — except in a lesson (`whole`), which is there to read them.
import {callLines} from '../call-lines.js';
import type {HttpLog} from '../http-log.js';
import {planningNote} from '../python-lines.js';
import {callsOf, type Step} from '../state.js';

const shownCalls = 3;
const bodyLinesAtMost = 40;

export function callsLines(step: Step['name'], http: HttpLog, running = false, whole = false): string[] {
  const exchanges = http.exchangesOf(callsOf(step));
  const first = whole ? 0 : Math.max(0, exchanges.length - shownCalls);
  const out: string[] = [];
  let inBody = 0;
  let left = 0;
  const flush = () => {
    if (left > 0)
      out.push(`      (${left} more lines of this body: the full screen's panel scrolls through all of it)`);
    left = 0;
  };
  for (const line of callLines(exchanges, {open: 'all'})) {
    if (line.call < first) continue;
    if (line.body) {
      inBody += 1;
      if (!whole && inBody > bodyLinesAtMost) {
        left += 1;
        continue;
      }
    } else {
      flush();
      inBody = 0;
    }
    out.push(line.text.replace(/^[❯ ] [▾▸] /, ''));
  }
  flush();
  return [
    `HTTP calls of this step: ${exchanges.length === 0 ? 'none yet' : exchanges.length}${first > 0 ? ` (the last ${shownCalls})` : ''}.`,
    ...(step === 'plan' ? [planningNote] : []),
    ...out,
    ...(running ? ['A request is under way: it is listed here once its answer comes.'] : []),
    'End of the HTTP calls.',
  ];
}
