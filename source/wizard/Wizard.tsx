import {Box, Text, useApp, useStdout} from 'ink';
import {type ReactNode, useEffect, useLayoutEffect, useReducer, useRef, useState} from 'react';
import {type InFlightSwitch, printable, type Session, stepIntro} from '../procedure/index.js';
import {openedView, type PanelView, panelKey, panelShape} from './call-lines.js';
import {Countdown} from './components/Countdown.js';
import {Flagged} from './components/Flagged.js';
import {KeyRouter} from './key-router.js';
import {wizardKey} from './keys.js';
import {AccountMark, LayoutProvider, SandboxMark, smallest, tooSmall, useLayout} from './layout.js';
import {endOf, recordLeavingConfirmation} from './leaving.js';
import {lessonPlaceOf} from './lesson.js';
import {arrivalWork, type OperationContext, stepOperations} from './operations.js';
import {StepScreen} from './StepScreen.js';
import {HttpCallsScreen} from './screens/HttpCallsScreen.js';
import type {WizardExit, WizardServices} from './services.js';
import {type ConnectForm, callsOf, initialState, reducer, type Step, stepNumbers} from './state.js';
import {useHttpLog} from './use-http-log.js';
import {useOnAbort} from './use-on-abort.js';
import {useOperation} from './use-operation.js';
import {listedAccounts, onLoopbackUrl} from './wording.js';

export interface WizardProps {
  readonly services: WizardServices;
  readonly initialForm?: Partial<ConnectForm>;
  /** Said once at the top (e.g. a corrupt credentials file was set aside). */
  readonly notice?: string;
  /** Aborted when the process is told to stop (SIGTERM): leave as on Ctrl+C. */
  readonly terminate?: AbortSignal;
  /** How long a committed screen takes to reach the terminal (key-router.tsx): 40 ms on a terminal, 0 in tests. */
  readonly frameMs?: number;
  readonly onExit: (exit: WizardExit) => void;
}

/**
 * The only stateful component: holds the state machine, runs the procedure's operations (sign in, look up, read the
 * pricing, switch) and turns what they return into events; renders the screen of the current step. Esc aborts the
 * request of the step it leaves; Ctrl+C and SIGTERM abort everything.
 */
