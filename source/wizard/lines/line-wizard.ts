// The wizard in the line mode (docs/wizard.md, "The line mode"): for a screen reader, a dumb terminal or a log.
// The same state machine (state.ts), the same operations (operations.ts), the same keys (keys.ts) as the
// full-screen wizard; drawn append-only: each screen printed once as plain lines when it is reached, lists as
// numbered choices, what is typed echoed as it comes, nothing ever redrawn, no escape code, every line ended.
import {
  type InFlightSwitch,
  monotonic,
  printable,
  printableLines,
  type Session,
  stepIntro,
} from '../../procedure/index.js';
import type {Waiting} from '../http-log.js';
import {HttpLog} from '../http-log.js';
import {splitKeys} from '../key-burst.js';
import {type KeyAction, wizardKey} from '../keys.js';
import {endOf, recordLeavingConfirmation} from '../leaving.js';
import {lessonPlaceOf} from '../lesson.js';
import {OperationRunner} from '../operation-runner.js';
import {arrivalWork, type OperationContext, stepOperations} from '../operations.js';
import type {WizardExit, WizardServices} from '../services.js';
import {
  type ConnectForm,
  callsOf,
  initialState,
  reducer,
  type WizardEvent,
  type WizardState,
} from '../state.js';
import {listedAccounts, onLoopbackUrl} from '../wording.js';
import {callsLines} from './calls-lines.js';
import {checklistAnswer, checklistLines, choiceAnswer, choiceLines} from './line-choices.js';
import {editField} from './line-field.js';
import {type ChoiceItem, type LineActions, type LineScreen, lineScreen, said} from './line-screens.js';

export interface LineWizardOptions {
  readonly services: WizardServices;
  readonly initialForm?: Partial<ConnectForm>;
  /** Said once at the top (e.g. a corrupt credentials file was set aside). */
  readonly notice?: string;
  /** Where the lines go (the terminal). */
  readonly write: (text: string) => void;
  /**
   * Echo what is typed (default). Not inside Emacs (INSIDE_EMACS): its shell shows the line being typed itself and
   * sends it whole, so an echo would print every answer twice.
   */
  readonly echo?: boolean;
  /** The terminal's width: lines are broken between words to fit it (none: as they are, for a log or a pipe). */
  readonly columns?: () => number | undefined;
  /**
   * A monotonic clock in ms (default: performance.now): keys that come within `readingMs` of the confirmation being
   * printed were typed before it could be read, and are dropped. Tests give one that moves as a person types.
   */
  readonly monotonic?: () => number;
  readonly onExit: (exit: WizardExit) => void;
  /** Ctrl+Z: stop the process as a shell would (the terminal given back first); `resumed` is called after. */
  readonly onSuspend?: () => void;
}

/**
 * How long the confirmation is on screen before its field takes a key: nobody reads the warnings and types the name
 * sooner, while a paste cut in two by a terminal (4 KiB reads), SSH or tmux arrives within a few milliseconds.
 */
const readingMs = 500;

const ctrlC = '\u0003';
const ctrlZ = '\u001a';
const ctrlD = '\u0004';
const tab = '\t';
const esc = '\u001b';

export class LineWizard {
  private state: WizardState;
  private readonly http: HttpLog;
  private readonly operation = new OperationRunner();
  private readonly session: {current: Session | undefined} = {current: undefined};
  private readonly switching: {current: InFlightSwitch | undefined} = {current: undefined};
  private readonly embeddedSandbox: {current: string | undefined} = {current: undefined};
  /** The screen printed last, and whether its question is open (typed keys go to it). */
  private screen: LineScreen | undefined;
  /** The error said on that screen last: a new one is said, and the question asked again. */
  private shownError: string | undefined;
  /** The list printed last: shown again (a refused choice, Esc back to it), it is named, not printed again. */
  private lastList: string | undefined;
  /** A key the screen does not take was pressed: its keys are said once more (once a screen). */
  private keysRepeated = false;
  private asking = false;
  /** What is typed into the open question. */
  private field = '';
  /** The plan's checklist: the ids checked. */
  private checked = new Set<string>();
  /** A line was begun and not ended (a question and what is typed after it). */
  private lineOpen = false;
  private readonly printed = {title: '', account: '', hints: '', lesson: ''};
  /** Keys not yet taken: typed while a request ran, or after a key that changed the screen. */
  private queue: string[] = [];
  private arrival: string | undefined;
  /** The audit log could not take a "cancelled" line: said, and repeated in the last line. */
  private auditProblem: string | undefined;
  private inputEnded = false;
  private ended = false;
  /** When the confirmation's field was opened (monotonic ms), and keys dropped since for coming too soon. */
  private confirmOpenedAt = Number.NEGATIVE_INFINITY;
  private droppedTooSoon = 0;
  /** Tab printed the HTTP calls: until Tab or Esc again, no key reaches the question (as the full screen's panel). */
  private callsShown = false;
  private callsKeysSaid = false;

