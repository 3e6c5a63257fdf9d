import {Box, Text, useApp, useStdout} from 'ink';
import {type ReactNode, useEffect, useReducer, useRef, useState} from 'react';
import {
  type AccessToken,
  accountOf,
  applyCommand,
  applyCommandNote,
  type ConfirmedSwitch,
  choose,
  dayStart,
  defaultPlanDay,
  formatDay,
  type InFlightSwitch,
  isLoopbackHost,
  type Lookup,
  lookUp,
  lookupBusyText,
  lookupFailureText,
  messageOf,
  normalizeBaseUrl,
  pricingOf,
  printable,
  reachDataCenter,
  readCandidates,
  recordNotConfirmed,
  rerunOf,
  type Session,
  savePlan,
  signIn,
  signInFault,
  switchToProduction,
  TenantNotFound,
  type TenantRow,
  wizardEnd,
} from '../procedure/index.js';
import {Countdown} from './components/Countdown.js';
import {Flagged} from './components/Flagged.js';
import {knownDataCenters} from './data-centers.js';
import {KeyRouter} from './key-router.js';
import {wizardKey} from './keys.js';
import {LayoutProvider, SandboxMark, smallest, tooSmall, useLayout} from './layout.js';
import {StepScreen} from './StepScreen.js';
import {HttpCallsScreen} from './screens/HttpCallsScreen.js';
import type {WizardExit, WizardServices} from './services.js';
import {type ConnectForm, initialState, reducer, type Step, stepNumbers} from './state.js';
import {useHttpLog} from './use-http-log.js';
import {useOnAbort} from './use-on-abort.js';
import {useOperation} from './use-operation.js';

