// The HTTP calls of a step as a lesson (procedure/lessons.ts), as lines both ways of drawing use: the full screen's
// panel shows a window of them and scrolls (components/HttpPanel.tsx), the line mode prints them once
// (lines/calls-lines.ts). Each call: a heading line; when open, what it is for, the whole request (headers with the
// token as its last four characters), the whole answer (status and its meaning, the headers that matter, the body
// pretty-printed, tokens redacted), and the vendor's Python lines that do the same.
import {type Exchange, lessonOf, printable, printableLines, statusMeaning} from '../procedure/index.js';
import {isCompact} from './compact.js';
import {planningNote} from './python-lines.js';

export interface PanelLine {
  readonly text: string;
  readonly tone?: 'heading' | 'label' | 'code';
  /** The call this line belongs to (its index), for moving between calls. */
  readonly call: number;
  /** A line of a request's or an answer's body (the line mode prints a long body's start only). */
  readonly body?: boolean;
}

/** Which call is chosen and which are open; where the window starts. */
export interface PanelView {
  readonly selected: number;
  readonly open: ReadonlySet<number>;
  readonly scroll: number;
}

/** The panel as it opens: the latest call chosen and open, the window at its heading. */
export function openedView(exchanges: readonly Exchange[], which: 'last' | 'lesson' = 'last'): PanelView {
  // A lesson reads the calls in order, every one open; otherwise the latest is what is looked for.
  // It opens at its top: the explanation first, when it scrolls with the calls.
  if (which === 'lesson') return {selected: 0, open: new Set(exchanges.map((_, index) => index)), scroll: 0};
  const chosen = Math.max(0, exchanges.length - 1);
  return {selected: chosen, open: new Set([chosen]), scroll: -1};
}

const bodyLines = (text: string) => printableLines(text).split('\n');

function headingOf(exchange: Exchange, index: number): string {
  const path = (() => {
    try {
      const url = new URL(exchange.url);
      return `${url.pathname}${url.search}`;
    } catch {
      return exchange.url;
    }
  })();
  const answer =
    exchange.status === undefined ? 'no answer' : `${exchange.status} ${statusMeaning(exchange.status)}`;
  return `${index + 1}. ${exchange.method} ${printable(path)} → ${answer}, ${exchange.durationMs} ms`;
}

/** Every line of the calls; `open` says which calls show more than their heading (all, for the line mode). */
export function callLines(
  exchanges: readonly Exchange[],
  view: {readonly selected?: number; readonly open: ReadonlySet<number> | 'all'},
  /** Lines longer than this are broken (between words where there are any), never cut: the panel scrolls. */
  width = Number.POSITIVE_INFINITY,
): PanelLine[] {
  const lines: PanelLine[] = [];
  exchanges.forEach((exchange, call) => {
    const chosen = view.selected === call;
    const open = view.open === 'all' || view.open.has(call);
    for (const part of broken(
      `${chosen ? '❯' : ' '} ${open ? '▾' : '▸'} ${headingOf(exchange, call)}`,
      width,
    )) {
      lines.push({text: part, tone: 'heading', call});
    }
    if (!open) return;
    const add = (text: string, tone?: PanelLine['tone'], body = false) => {
      for (const part of broken(text, width)) {
        lines.push({text: part, call, ...(tone ? {tone} : {}), ...(body ? {body} : {})});
      }
    };
    const lesson = lessonOf(exchange, exchanges.slice(0, call));
    add(`    ${lesson.purpose}`);
    add('    Request', 'label');
    add(`      ${exchange.method} ${printable(exchange.url)}`, 'code');
    for (const [name, value] of Object.entries(exchange.requestHeaders))
      add(`      ${printable(name)}: ${printable(value)}`, 'code');
    if (exchange.requestBody) {
      for (const line of bodyLines(exchange.requestBody)) add(`      ${line}`, 'code', true);
    }
    add(
      `    Answer: ${exchange.status === undefined ? 'none came' : `${exchange.status} (${statusMeaning(exchange.status)})`}`,
      'label',
    );
    for (const [name, value] of Object.entries(exchange.responseHeaders ?? {})) {
      add(`      ${printable(name)}: ${printable(value)}`, 'code');
    }
    if (exchange.responseBody) {
      for (const line of bodyLines(exchange.responseBody)) add(`      ${line}`, 'code', true);
    }
    if (exchange.error) add(`      ✘ ${printable(exchange.error)}`);
    if (lesson.guide) {
      add(
        `    The vendor's guide, ${lesson.guide.steps.includes('–') ? 'steps' : 'step'} ${lesson.guide.steps}:`,
        'label',
      );
      for (const line of lesson.guide.lines) add(`      ${line}`, 'code');
    }
    if (lesson.ours) {
      add(`    ${lesson.ours.label}`, 'label');
      for (const line of lesson.ours.lines) add(`      ${line}`, 'code');
    }
    if (lesson.differs) add(`    ${lesson.differs}`);
  });
  return lines;
}