  constructor(private readonly options: LineWizardOptions) {
    this.state = options.services.lesson
      ? {...initialState(options.initialForm), lesson: true}
      : initialState(options.initialForm);
    this.http = new HttpLog(
      options.services.clock,
      (what) => {
        if (what === 'waiting' && this.http.waiting) this.sayWaiting(this.http.waiting);
      },
      options.services.lesson?.record,
    );
  }

  /** Prints the first screen. */
  start(): void {
    if (this.options.notice) this.line(said('warning', this.options.notice));
    this.render();
  }

  /** An input event from the terminal (a key, a paste, or a line from a pipe). */
  input(raw: string): void {
    if (this.ended) return;
    const keys = splitKeys(raw).filter(
      // Tab sent as a line (Emacs: C-q TAB RET) is Tab alone: its Enter must not also take the default answer.
      (key, index, all) => !((key === '\r' || key === '\n') && all[index - 1] === tab),
    );
    // Ctrl+C anywhere in it wins, and nothing before it acts (as in the full-screen wizard, key-router.tsx).
    if (keys.includes(ctrlC)) {
      this.queue = [];
      this.leave('interrupted');
      return;
    }
    for (const key of keys) {
      // While a request runs, Tab (its HTTP calls) and Esc (back, dropping what waits) act at once.
      if (!this.asking && key === tab) this.sayCalls();
      else if (!this.asking && key === esc) {
        this.queue = [];
        this.act({type: 'back'});
      } else this.queue.push(key);
    }
    this.drain();
  }

  /** The input ended (a pipe closed, Ctrl+D at a terminal's empty line): leave once nothing runs. */
  endOfInput(): void {
    this.inputEnded = true;
    this.drain();
  }

  /** Leaves as on Ctrl+C (SIGTERM). */
  interrupt(): void {
    this.leave('interrupted');
  }

  /** Back after a suspension (Ctrl+Z, SIGTSTP): the question again, with what was typed. */
  resumed(): void {
    this.closeLine();
    this.line('Back in tenant-mode.');
    if (this.asking) this.prompt();
  }

  private get context(): OperationContext {
    return {
      state: this.state,
      services: this.options.services,
      dispatch: this.dispatch,
      http: this.http,
      operation: this.operation,
      program: this.options.services.program ?? ['tenant-mode'],
      session: this.session,
      switching: this.switching,
      embeddedSandbox: this.embeddedSandbox,
    };
  }

  private readonly dispatch = (event: WizardEvent): void => {
    const next = reducer(this.state, event);
    if (next === this.state) return;
    this.state = next;
    this.render();
  };