export interface WizardProps {
  readonly services: WizardServices;
  readonly initialForm?: Partial<ConnectForm>;
  /** From a saved profile: used while it has time left, so that no new token is taken. */
  readonly cachedToken?: AccessToken;
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
export function Wizard({
  services,
  initialForm,
  cachedToken,
  notice,
  terminate,
  frameMs = 0,
  onExit,
}: WizardProps) {
  const {exit} = useApp();
  const {stdout} = useStdout();
  const [state, reduce] = useReducer(reducer, initialForm, initialState);
  /** Set when a key changed the state: the next key waits for that render (key-router.tsx). */
  const changes = useRef({pending: false}).current;
  const latestState = useRef(state);
  latestState.current = state;
  const dispatch = (event: Parameters<typeof reducer>[1]) => {
    if (reducer(latestState.current, event) !== latestState.current) changes.pending = true;
    reduce(event);
  };
  const [panelOpen, setPanelOpen] = useState(false);
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
  const http = useHttpLog(services.clock);
  const operation = useOperation();
  const session = useRef<Session>(undefined);
  const switching = useRef<InFlightSwitch | undefined>(undefined);
  /** The embedded sandbox's API base, once chosen: a plan for it is a rehearsal (it ends with the wizard). */
  const embeddedSandbox = useRef<string | undefined>(undefined);
  const {step, form, account} = state;
  const program = services.program ?? ['tenant-mode'];
  const stepNumber = stepNumbers[step.name];

  const [ending, setEnding] = useState<string>();
  const leave = (reason: WizardExit['reason'], warning = auditProblem) => {
    operation.abortAll();
    const inFlight = switching.current;
    const end = wizardEnd(reason, state.sent, inFlight);
    const {exitCode} = end;
    const text = warning ? `${end.text}\nWarning: ${warning}` : end.text;
    // A command to run (indented) goes after the last frame, where the terminal does not break it into lines that no
    // longer paste; so does each plan written this run, with the command to run on the day (runWizard).
    const commands = text
      .split('\n')
      .filter((line) => line.startsWith('  '))
      .map((line) => line.trim());
    const afterwards = [
      ...commands,
      ...state.plans.map(
        (plan) =>
          `Plan for ${formatDay(dayStart(plan.day))} (UTC): ${plan.file}\nOn the day run: ${plan.command}\n${applyCommandNote(plan.signIn)}`,
      ),
    ].join('\n');
    onExit({
      reason,
      switchesSent: state.switchesSent,
      switchInFlight: inFlight !== undefined,
      summary: text,
      exitCode,
      ...(afterwards ? {afterwards} : {}),
    });
    // The last frame becomes one line (what was switched, or that nothing was sent), not the key hints of a step.
    setEnding(
      text
        .split('\n')
        .filter((line) => !line.startsWith('  '))
        .join('\n'),
    );
  };
  useEffect(() => {
    if (ending !== undefined) exit();
  }, [ending, exit]);
  useOnAbort(terminate, () => leave('interrupted'));

  const signingIn = step.name === 'connect' && step.field === 'signingIn';
  // biome-ignore lint/correctness/useExhaustiveDependencies: signs in once each time the step reaches signingIn
  useEffect(() => {
    if (!signingIn) return;
    http.callsFor(1);
    const {store, clock, timeoutMs, retry} = services;
    const options = {store, clock, timeoutMs, retry, cachedToken, remember: form.remember};
    operation.run(
      async (signal) => {
        const signedIn = await signIn(form, {
          ...options,
          signal,
          onExchange: http.onExchange,
          onRetry: http.onRetry,
        });
        return {signedIn, account: await accountOf(signedIn, signal)};
      },
      ({signedIn, account}) => {
        session.current = signedIn;
        // Saved: signed in from the saved profile, or with new credentials the operator chose to remember.
        dispatch({type: 'SIGNED_IN', account: {...account, remembered: form.remember}});
      },
      (error) => {
        const {fault, message} = signInFault(error);
        const known = knownDataCenters.some((center) => center.url === form.dataCenter);
        const field = fault === 'dataCenter' && !known ? 'customUrl' : fault;
        dispatch({type: 'SIGN_IN_FAILED', field, error: message});
      },
    );
  }, [signingIn]);

  /** What a look-up or a choice came to: a list to show, or a customer whose pricing is read next (step 3). */
  const shown = (found: Lookup, query: string) => {
    if (found.kind === 'list')
      return dispatch({type: 'LOOKUP_FOUND', rows: found.rows, listTitle: found.title});
    readPricing(found.row, query);
  };
  const failed = (refused: 'LOOKUP_FAILED' | 'CHOICE_REFUSED') => (error: unknown) =>
    dispatch({
      type: error instanceof TenantNotFound ? refused : 'LOOKUP_FAILED',
      error:
        error instanceof TenantNotFound ? error.message : lookupFailureText(error, account?.tenantName ?? ''),
    });

  const onLookUp = (query: string) => {
    const signedIn = session.current;
    if (!signedIn) return;
    http.callsFor(2);
    dispatch({type: 'LOOKUP_STARTED', query, busy: lookupBusyText(query, account?.tenantName ?? '')});
    operation.run(
      (signal) => lookUp(signedIn, query, signal),
      (found) => shown(found, query),
      failed('LOOKUP_FAILED'),
    );
  };

  const onChoose = (row: TenantRow, query: string) => {
    const signedIn = session.current;
    if (!signedIn) return;
    http.callsFor(2);
    if (step.name === 'chooseTenant') dispatch({type: 'ROW_CHOSEN', index: step.rows.indexOf(row)});
    if (row.tenant.kind !== 'customer') {
      dispatch({type: 'LOOKUP_STARTED', query: '', busy: lookupBusyText('', row.tenant.name)});
    }
    operation.run(
      (signal) => choose(signedIn, row, signal),
      (found) => shown(found, query),
      failed('CHOICE_REFUSED'),
    );
  };

  const readPricing = (row: TenantRow, query: string) => {
    const signedIn = session.current;
    if (!signedIn) return;
    http.callsFor(3);
    dispatch({type: 'LOOKUP_STARTED', query, busy: `Reading the pricing of ${printable(row.tenant.name)}…`});
    operation.run(
      (signal) => pricingOf(signedIn, row, signal),
      (pricing) => dispatch({type: 'PRICING_LOADED', row, pricing}),
      failed('LOOKUP_FAILED'),
    );
  };

  const confirmedSwitch = (): ConfirmedSwitch | undefined =>
    session.current && step.name === 'confirm'
      ? {
          session: session.current,
          row: step.row,
          before: step.pricing,
          via: 'wizard',
          audit: services.audit,
          clock: services.clock,
          program,
        }
      : undefined;

  const onConfirm = async () => {
    const request = confirmedSwitch();
    if (!request) return;
    dispatch({type: 'SWITCH_CONFIRMED'});
    http.callsFor(5);
    switching.current = {name: request.row.tenant.name, id: request.row.tenant.id, rerun: rerunOf(request)};
    try {
      const {outcome, auditWarning} = await switchToProduction(request, operation.lasting);
      if (!operation.lasting.aborted) dispatch({type: 'SWITCH_FINISHED', outcome, auditWarning});
    } catch (error) {
      // Only SwitchNotSent is expected (nothing was sent); anything else is said the same way, never swallowed.
      dispatch({type: 'SWITCH_NOT_SENT', error: messageOf(error)});
    } finally {
      switching.current = undefined;
    }
  };

  // Planning the 1st: the trial customers and their pricing are read once the plan step opens.
  const readingPlan = step.name === 'plan' && step.phase === 'reading';
  // biome-ignore lint/correctness/useExhaustiveDependencies: reads once each time the plan step starts reading
  useEffect(() => {
    const signedIn = session.current;
    if (!readingPlan || step.name !== 'plan' || !signedIn) return;
    http.callsFor(2);
    operation.run(
      (signal) => readCandidates(signedIn, step.day, {signal}),
      ({planned, endingBefore}) => dispatch({type: 'PLAN_READ', candidates: planned, endingBefore}),
      (error) => dispatch({type: 'PLAN_FAILED', error: lookupFailureText(error, account?.tenantName ?? '')}),
    );
  }, [readingPlan]);

  const onPlan = () => dispatch({type: 'PLAN_REQUESTED', day: defaultPlanDay(services.clock.now())});

  const onWritePlan = (chosen: ReadonlySet<string>) => {
    const signedIn = session.current;
    if (!signedIn || step.name !== 'plan') return;
    const tenants = step.candidates.filter((candidate) => chosen.has(candidate.id));
    if (tenants.length === 0) {
      dispatch({
        type: 'PLAN_FAILED',
        error: 'No customer is checked: check at least one (Space, or + for all shown).',
      });
      return;
    }
    dispatch({type: 'PLAN_WRITE_STARTED', chosen});
    operation.run(
      (signal) => savePlan(signedIn, step.day, tenants, services.clock.now(), signal),
      (file) =>
        dispatch({
          type: 'PLAN_WRITTEN',
          file,
          command: applyCommand(file, {
            program,
            dataCenter: signedIn.client.baseUrl,
            clientId: signedIn.client.clientId,
          }),
          signIn: {
            embeddedSandbox: embeddedSandbox.current === signedIn.client.baseUrl,
            saved: account?.remembered === true,
          },
        }),
      (error) => dispatch({type: 'PLAN_FAILED', error: messageOf(error)}),
    );
  };

  /** A typed URL is reached at once: a wrong one is said before a client id and secret are typed for it. */
  const checkDataCenter = (dataCenter: string) => {
    http.callsFor(1);
    dispatch({type: 'DATA_CENTER_CHECKING', dataCenter});
    const {clock, timeoutMs = 30_000} = services;
    operation.run(
      (signal) => reachDataCenter(dataCenter, {clock, timeoutMs, signal}),
      () => dispatch({type: 'DATA_CENTER_CHOSEN', dataCenter}),
      (error) => dispatch({type: 'DATA_CENTER_REFUSED', dataCenter, error: signInFault(error).message}),
    );
  };

  const chooseSandbox = async () => {
    const sandbox = await services.openSandbox?.();
    if (!sandbox) return;
    // The sandbox's demo credentials are the same on every machine: nothing to remember.
    const {url: dataCenter, clientId, clientSecret: secret} = sandbox;
    embeddedSandbox.current = normalizeBaseUrl(dataCenter);
    dispatch({type: 'FORM_FILLED', form: {dataCenter, clientId, secret, rememberAsked: true}});
  };

  const onKey = (raw: string): boolean => {
    const size = {columns: stdout.columns || 80, rows: stdout.rows || 24, compact: true};
    const action = wizardKey(step, raw, panelOpen, tooSmall(size, smallest.step));
    if (!action) return false;
    handle(action);
    return true;
  };

  const handle = (action: NonNullable<ReturnType<typeof wizardKey>>) => {
    // Leaving the confirmation without confirming is an attempt too: the audit log keeps it.
    const request = confirmedSwitch();
    const leavesConfirmation = action.type === 'leave' || action.type === 'back' || action.type === 'event';
    let warning = auditProblem;
    if (step.name === 'confirm' && leavesConfirmation && request) {
      const problem = recordNotConfirmed(request);
      // Said, never dropped: the log is missing a line the operator would look for.
      if (problem) {
        warning = `Leaving the confirmation was not recorded: ${problem}`;
        setAuditProblem(warning);
      }
    }
    switch (action.type) {
      case 'ignore':
        return;
      case 'leave':
        return leave(action.reason, warning);
      case 'togglePanel':
        changes.pending = true;
        return setPanelOpen((open) => !open);
      case 'toggleJson':
        changes.pending = true;
        return setJsonShown((shown) => !shown);
      case 'plan':
        return onPlan();
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
    >
      <LayoutProvider>
        <SandboxMark sandbox={onLoopback(form.dataCenter)}>
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
                planning={step.name === 'plan'}
                step={stepNumber}
                account={accountLine}
                exchanges={http.exchangesOf(stepNumber)}
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
                credentialsPath={services.store.path}
                lastDataCenter={services.store.lastProfile()?.dataCenter}
                jsonShown={jsonShown}
                connect={{
                  onDataCenter: (dataCenter) => dispatch({type: 'DATA_CENTER_CHOSEN', dataCenter}),
                  onSandbox: () => void chooseSandbox(),
                  onOtherUrl: () => dispatch({type: 'CUSTOM_URL_REQUESTED'}),
                  onTypedUrl: checkDataCenter,
                  onClientId: (clientId) => dispatch({type: 'CLIENT_ID_ENTERED', clientId}),
                  onSecret: (secret) => dispatch({type: 'SECRET_ENTERED', secret}),
                  onRemember: (remember) => dispatch({type: 'REMEMBER_ANSWERED', remember}),
                  onContinue: () => dispatch({type: 'ANOTHER_TENANT_REQUESTED'}),
                  onOtherAccount: () => dispatch({type: 'ACCOUNT_SWITCH_REQUESTED'}),
                }}
                onLookUp={onLookUp}
                onChoose={onChoose}
                onConfirm={onConfirm}
                onPlan={onPlan}
                onWritePlan={onWritePlan}
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

/** A data center on this machine: the embedded sandbox, or a local double of the platform. */
function onLoopback(dataCenter: string): boolean {
  try {
    return isLoopbackHost(new URL(dataCenter).hostname);
  } catch {
    return false;
  }
}