/** Keys the open panel takes, as the terminal sends them. */
const keys = {
  up: ['\u001b[A', '\u001bOA', 'k'],
  down: ['\u001b[B', '\u001bOB', 'j'],
  pageUp: ['\u001b[5~'],
  pageDown: ['\u001b[6~', ' '],
  home: ['\u001b[H', '\u001b[1~', '\u001bOH', 'g'],
  end: ['\u001b[F', '\u001b[4~', '\u001bOF', 'G'],
  next: ['n', ']'],
  previous: ['p', '['],
  toggle: ['\r', '\n'],
};

/** Whether the open panel takes this key (Tab and Esc close it: the wizard's). */
export function isPanelKey(raw: string): boolean {
  return Object.values(keys).some((list) => list.includes(raw));
}

/**
 * The view after a key: ↑↓ (j k) a line, PgUp PgDn (Space) a window, Home End (g G) the first and last line, n p
 * (] [) the next and previous call (its heading to the top), Enter opens or closes the chosen call.
 */
export function panelKey(
  view: PanelView,
  raw: string,
  exchanges: readonly Exchange[],
  shape: Pick<PanelShape, 'height' | 'width' | 'scrolled'>,
): PanelView {
  const {height} = shape;
  const linesOf = (of: PanelView) => panelLines(exchanges, of, shape);
  const lines = linesOf(view);
  const lastStart = Math.max(0, lines.length - height);
  const scroll = startOf(view, lines, height);
  const to = (start: number): PanelView => ({...view, scroll: Math.min(lastStart, Math.max(0, start))});
  const headingOfCall = (call: number, within: PanelLine[]) => within.findIndex((line) => line.call === call);
  const choose = (call: number): PanelView => {
    // The call moved to is opened, the others closed: a lesson is read call by call (Enter opens another too).
    const chosen = {...view, selected: call, open: new Set([call])};
    const after = linesOf(chosen);
    return {...chosen, scroll: Math.min(Math.max(0, after.length - height), headingOfCall(call, after))};
  };
  if (keys.up.includes(raw)) return to(scroll - 1);
  if (keys.down.includes(raw)) return to(scroll + 1);
  if (keys.pageUp.includes(raw)) return to(scroll - Math.max(1, height - 1));
  if (keys.pageDown.includes(raw)) return to(scroll + Math.max(1, height - 1));
  if (keys.home.includes(raw)) return to(0);
  if (keys.end.includes(raw)) return to(lastStart);
  if (keys.next.includes(raw)) return choose(Math.min(exchanges.length - 1, view.selected + 1));
  if (keys.previous.includes(raw)) return choose(Math.max(0, view.selected - 1));
  if (keys.toggle.includes(raw)) {
    const open = new Set(view.open);
    if (open.has(view.selected)) open.delete(view.selected);
    else open.add(view.selected);
    const toggled = {...view, open};
    const after = linesOf(toggled);
    return {
      ...toggled,
      scroll: Math.min(Math.max(0, after.length - height), headingOfCall(view.selected, after)),
    };
  }
  return view;
}