  private readonly actions: LineActions = {
    onDataCenter: (dataCenter) => this.dispatch({type: 'DATA_CENTER_CHOSEN', dataCenter}),
    onAccount: (name) => stepOperations.connect.chooseAccount(this.context, name),
    onSandbox: () => {
      this.line('Starting the embedded sandbox…');
      void stepOperations.connect.chooseSandbox(this.context);
    },
    onOtherUrl: () => this.dispatch({type: 'CUSTOM_URL_REQUESTED'}),
    onTypedUrl: (dataCenter) => stepOperations.connect.checkDataCenter(this.context, dataCenter),
    onClientId: (clientId) => this.dispatch({type: 'CLIENT_ID_ENTERED', clientId}),
    onSecret: (secret) => this.dispatch({type: 'SECRET_ENTERED', secret}),
    onRemember: (remember) => this.dispatch({type: 'REMEMBER_ANSWERED', remember}),
    onContinue: () => this.dispatch({type: 'ANOTHER_TENANT_REQUESTED'}),
    onOtherAccount: () => this.dispatch({type: 'ACCOUNT_SWITCH_REQUESTED'}),
    onLookUp: (query) => stepOperations.chooseTenant.lookUp(this.context, query),
    onChoose: (row, query) => stepOperations.chooseTenant.choose(this.context, row, query),
    onConfirm: () => void stepOperations.confirm.confirm(this.context),
    onPlan: () => stepOperations.chooseTenant.requestPlan(this.context),
    onWritePlan: (chosen) => stepOperations.plan.writePlan(this.context, chosen),
    onLeavePlan: (chosen) => this.dispatch({type: 'PLAN_LEFT', chosen}),
  };

  /** Prints the screen of the current state when it is another than the one printed last. */
  private render(): void {
    if (this.ended) return;
    const {services} = this.options;
    const info = {
      now: services.clock.now(),
      sandboxOffered: services.openSandbox !== undefined,
      rememberedWhere: services.store.newSecretsPlace(),
      lastDataCenter: services.store.lastProfile()?.dataCenter,
      accounts: listedAccounts(services.store),
    };
    let screen = lineScreen(this.state, info, this.actions);
    if (screen.key === this.screen?.key) {
      this.screen = screen;
      if (screen.error && screen.error !== this.shownError) {
        this.shownError = screen.error;
        this.closeLine();
        this.line(said('error', screen.error));
        if (screen.ask && screen.ask.kind !== 'keys') {
          this.asking = true;
          this.prompt();
        }
      }
      this.drain();
      return;
    }
    // The confirmation takes no key typed before it was printed: those are dropped, and said (state.ts).
    if (this.state.step.name === 'confirm' && this.queue.length > 0) {
      // Counted as typed: each character of a run of text is a key.
      const count = this.queue.reduce(
        (sum, key) => sum + (key.startsWith(esc) ? 1 : Array.from(key).length),
        0,
      );
      this.queue = [];
      this.state = reducer(this.state, {type: 'TYPED_AHEAD_DROPPED', count});
      screen = lineScreen(this.state, info, this.actions);
    }
    this.closeLine();
    this.screen = screen;
    this.shownError = screen.error;
    this.asking = false;
    this.keysRepeated = false;
    this.print(screen);
    const arrival = arrivalWork(this.state.step);
    if (arrival?.key !== this.arrival) {
      this.arrival = arrival?.key;
      arrival?.run(this.context);
    }
    if (screen.ask && this.screen === screen) this.open(screen);
    this.drain();
  }

