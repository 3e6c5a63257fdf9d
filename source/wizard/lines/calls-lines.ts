// Tab in the line mode: the HTTP calls of the step, printed once, and the vendor's Python lines beside them (the
// full screen's panel, components/HttpPanel.tsx, as lines).
import {printable} from '../../procedure/index.js';
import type {HttpLog} from '../http-log.js';
import {differences, planningNote, pythonLines} from '../python-lines.js';
import {callsOf, type Step, stepNumbers} from '../state.js';

const shownExchanges = 3;
/** A body is cut here: the whole answer is in the audit log or `--json` of the commands. */
const bodyAtMost = 300;

export function callsLines(step: Step['name'], http: HttpLog, running = false): string[] {
  const exchanges = http.exchangesOf(callsOf(step));
  const shown = exchanges.slice(-shownExchanges);
  const number = stepNumbers[step];
  const cut = (text: string) => {
    const line = printable(text.replace(/\s*\n\s*/g, ' '));
    return line.length > bodyAtMost ? `${line.slice(0, bodyAtMost - 1)}…` : line;
  };
  return [
    `HTTP calls of this step${exchanges.length > shown.length ? ` (last ${shown.length} of ${exchanges.length})` : ''}:`,
    ...(shown.length === 0 && !running ? ['None yet.'] : []),
    ...shown.flatMap((exchange) => [
      `${exchange.method} ${printable(exchange.url)}: ${exchange.status === undefined ? 'no answer' : `status ${exchange.status}`}, ${exchange.durationMs} ms`,
      ...(exchange.requestBody ? [`  sent: ${cut(exchange.requestBody)}`] : []),
      ...(exchange.responseBody ? [`  received: ${cut(exchange.responseBody)}`] : []),
      ...(exchange.error ? [`  Error: ${printable(exchange.error)}`] : []),
    ]),
    ...(running ? ['A request is under way: it is listed here once its answer comes.'] : []),
    ...(step === 'plan'
      ? [planningNote]
      : [
          differences[number]
            ? "The vendor's Python procedure, for comparison:"
            : "The same in the vendor's Python procedure:",
          ...(pythonLines[number] ?? []),
          ...(differences[number] ? [differences[number]] : []),
        ]),
    'End of the HTTP calls.',
  ];
}