export function Wizard({services, initialForm, notice, terminate, frameMs = 0, onExit}: WizardProps) {
  const {exit} = useApp();
  const {stdout} = useStdout();
  const [state, reduce] = useReducer(reducer, initialForm, (form) =>
    services.lesson ? {...initialState(form), lesson: true} : initialState(form),
  );
  /** Set when a key changed the state: the next key waits for that render (key-router.tsx). */
  const changes = useRef({pending: false}).current;
  const latestState = useRef(state);
  useLayoutEffect(() => {
    latestState.current = state;
  });
  const dispatch = (event: Parameters<typeof reducer>[1]) => {
    if (reducer(latestState.current, event) !== latestState.current) changes.pending = true;
    reduce(event);
  };
  const [panelOpen, setPanelOpen] = useState(false);
  // A key typed at the open panel that it does not take: its heading says where typing goes.
  const [panelNote, setPanelNote] = useState(false);
  const [panelView, setPanelView] = useState<PanelView>(() => openedView([]));
  const [jsonShown, setJsonShown] = useState(false);
  /** Keys typed while a request runs, waiting for the screen that follows (key-router.tsx). */
  const [keysWaiting, setKeysWaiting] = useState(0);
  // Whether the terminal is too small for the step (it is then hidden): followed through resizes.
  const smallNow = () =>
    tooSmall({columns: stdout.columns || 80, rows: stdout.rows || 24, compact: true}, smallest.step);
  const [hidden, setHidden] = useState(smallNow);
  useEffect(() => {
    const onResize = () => setHidden(smallNow());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  });
  /** The audit log could not take a "cancelled" line: said at the top until the wizard ends, and in its last line. */
  const [auditProblem, setAuditProblem] = useState<string>();
  const http = useHttpLog(services.clock, services.lesson?.record);
  const operation = useOperation();
  const session = useRef<Session>(undefined);
  const switching = useRef<InFlightSwitch | undefined>(undefined);
  /** The embedded sandbox's API base, once chosen: a plan for it is a rehearsal (it ends with the wizard). */
  const embeddedSandbox = useRef<string | undefined>(undefined);
  const {step, form, account} = state;
  const program = services.program ?? ['tenant-mode'];
  const stepNumber = stepNumbers[step.name];

  const [ending, setEnding] = useState<string>();
  const leave = (reason: WizardExit['reason'], given = auditProblem) => {
    // Leaving the confirmation in any way (q, Ctrl+C, SIGTERM) is an attempt too: the audit log keeps it.
    const problem = recordLeavingConfirmation(context);
    const warning = problem ?? given;
    operation.abortAll();
    const {exit, lastLines} = endOf(reason, state, switching.current, warning);
    onExit(exit);
    // The last frame becomes one line (what was switched, or that nothing was sent), not the key hints of a step.
    setEnding(lastLines);
  };
  useEffect(() => {
    if (ending !== undefined) exit();
  }, [ending, exit]);
  useOnAbort(terminate, () => leave('interrupted'));

  // A lesson: each step opens with its explanation in the HTTP panel, opened by itself, its first call chosen.
  const lessonPlace = services.lesson
    ? lessonPlaceOf(step, services.clock.now(), services.lesson.scenario)
    : undefined;
  const intro = lessonPlace ? stepIntro(lessonPlace) : undefined;
  // The panel in this terminal: the frame, the plan's note or a lesson's explanation, the window of calls.
  const shape = panelShape({intro, planning: step.name === 'plan'}, stdout.rows || 24, stdout.columns || 80);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once each time a lesson's step is reached
  useEffect(() => {
    if (!services.lesson || !intro || step.name === 'switching') return;
    services.lesson.intro(intro, http.exchangesOf(callsOf(step.name)));
    changes.pending = true;
    setPanelView(openedView(http.exchangesOf(callsOf(step.name)), 'lesson'));
    setPanelOpen(true);
  }, [lessonPlace?.step]);

  const context: OperationContext = {
    state,
    services,
    dispatch,
    http,
    operation,
    program,
    session,
    switching,
    embeddedSandbox,
  };
  const {connect, chooseTenant, confirm, plan} = stepOperations;

  // Signing in and reading the plan start when their screen is reached (operations.ts, arrivalWork).
  const arrival = arrivalWork(step);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once each time such a screen is reached
  useEffect(() => {
    arrival?.run(context);
  }, [arrival?.key]);

  const onKey = (raw: string): boolean => {
    const size = {columns: stdout.columns || 80, rows: stdout.rows || 24, compact: true};
    const action = wizardKey(step, raw, panelOpen, tooSmall(size, smallest.step));
    if (!action) return false;
    handle(action);
    return true;
  };

  const handle = (action: NonNullable<ReturnType<typeof wizardKey>>) => {
    // Going back from the confirmation without confirming is an attempt too: the audit log keeps it (leaving.ts);
    // leaving the wizard is recorded by `leave`.
    const leavesConfirmation = action.type === 'back' || action.type === 'event';
    let warning = auditProblem;
    const problem = leavesConfirmation ? recordLeavingConfirmation(context) : undefined;
    if (problem) {
      warning = problem;
      setAuditProblem(warning);
    }
    switch (action.type) {
      case 'ignore':
        return;
      case 'panelIgnored':
        changes.pending = true;
        return setPanelNote(true);
      case 'leave':
        return leave(action.reason, warning);
      case 'togglePanel':
        changes.pending = true;
        setPanelNote(false);
        if (!panelOpen) setPanelView(openedView(http.exchangesOf(callsOf(step.name))));
        return setPanelOpen((open) => !open);
      case 'panelKey':
        changes.pending = true;
        setPanelNote(false);
        return setPanelView((view) =>
          panelKey(view, action.raw, http.exchangesOf(callsOf(step.name)), shape),
        );
      case 'toggleJson':
        changes.pending = true;
        return setJsonShown((shown) => !shown);
      case 'plan':
        return chooseTenant.requestPlan(context);
      case 'back':
        // Where Esc has nowhere to go (writing a plan, signed in) it does nothing: never an abort without a move.
        if (reducer(state, {type: 'BACK'}) === state) return;
        if (step.name !== 'switching' && step.name !== 'result') operation.abortCurrent();
        return dispatch({type: 'BACK'});
      case 'event':
        return dispatch(action.event);
    }
  };

  const accountLine = account
    ? `Signed in to ${printable(account.tenantName)} at ${account.host}${account.remembered ? ' (saved credentials)' : ''}`
    : '';
  if (ending !== undefined) return <Text>{ending}</Text>;
  return (
    <KeyRouter
      onKey={onKey}
      // A step shown again after the HTTP panel, or after a terminal too small for it, is a new screen too: keys
      // typed before it was on screen never act on it unseen.
      screen={`${screenOf(step)}${panelOpen ? ':panel' : ''}${hidden ? ':hidden' : ''}`}
      busy={isBusy(step)}
      dropsTypedAhead={step.name === 'confirm' && !panelOpen && !hidden}
      onDropped={(count) => dispatch({type: 'TYPED_AHEAD_DROPPED', count})}
      onWaiting={setKeysWaiting}
      frameMs={frameMs}
      changes={changes}
      held={panelOpen}
    >
      <LayoutProvider>
        <SandboxMark sandbox={onLoopbackUrl(form.dataCenter)}>
          <AccountMark name={account?.name}>
            <Sized>
              {notice ? (
                <Flagged symbol="⚠" tone="warning">
                  {notice}
                </Flagged>
              ) : null}
              {auditProblem ? (
                <Flagged symbol="⚠" tone="warning">
                  {auditProblem}
                </Flagged>
              ) : null}
              {panelOpen ? (
                <HttpCallsScreen
                  step={stepNumber}
                  account={accountLine}
                  exchanges={http.exchangesOf(callsOf(step.name))}
                  view={panelView}
                  shape={shape}
                  note={panelNote}
                />
              ) : null}
              {/* Hidden, not unmounted, while the panel is open: what was typed in its field is still there after Tab. */}
              <Box display={panelOpen ? 'none' : 'flex'} flexDirection="column">
                <StepScreen
                  isActive={!panelOpen}
                  state={state}
                  accountLine={accountLine}
                  now={services.clock.now()}
                  sandboxOffered={services.openSandbox !== undefined}
                  rememberedWhere={services.store.newSecretsPlace()}
                  lastDataCenter={services.store.lastProfile()?.dataCenter}
                  accounts={listedAccounts(services.store)}
                  jsonShown={jsonShown}
                  connect={{
                    onDataCenter: (dataCenter) => dispatch({type: 'DATA_CENTER_CHOSEN', dataCenter}),
                    onSandbox: () => void connect.chooseSandbox(context),
                    onAccount: (name) => connect.chooseAccount(context, name),
                    onOtherUrl: () => dispatch({type: 'CUSTOM_URL_REQUESTED'}),
                    onTypedUrl: (dataCenter) => connect.checkDataCenter(context, dataCenter),
                    onClientId: (clientId) => dispatch({type: 'CLIENT_ID_ENTERED', clientId}),
                    onSecret: (secret) => dispatch({type: 'SECRET_ENTERED', secret}),
                    onRemember: (remember) => dispatch({type: 'REMEMBER_ANSWERED', remember}),
                    onContinue: () => dispatch({type: 'ANOTHER_TENANT_REQUESTED'}),
                    onOtherAccount: () => dispatch({type: 'ACCOUNT_SWITCH_REQUESTED'}),
                  }}
                  onLookUp={(query) => chooseTenant.lookUp(context, query)}
                  onChoose={(row, query) => chooseTenant.choose(context, row, query)}
                  onConfirm={() => void confirm.confirm(context)}
                  onPlan={() => chooseTenant.requestPlan(context)}
                  onWritePlan={(chosen) => plan.writePlan(context, chosen)}
                  onBack={() => handle({type: 'back'})}
                  onLeavePlan={(chosen) => dispatch({type: 'PLAN_LEFT', chosen})}
                />
              </Box>
              {keysWaiting > 0 ? (
                <Text>
                  ⌨ {keysWaiting} key{keysWaiting === 1 ? '' : 's'} typed:{' '}
                  {keysWaiting === 1 ? 'it acts' : 'they act'} once the next screen is shown (Esc drops{' '}
                  {keysWaiting === 1 ? 'it' : 'them'}).
                </Text>
              ) : null}
              {http.waiting ? (
                <Countdown reason={http.waiting.reason} until={http.waiting.until} now={services.clock.now} />
              ) : null}
            </Sized>
          </AccountMark>
        </SandboxMark>
      </LayoutProvider>
    </KeyRouter>
  );
}

/** Which screen a step shows: keys typed ahead of a new one wait for its first frame (key-router.tsx). */
function screenOf(step: Step): string {
  if (step.name === 'connect') return `connect/${step.field}`;
  if (step.name === 'chooseTenant' || step.name === 'plan') return `${step.name}/${step.phase}`;
  return step.name;
}

/** A request of the step is running: keys wait for the screen that follows it. */
function isBusy(step: Step): boolean {
  switch (step.name) {
    case 'connect':
      return step.field === 'signingIn' || step.field === 'checkingUrl';
    case 'chooseTenant':
      return step.phase === 'working';
    case 'plan':
      return step.phase === 'reading' || step.phase === 'writing';
    case 'switching':
      return true;
    default:
      return false;
  }
}

/** The wizard's column, as wide as the terminal is now (it follows a resize). */
function Sized({children}: {readonly children: ReactNode}) {
  const {columns} = useLayout();
  return (
    <Box flexDirection="column" width={columns}>
      {children}
    </Box>
  );
}
