// Tab in the line mode: the HTTP calls of the step as a lesson, printed once (the full screen's panel,
// components/HttpPanel.tsx, scrolls the same lines: call-lines.ts). A screen reader reads every line: the last
// calls only, and of a long body its start, said so. A lesson (`whole`) prints every call, and bodies up to 100
// lines: it is there to read them, and its transcript has all of every one.
import {callLines} from '../call-lines.js';
import type {HttpLog} from '../http-log.js';
import {planningNote} from '../python-lines.js';
import {callsOf, type Step} from '../state.js';

const shownCalls = 3;
const bodyLinesAtMost = 40;
/** A lesson reads every call, and bodies longer (a listing of a whole subtree is thousands of lines). */
const lessonBodyLinesAtMost = 100;

export function callsLines(step: Step['name'], http: HttpLog, running = false, whole = false): string[] {
  const exchanges = http.exchangesOf(callsOf(step));
  const first = whole ? 0 : Math.max(0, exchanges.length - shownCalls);
  const out: string[] = [];
  let inBody = 0;
  let left = 0;
  const flush = () => {
    if (left > 0)
      out.push(
        `      (${left} more lines of this body: ${whole ? "the lesson's transcript (--transcript FILE) and " : ''}the full screen's panel ${whole ? 'have' : 'scrolls through'} all of it)`,
      );
    left = 0;
  };
  for (const line of callLines(exchanges, {open: 'all'})) {
    if (line.call < first) continue;
    if (line.body) {
      inBody += 1;
      if (inBody > (whole ? lessonBodyLinesAtMost : bodyLinesAtMost)) {
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