  private print(screen: LineScreen): void {
    const sandbox = onLoopbackUrl(this.state.form.dataCenter) ? ' (sandbox)' : '';
    const named = this.state.account?.name ? `, account ${this.state.account.name}` : '';
    const title = `${screen.title}${sandbox}${named}`;
    if (title !== this.printed.title) {
      // A blank line between steps, for the eye; a screen reader passes over it.
      if (this.printed.title) this.line('');
      this.line(title);
      this.printed.title = title;
    }
    // A lesson: the step's explanation, printed once each time it opens (Tab prints its calls). The switch and its
    // result share a title: the explanation comes with the result, as in the full screen.
    const lesson = this.options.services.lesson;
    const place = lesson
      ? lessonPlaceOf(this.state.step, this.options.services.clock.now(), lesson.scenario)
      : undefined;
    if (lesson && place && place.step !== this.printed.lesson) {
      this.printed.lesson = place.step;
      if (place.step !== 'switching') {
        const intro = stepIntro(place);
        lesson.intro(intro, this.http.exchangesOf(callsOf(this.state.step.name)));
        for (const line of intro) this.line(`Lesson: ${line}`);
      }
    }
    const {account} = this.state;
    const accountLine = account
      ? `Signed in to ${printable(account.tenantName)} at ${account.host}${account.remembered ? ' (saved credentials)' : ''}`
      : '';
    if (accountLine && accountLine !== this.printed.account && this.state.step.name !== 'connect') {
      this.line(accountLine);
      this.printed.account = accountLine;
    }
    const {ask} = screen;
    if (ask?.kind === 'choice' && screen.key === this.lastList) {
      // The same list again (a choice refused, Esc back to it): named, not read out again.
      this.line(`${screen.lines[0] ?? ''} The list above, again.`);
    } else {
      for (const text of screen.lines) this.line(text, screen.whole?.has(text));
      if (ask?.kind === 'choice') for (const text of choiceLines(ask.items)) this.line(text);
    }
    if (ask?.kind === 'choice') this.lastList = screen.key;
    if (ask?.kind === 'checklist') {
      this.checked = new Set(ask.initiallyChecked ?? ask.items.map((item) => item.id));
      for (const text of checklistLines(ask.items, this.checked)) this.line(text);
      this.line(
        'Type numbers to check or uncheck (2, or 3-5), + for all, - for none, or text to find; Enter alone writes the plan.',
      );
    }
    if (screen.error) this.line(said('error', screen.error));
    const hints = keysLine(screen);
    if (hints && hints !== this.printed.hints) {
      this.line(hints);
      this.printed.hints = hints;
    }
  }

  /** Opens the screen's question: its prompt, and what it already holds. */
  private open(screen: LineScreen): void {
    const {ask} = screen;
    if (!ask) return;
    this.asking = true;
    this.callsShown = false;
    if (ask.kind === 'keys') return;
    this.field = '';
    if (this.state.step.name === 'confirm') {
      this.confirmOpenedAt = this.now();
      this.droppedTooSoon = 0;
    }
    this.prompt();
  }

  private now(): number {
    return (this.options.monotonic ?? monotonic)();
  }

  private prompt(): void {
    const ask = this.screen?.ask;
    if (!ask || ask.kind === 'keys') return;
    const label =
      ask.kind === 'text'
        ? ask.label
        : ask.kind === 'choice'
          ? `${ask.label} (1 to ${ask.items.length}, or text to search; Enter: ${ask.preferred + 1}):`
          : `Plan (${this.checked.size} of ${ask.items.length} checked):`;
    const masked = ask.kind === 'text' && ask.masked;
    // A long question is broken between words too; its last row stays open for the answer.
    const columns = this.options.columns?.();
    const rows = columns ? wrapWords(printableLines(label), columns) : [printableLines(label)];
    this.write(
      `${rows.map((row, index) => (index < rows.length - 1 ? `${row}\n` : row)).join('')} ${masked ? '' : this.field}`,
    );
    this.lineOpen = true;
  }

  /** Hands the keys that wait to the open question, in order, while one is open. */
  private drain(): void {
    while (!this.ended && this.asking && this.queue.length > 0) this.key(this.queue.shift() as string);
    if (this.inputEnded && this.asking && this.queue.length === 0) this.leave('quit');
  }