/** Where the window starts: as scrolled, or (-1, just opened) at the chosen call's heading. */
export function startOf(view: PanelView, lines: readonly PanelLine[], height: number): number {
  const lastStart = Math.max(0, lines.length - height);
  if (view.scroll >= 0) return Math.min(view.scroll, lastStart);
  const heading = lines.findIndex((line) => line.call === view.selected);
  return Math.min(Math.max(0, heading), lastStart);
}

/**
 * The lines above the calls, broken to the panel's width: a lesson's explanation of the step, or else on the plan
 * screen what its reads are (the guide has no plan; a lesson's explanation says so already).
 */
function explanationLines(
  from: {readonly intro?: readonly string[]; readonly planning: boolean; readonly compact: boolean},
  width: number,
): string[] {
  const {intro, planning, compact} = from;
  if (intro && intro.length > 0) return intro.flatMap((line) => broken(line, width));
  return planning && !compact ? broken(planningNote, width) : [];
}

/**
 * How the panel is laid out in a terminal of this size: the explanation stays in view above the calls when it takes
 * at most half the panel, else it scrolls with them (at 40×12 a lesson's explanation alone is taller than the
 * terminal). `height` is the lines of the scrolling window; the panel never outgrows the terminal.
 */
export interface PanelShape {
  readonly pinned: readonly string[];
  readonly scrolled: readonly string[];
  readonly height: number;
  readonly width: number;
}

export function panelShape(
  from: {readonly intro?: readonly string[]; readonly planning: boolean},
  rows: number,
  columns: number,
): PanelShape {
  const width = panelWidth(columns);
  const full = panelHeight(rows, columns);
  const above = explanationLines({...from, compact: isCompact(rows, columns)}, width);
  return above.length <= Math.floor(full / 2)
    ? {pinned: above, scrolled: [], height: Math.max(3, full - above.length), width}
    : {pinned: [], scrolled: above, height: full, width};
}

/** The lines the panel's window moves over: the explanation, when it scrolls, then the calls. */
export function panelLines(
  exchanges: readonly Exchange[],
  view: PanelView,
  shape: Pick<PanelShape, 'scrolled' | 'width'>,
): PanelLine[] {
  return [...shape.scrolled.map((text) => ({text, call: -1})), ...callLines(exchanges, view, shape.width)];
}

/** The lines of calls that fit: the terminal less the step's frame (title, the panel's border and heading, hints). */
export function panelHeight(rows: number, columns = 80): number {
  // A small terminal's frame is shorter: its title, the panel's border and heading, one line of hints.
  return Math.max(3, rows - (isCompact(rows, columns) ? 7 : 9));
}

/** The width of a line in the panel: the terminal less its border and padding. */
export function panelWidth(columns: number): number {
  return Math.max(20, columns - 4);
}

/** A line broken to a width: between words where it can be, else anywhere; each part keeps the line's indent. */
function broken(text: string, width: number): string[] {
  if (text.length <= width || width < 12) return [text];
  const indent = /^ */.exec(text)?.[0] ?? '';
  const room = Math.max(8, width - indent.length - 2);
  const parts: string[] = [];
  let rest = text.slice(indent.length);
  let first = true;
  while (rest.length > 0) {
    const lead = first ? indent : `${indent}  `;
    const space = first ? width - indent.length : room;
    if (rest.length <= space) {
      parts.push(lead + rest);
      break;
    }
    const cut = rest.lastIndexOf(' ', space);
    const at = cut > space / 2 ? cut : space;
    parts.push(lead + rest.slice(0, at));
    rest = rest.slice(at).replace(/^ /, '');
    first = false;
  }
  return parts;
}
