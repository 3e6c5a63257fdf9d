import {Box, Text, useApp, useInput, useStdout} from 'ink';
import {useEffect, useReducer, useRef, useState} from 'react';
import {
  type AccessToken,
  type PlatformClient,
  type Pricing,
  printable,
  type SwitchOutcome,
  switchAndVerify,
} from '../platform/index.js';
import {type AuditLog, auditEntryFor, type CredentialStore} from '../store/index.js';
import {Countdown} from './components/Countdown.js';
import {HttpPanel} from './components/HttpPanel.js';
import {StepFrame} from './components/StepFrame.js';
import {StepScreen} from './StepScreen.js';
import {canReconfirm} from './screens/ResultScreen.js';
import {signIn} from './sign-in.js';
import {type ConnectForm, initialState, reducer, stepNumbers, type TenantRow} from './state.js';
import {chooseTenantRow, type LookupContext, lookUpTenant} from './tenant-lookup.js';
import {theme} from './theme.js';
import {useHttpLog} from './use-http-log.js';

export interface WizardServices {
  readonly store: CredentialStore;
  /** Where every switch attempt, confirmed or cancelled, is recorded. */
  readonly audit?: AuditLog;
  readonly now: () => number;
  readonly timeoutMs?: number;
  readonly retry?: {readonly attempts: number; readonly delayMs: number};
  /** Starts (once) the embedded sandbox, offered first in the data center list, and gives its demo credentials. */
  readonly openSandbox?: () => Promise<{
    readonly url: string;
    readonly clientId: string;
    readonly clientSecret: string;
  }>;
}

export interface WizardExit {
  readonly reason: 'quit' | 'interrupted';
  readonly switchesSent: number;
  /** A switch was sent and no answer had come when the operator left. */
  readonly switchInFlight: boolean;
}

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
  const http = useHttpLog();
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
  const latestLeave = useRef(leave);
  latestLeave.current = leave;
  useEffect(() => {
    const stop = () => latestLeave.current('interrupted');
    terminate?.addEventListener('abort', stop, {once: true});
    return () => terminate?.removeEventListener('abort', stop);
  }, [terminate]);

  const signingIn = step.name === 'connect' && step.field === 'signingIn';
  // biome-ignore lint/correctness/useExhaustiveDependencies: signs in once each time the step reaches signingIn
  useEffect(() => {
    if (!signingIn) return;
    const {now, store, timeoutMs, retry} = services;
    const {onExchange, onRetry} = http;
    void signIn({
      form,
      store,
      now,
      timeoutMs,
      retry,
      cachedToken,
      remembered,
      onExchange,
      onRetry,
      dispatch,
      signal: begin(1),
    }).then((platform) => {
      if (platform) client.current = platform;
    });
  }, [signingIn]);

  const lookupContext = (): LookupContext | undefined =>
    client.current && account
      ? {
          platform: client.current,
          account,
          dispatch,
          signal: begin(2),
          pricingCallsBegin: () => http.callsFor(3),
        }
      : undefined;

  /** One audit line for a switch attempt: sent (with its outcome), or cancelled at the confirmation. */
  const record = (row: TenantRow, before: Pricing, outcome?: SwitchOutcome) => {
    const platform = client.current;
    if (!platform || !services.audit) return;
    const {baseUrl: dataCenter, clientId} = platform;
    services.audit.append(
      auditEntryFor({via: 'wizard', dataCenter, clientId, row, before, outcome, at: services.now()}),
    );
  };

  const confirmSwitch = async () => {
    const platform = client.current;
    if (!platform || step.name !== 'confirm') return;
    dispatch({type: 'SWITCH_CONFIRMED'});
    http.callsFor(5);
    switching.current = true;
    const outcome = await switchAndVerify(
      platform,
      step.row.tenant.id,
      step.pricing.version,
      session.current.signal,
    );
    switching.current = false;
    record(step.row, step.pricing, outcome);
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
    if (key.ctrl && input === 'c') {
      if (step.name === 'confirm') record(step.row, step.pricing);
      return leave('interrupted');
    }
    if (key.tab) return setPanelOpen((open) => !open);
    if (key.escape) {
      if (step.name === 'confirm') record(step.row, step.pricing);
      if (step.name !== 'switching' && step.name !== 'result') operation.current?.abort();
      return dispatch({type: 'BACK'});
    }
    if (step.name === 'result' && input === 'r' && canReconfirm(step.outcome) && step.outcome.pricingAfter) {
      return dispatch({type: 'RECONFIRM_REQUESTED', pricing: step.outcome.pricingAfter});
    }
    if (step.name === 'viewPricing' || step.name === 'result') {
      if (input === 'q') return leave('quit');
      if (key.return)
        dispatch({type: step.name === 'result' ? 'ANOTHER_TENANT_REQUESTED' : 'SWITCH_REQUESTED'});
    }
  });

  const accountLine = account
    ? `Signed in to ${printable(account.tenantName)} at ${account.host}${account.remembered ? ' (saved credentials)' : ''}`
    : '';
  return (
    <Box flexDirection="column" width={stdout.columns || 80}>
      {notice ? <Text color={theme.warning}>{notice}</Text> : null}
      {panelOpen ? (
        <StepFrame
          step={stepNumber}
          title="HTTP calls of this step"
          account={accountLine}
          hints={[
            ['Tab', 'back to the step'],
            ['Ctrl+C', 'quit'],
          ]}
        >
          <HttpPanel step={stepNumber} exchanges={http.exchangesOf(stepNumber)} />
        </StepFrame>
      ) : (
        <StepScreen
          state={state}
          accountLine={accountLine}
          now={services.now()}
          sandboxOffered={services.openSandbox !== undefined}
          credentialsPath={services.store.path}
          onConnectEvent={(event) =>
            event.type === 'SANDBOX_CHOSEN' ? void chooseSandbox() : dispatch(event)
          }
          onLookUp={(query) => {
            const context = lookupContext();
            if (context) void lookUpTenant(context, query);
          }}
          onChoose={(row, query) => {
            const context = lookupContext();
            if (context) void chooseTenantRow(context, row, query);
          }}
          onConfirm={confirmSwitch}
        />
      )}
      {http.waiting ? (
        <Countdown reason={http.waiting.reason} until={http.waiting.until} now={Date.now} />
      ) : null}
    </Box>
  );
}
