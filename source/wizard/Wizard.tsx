import {Box, Text, useApp, useInput, useStdout} from 'ink';
import {useEffect, useReducer, useRef, useState} from 'react';
import {type AccessToken, type PlatformClient, printable} from '../platform/index.js';
import {Countdown} from './components/Countdown.js';
import {wizardKey} from './keys.js';
import {StepScreen} from './StepScreen.js';
import {HttpCallsScreen} from './screens/HttpCallsScreen.js';
import type {WizardExit, WizardServices} from './services.js';
import {signIn} from './sign-in.js';
import {type ConnectForm, initialState, reducer, stepNumbers} from './state.js';
import {recordAttempt, type SwitchContext, switchTenant} from './switch-tenant.js';
import {chooseTenantRow, type LookupContext, lookUpTenant} from './tenant-lookup.js';
import {theme} from './theme.js';
import {useHttpLog} from './use-http-log.js';
import {useOnAbort} from './use-on-abort.js';

export interface WizardProps {
  readonly services: WizardServices;
  readonly initialForm?: Partial<ConnectForm>;
  /** From a saved profile: used while it has time left, so that no new token is taken. */
  readonly cachedToken?: AccessToken;
  /** Signed in from saved credentials (the connect step is skipped). */
  readonly remembered?: boolean;
  /** Said once at the top (e.g. a corrupt credentials file was set aside). */
  readonly notice?: string;
  /** Aborted when the process is told to stop (SIGTERM): leave as on Ctrl+C. */
  readonly terminate?: AbortSignal;
  readonly onExit: (exit: WizardExit) => void;
}

/**
 * The only stateful component: holds the state machine, starts the requests (sign-in.ts, tenant-lookup.ts, the
 * switch) and renders the screen of the current step. Esc aborts the request of the step it leaves; Ctrl+C and
 * SIGTERM abort everything.
 */
export function Wizard({
  services,
  initialForm,
  cachedToken,
  remembered = false,
  notice,
  terminate,
  onExit,
}: WizardProps) {
  const {exit} = useApp();
  const {stdout} = useStdout();
  const [state, dispatch] = useReducer(reducer, initialForm, initialState);
  const [panelOpen, setPanelOpen] = useState(false);
  const http = useHttpLog(services.clock);
  const client = useRef<PlatformClient>(undefined);
  const session = useRef(new AbortController());
  const operation = useRef<AbortController>(undefined);
  const switching = useRef(false);
  const {step, form, account} = state;
  const stepNumber = stepNumbers[step.name];

  /** A new abortable operation whose calls belong to `forStep`. */
  const begin = (forStep: number): AbortSignal => {
    http.callsFor(forStep);
    operation.current?.abort();
    operation.current = new AbortController();
    return AbortSignal.any([operation.current.signal, session.current.signal]);
  };

  const leave = (reason: WizardExit['reason']) => {
    session.current.abort();
    onExit({reason, switchesSent: state.switchesSent, switchInFlight: switching.current});
    exit();
  };
  useOnAbort(terminate, () => leave('interrupted'));

  const signingIn = step.name === 'connect' && step.field === 'signingIn';
  // biome-ignore lint/correctness/useExhaustiveDependencies: signs in once each time the step reaches signingIn
  useEffect(() => {
    if (!signingIn) return;
    const {onExchange, onRetry} = http;
    const signal = begin(1);
    const context = {...services, form, cachedToken, remembered, onExchange, onRetry, dispatch, signal};
    void signIn(context).then((platform) => {
      if (platform) client.current = platform;
    });
  }, [signingIn]);

  /** Runs a tenant lookup (step 2, then the pricing read for step 3) once signed in. */
  const lookUp = (run: (context: LookupContext) => Promise<void>) => {
    if (!client.current || !account) return;
    const pricingCallsBegin = () => http.callsFor(3);
    void run({platform: client.current, account, dispatch, signal: begin(2), pricingCallsBegin});
  };

  const switchContext = (): SwitchContext | undefined =>
    client.current ? {platform: client.current, audit: services.audit, clock: services.clock} : undefined;

  const confirmSwitch = async () => {
    const context = switchContext();
    if (!context || step.name !== 'confirm') return;
    dispatch({type: 'SWITCH_CONFIRMED'});
    http.callsFor(5);
    switching.current = true;
    const outcome = await switchTenant(context, step.row, step.pricing, session.current.signal);
    switching.current = false;
    if (!session.current.signal.aborted) dispatch({type: 'SWITCH_FINISHED', outcome});
  };

  const chooseSandbox = async () => {
    const sandbox = await services.openSandbox?.();
    if (!sandbox) return;
    // The sandbox's demo credentials are the same on every machine: nothing to remember.
    const {url: dataCenter, clientId, clientSecret: secret} = sandbox;
    dispatch({type: 'FORM_FILLED', form: {dataCenter, clientId, secret, rememberAsked: true}});
  };

  useInput((input, key) => {
    const action = wizardKey(step, input, key);
    if (!action) return;
    const context = switchContext();
    // Leaving the confirmation without confirming is an attempt too: the audit log keeps it.
    if (step.name === 'confirm' && action.type !== 'togglePanel' && context) {
      recordAttempt(context, step.row, step.pricing);
    }
    switch (action.type) {
      case 'leave':
        return leave(action.reason);
      case 'togglePanel':
        return setPanelOpen((open) => !open);
      case 'back':
        if (step.name !== 'switching' && step.name !== 'result') operation.current?.abort();
        return dispatch({type: 'BACK'});
      case 'event':
        return dispatch(action.event);
    }
  });

  const accountLine = account
    ? `Signed in to ${printable(account.tenantName)} at ${account.host}${account.remembered ? ' (saved credentials)' : ''}`
    : '';
  return (
    <Box flexDirection="column" width={stdout.columns || 80}>
      {notice ? <Text color={theme.warning}>{notice}</Text> : null}
      {panelOpen ? (
        <HttpCallsScreen step={stepNumber} account={accountLine} exchanges={http.exchangesOf(stepNumber)} />
      ) : (
        <StepScreen
          state={state}
          accountLine={accountLine}
          now={services.clock.now()}
          sandboxOffered={services.openSandbox !== undefined}
          credentialsPath={services.store.path}
          onConnectEvent={(event) =>
            event.type === 'SANDBOX_CHOSEN' ? void chooseSandbox() : dispatch(event)
          }
          onLookUp={(query) => lookUp((context) => lookUpTenant(context, query))}
          onChoose={(row, query) => lookUp((context) => chooseTenantRow(context, row, query))}
          onConfirm={confirmSwitch}
        />
      )}
      {http.waiting ? (
        <Countdown reason={http.waiting.reason} until={http.waiting.until} now={services.clock.now} />
      ) : null}
    </Box>
  );
}