  private key(key: string): void {
    const ask = this.screen?.ask;
    if (!ask) return;
    if (this.callsShown) {
      // The HTTP calls are on show: Tab or Esc goes back to the question; nothing else is taken (a password
      // manager typing "client id, Tab, secret, Enter" must not type the secret into the client id field).
      if (key === tab || key === esc || key === `${esc}\r` || key === `${esc}\n`) {
        this.callsShown = false;
        this.line('Back to the question.');
        this.prompt();
      } else if (!this.callsKeysSaid) {
        this.callsKeysSaid = true;
        this.line('Keys typed here are not taken: Tab or Esc goes back to the question.');
      }
      return;
    }
    if (key === tab) {
      this.sayCalls();
      return;
    }
    if (key === ctrlZ) {
      this.suspend();
      return;
    }
    // Keys that come before the confirmation could be read (the rest of a paste a terminal cut in two) are dropped,
    // and said, as the keys typed before it was printed are.
    if (this.state.step.name === 'confirm' && this.now() - this.confirmOpenedAt < readingMs) {
      this.droppedTooSoon += Array.from(key).length;
      if (this.droppedTooSoon === Array.from(key).length) {
        setImmediate(() => {
          if (this.ended || this.state.step.name !== 'confirm') return;
          const count = this.droppedTooSoon;
          this.field = '';
          this.dispatch({type: 'TYPED_AHEAD_DROPPED', count});
          // Said again if more keys come too soon after this.
          this.droppedTooSoon = 0;
        });
      }
      return;
    }
    // A line of Esc alone, as a line-at-a-time terminal sends it (Emacs: C-q ESC RET): Esc.
    if (key === `${esc}\r` || key === `${esc}\n`) {
      this.key(esc);
      return;
    }
    if (key === ctrlD && this.field === '') {
      this.leave('quit');
      return;
    }
    const action = wizardKey(this.state.step, key);
    if (action) {
      this.act(action);
      return;
    }
    if (ask.kind === 'keys') {
      // A key this screen does not take: what it takes, said once more.
      if (!this.keysRepeated && this.screen) {
        this.keysRepeated = true;
        this.line(keysLine(this.screen));
      }
      return;
    }
    if (ask.kind === 'checklist' && key === esc) {
      ask.leave(this.checked);
      return;
    }
    const masked = ask.kind === 'text' && ask.masked === true;
    const edit = editField(this.field, key, masked);
    this.field = edit.value;
    if (edit.echo && this.options.echo !== false) this.write(edit.echo);
    if (edit.submitted) this.submit();
  }

  /** Enter in the open question: its answer, or why not and the question again. */
  private submit(): void {
    const ask = this.screen?.ask;
    const value = this.field;
    this.closeLine();
    this.asking = false;
    this.field = '';
    if (!ask || ask.kind === 'keys') return;
    const again = (lines: readonly string[], keep = '') => {
      for (const text of lines) this.line(text);
      this.asking = true;
      this.field = keep;
      this.prompt();
    };
    if (ask.kind === 'text') {
      const problem = ask.check?.(value);
      if (problem) {
        // What was typed after the refused answer was typed before the refusal could be read: not taken (a pasted
        // "client id ⏎ secret ⏎" must not echo the secret into the client id field asked again).
        const ahead = this.queue.length;
        this.queue = [];
        again([
          said('error', problem),
          ...(ahead > 0
            ? [`What was typed after it (${ahead} ${ahead === 1 ? 'key' : 'keys'}) was not taken.`]
            : []),
        ]);
        return;
      }
      ask.answer(value);
    } else if (ask.kind === 'choice') {
      const answer = choiceAnswer(ask.items as readonly ChoiceItem[], value, ask.preferred);
      if (answer.index === undefined) {
        again(answer.lines);
        return;
      }
      for (const text of answer.lines) this.line(text);
      ask.answer(answer.index);
    } else {
      const answer = checklistAnswer(ask.items, this.checked, value);
      if (!answer.done) {
        this.checked = new Set(answer.checked);
        again(answer.lines);
        return;
      }
      ask.answer(this.checked);
    }
  }

  /** A wizard-wide key's action (keys.ts), as the full-screen wizard takes it (Wizard.tsx, `handle`). */
  private act(action: KeyAction) {
    // Leaving is recorded by leave() itself; going back or elsewhere from the confirmation here.
    const leavesConfirmation = action.type === 'back' || action.type === 'event';
    let warning = this.auditProblem;
    const problem = leavesConfirmation ? recordLeavingConfirmation(this.context) : undefined;
    if (problem) {
      warning = problem;
      this.auditProblem = problem;
      this.line(said('warning', problem));
    }
    switch (action.type) {
      case 'leave':
        return this.leave(action.reason, warning);
      case 'togglePanel':
        return this.sayCalls();
      case 'plan':
        return stepOperations.chooseTenant.requestPlan(this.context);
      case 'back': {
        // Where Esc has nowhere to go it does nothing: never an abort without a move.
        if (reducer(this.state, {type: 'BACK'}) === this.state) return;
        const {name} = this.state.step;
        if (name !== 'switching' && name !== 'result') this.operation.abortCurrent();
        if (!this.asking) this.line('Stopped: back to where it started.');
        return this.dispatch({type: 'BACK'});
      }
      case 'event':
        return this.dispatch(action.event);
      default:
        return;
    }
  }

  /** Tab: the HTTP calls of this step, printed once; then the question again, with what was typed. */
  private sayCalls(): void {
    this.closeLine();
    const whole = this.options.services.lesson !== undefined;
    for (const text of callsLines(this.state.step.name, this.http, !this.asking, whole)) this.line(text);
    const ask = this.asking ? this.screen?.ask : undefined;
    if (ask?.kind === 'keys' && this.screen) {
      this.line(keysLine(this.screen));
      return;
    }
    if (!ask) return;
    this.callsShown = true;
    this.callsKeysSaid = false;
    this.line(
      `Tab or Esc: back to the question${ask.kind === 'text' && this.field !== '' ? ' (what you typed is kept)' : ''}.`,
    );
  }

  /** Ctrl+Z: the terminal back as it was, the process stopped as a shell stops it; fg brings the question back. */
  private suspend(): void {
    this.closeLine();
    this.line('Suspended: fg brings tenant-mode back.');
    this.options.onSuspend?.();
  }

  private sayWaiting(waiting: Waiting): void {
    const seconds = Math.max(0, Math.ceil((waiting.until - this.options.services.clock.now()) / 1000));
    this.closeLine();
    this.line(said('warning', `${waiting.reason}: trying again in ${seconds} s…`));
    if (this.asking) this.prompt();
  }

  private leave(reason: WizardExit['reason'], given = this.auditProblem): void {
    if (this.ended) return;
    // Leaving the confirmation in any way (Ctrl+C, Ctrl+D, q, SIGTERM, SIGHUP) is an attempt too (leaving.ts).
    const problem = recordLeavingConfirmation(this.context);
    if (problem) this.auditProblem = problem;
    const warning = problem ?? given;
    this.ended = true;
    this.operation.abortAll();
    const {exit, lastLines} = endOf(reason, this.state, this.switching.current, warning);
    this.closeLine();
    this.line('');
    for (const text of lastLines.split('\n')) this.line(text);
    this.options.onExit(exit);
  }

  private closeLine(): void {
    if (this.lineOpen) this.write('\n');
    this.lineOpen = false;
  }

  /**
   * One whole line, through the one sanitiser (text/printable.ts), broken between words to fit the terminal; a
   * command to paste (`whole`) is never broken: the terminal folds it, and it still pastes as one line.
   */
  private line(text: string, whole = false): void {
    this.closeLine();
    const columns = whole ? undefined : this.options.columns?.();
    const lines = columns ? wrapWords(printableLines(text), columns) : [printableLines(text)];
    this.write(lines.map((each) => `${each}\n`).join(''));
  }

  private write(text: string): void {
    this.options.write(text);
  }
}

/** "Keys: Enter: search; Esc: account; …" — each key and what it does here. */
function keysLine(screen: LineScreen): string {
  return screen.hints.length === 0
    ? ''
    : `Keys: ${screen.hints.map(([key, does]) => `${key}: ${does}`).join('; ')}.`;
}

/**
 * A line broken between words so that no word is split at the terminal's edge (a screen reader reads a row at a
 * time); continuation rows are indented two spaces. A word longer than a row (a URL) is left whole.
 */
export function wrapWords(line: string, columns: number): string[] {
  const width = Math.max(20, columns - 1);
  if (line.length <= width) return [line];
  // Continued two spaces further in than the line itself (a list entry's details, JSON keep their place).
  const indent = /^ */.exec(line)?.[0] ?? '';
  const rows: string[] = [];
  let row = indent;
  for (const word of line.slice(indent.length).split(' ')) {
    const candidate = row.trim() === '' ? `${row}${word}` : `${row} ${word}`;
    if (candidate.length > width && row.trim() !== '') {
      rows.push(row);
      row = `${indent}  ${word}`;
    } else row = candidate;
  }
  rows.push(row);
  return rows;
}
