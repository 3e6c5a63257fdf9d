import {Box, Text, useApp, useInput, useStdout} from 'ink';
import {useCallback, useEffect, useReducer, useRef, useState} from 'react';
import {
  type AccessToken,
  type Exchange,
  findTenants,
  isUuid,
  PlatformClient,
  type Pricing,
  pathOf,
  printable,
  type SwitchOutcome,
  searchLimit,
  switchAndVerify,
  type Tenant,
  whyNotSwitchable,
} from '../platform/index.js';
import {type AuditLog, auditEntryFor, type CredentialStore} from '../store/index.js';
import {Countdown} from './components/Countdown.js';
import {HttpPanel} from './components/HttpPanel.js';
import {StepFrame} from './components/StepFrame.js';
import {describeLookupFailure, describeSignInFailure} from './failures.js';
import {ChooseTenantScreen} from './screens/ChooseTenantScreen.js';
import {ConfirmScreen} from './screens/ConfirmScreen.js';
import {ConnectScreen, hostOf} from './screens/ConnectScreen.js';
import {PricingScreen} from './screens/PricingScreen.js';
import {canReconfirm, ResultScreen} from './screens/ResultScreen.js';
import {type ConnectForm, initialState, reducer, stepNumbers, type TenantRow} from './state.js';
import {theme} from './theme.js';

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

/** The only stateful component: holds the state machine, runs the requests, dispatches what came back. */
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
  const [, setExchangeCount] = useState(0);
  const [waiting, setWaiting] = useState<{reason: string; until: number}>();
  const client = useRef<PlatformClient>(undefined);
  const session = useRef(new AbortController());
  const operation = useRef<AbortController>(undefined);
  /** Each exchange with the step (1–5) whose request it was; the panel shows the current step's. */
  const exchanges = useRef<Array<{step: number; exchange: Exchange}>>([]);
  const callsFor = useRef(1);
  const switching = useRef(false);
  const stepNumber = stepNumbers[state.step.name];
  const {step, form, account} = state;

  /** A new abortable operation; Esc aborts it, Ctrl+C aborts everything. */
  /** The calls from now on belong to this step; its earlier ones are dropped from the panel. */
  const recordCallsFor = useCallback((forStep: number) => {
    callsFor.current = forStep;
    exchanges.current = exchanges.current.filter((entry) => entry.step !== forStep);
  }, []);

  const begin = useCallback(
    (forStep: number): AbortSignal => {
      recordCallsFor(forStep);
      operation.current?.abort();
      operation.current = new AbortController();
      return AbortSignal.any([operation.current.signal, session.current.signal]);
    },
    [recordCallsFor],
  );

  const leave = (reason: WizardExit['reason']) => {
    session.current.abort();
    onExit({reason, switchesSent: state.switchesSent, switchInFlight: switching.current});
    exit();
  };
  const leaveNow = useRef(leave);
  leaveNow.current = leave;
  useEffect(() => {
    const stop = () => leaveNow.current('interrupted');
    terminate?.addEventListener('abort', stop, {once: true});
    return () => terminate?.removeEventListener('abort', stop);
  }, [terminate]);

  const signIn = useCallback(
    async (signIn: ConnectForm) => {
      const signal = begin(1);
      try {
        const platform = new PlatformClient({
          dataCenter: signIn.dataCenter,
          clientId: signIn.clientId,
          clientSecret: signIn.secret,
          timeoutMs: services.timeoutMs,
          retry: services.retry,
          now: services.now,
          cachedToken,
          onToken: (token) => {
            if (signIn.remember) services.store.saveToken(platform.baseUrl, platform.clientId, token);
          },
          onExchange: (exchange) => {
            exchanges.current.push({step: callsFor.current, exchange});
            setExchangeCount((count) => count + 1);
            setWaiting(undefined);
          },
          onRetry: (error, _attempt, delayMs) => {
            const reason =
              error.status === 429
                ? 'The platform asked to wait (429 Too Many Requests)'
                : `The platform answered ${error.status ?? error.kind}`;
            // Real time, not services.now: the wait itself is real.
            setWaiting({reason, until: Date.now() + delayMs});
          },
        });
        await platform.authenticate(signal);
        const own = await platform.getTenant((await platform.whoAmI(signal)).tenant_id, signal);
        if (signal.aborted) return;
        client.current = platform;
        if (signIn.remember) {
          services.store.save({
            dataCenter: platform.baseUrl,
            clientId: platform.clientId,
            clientSecret: signIn.secret,
            token: platform.token,
            tenantName: own.name,
          });
        }
        const host = hostOf(signIn.dataCenter);
        dispatch({
          type: 'SIGNED_IN',
          account: {host, clientId: platform.clientId, tenantId: own.id, tenantName: own.name, remembered},
        });
      } catch (error) {
        if (!signal.aborted) dispatch({type: 'SIGN_IN_FAILED', ...describeSignInFailure(error, signIn)});
      }
    },
    [begin, cachedToken, remembered, services],
  );

  useEffect(() => {
    if (step.name === 'connect' && step.field === 'signingIn') void signIn(form);
  }, [step, form, signIn]);

  const browse = async (
    parent: Pick<Tenant, 'id' | 'name'>,
    path: readonly string[],
    signal: AbortSignal,
  ) => {
    const platform = client.current;
    if (!platform) return;
    dispatch({
      type: 'LOOKUP_STARTED',
      query: '',
      busy: `Reading the tenants under ${printable(parent.name)}…`,
    });
    const children = await platform.listChildren(parent.id, {signal});
    if (signal.aborted) return;
    if (children.length === 0) {
      dispatch({type: 'LOOKUP_FAILED', error: `There are no tenants under ${printable(parent.name)}.`});
      return;
    }
    const rows = children.map((tenant) => ({tenant, path: [...path, parent.name]}));
    dispatch({
      type: 'LOOKUP_FOUND',
      rows,
      listTitle: `Tenants under ${printable(parent.name)} (${rows.length}):`,
    });
  };

  const choose = async (row: TenantRow, signal: AbortSignal) => {
    const platform = client.current;
    if (!platform) return;
    if (row.tenant.kind !== 'customer') {
      if (row.tenant.has_children && row.tenant.kind !== 'unit') await browse(row.tenant, row.path, signal);
      else
        dispatch({type: 'CHOICE_REFUSED', error: whyNotSwitchable(row.tenant) ?? 'Not a customer tenant.'});
      return;
    }
    dispatch({
      type: 'LOOKUP_STARTED',
      query: step.name === 'chooseTenant' ? step.query : '',
      busy: `Reading the pricing of ${printable(row.tenant.name)}…`,
    });
    recordCallsFor(3);
    const pricing = await platform.getPricing(row.tenant.id, signal);
    if (!signal.aborted) dispatch({type: 'PRICING_LOADED', row, pricing});
  };

  const lookUp = async (query: string) => {
    const platform = client.current;
    if (!platform || !account) return;
    const signal = begin(2);
    const text = query.trim();
    try {
      if (text === '') {
        await browse({id: account.tenantId, name: account.tenantName}, [], signal);
      } else if (isUuid(text.toLowerCase())) {
        const id = text.toLowerCase();
        dispatch({type: 'LOOKUP_STARTED', query, busy: `Reading tenant ${id}…`});
        const tenant = await platform.getTenant(id, signal);
        const reason = tenant.kind === 'customer' ? undefined : whyNotSwitchable(tenant);
        if (reason && !tenant.has_children)
          dispatch({type: 'LOOKUP_FAILED', error: `${printable(tenant.name)}: ${reason}`});
        else await choose({tenant, path: await pathOf(platform, tenant, account.tenantId, signal)}, signal);
      } else if (/^[0-9a-f]{8}-/i.test(text)) {
        dispatch({
          type: 'LOOKUP_FAILED',
          error: `"${text}" looks like a UUID but is not one (8-4-4-4-12 hex digits).`,
        });
      } else {
        dispatch({type: 'LOOKUP_STARTED', query, busy: `Searching for "${text}"…`});
        const rows = await findTenants(platform, text, account.tenantId, signal);
        if (signal.aborted) return;
        if (rows.length === 0) {
          dispatch({
            type: 'LOOKUP_FAILED',
            error: `No tenant matches "${text}" under ${printable(account.tenantName)}.`,
          });
        } else {
          const title = `${rows.length} ${rows.length === 1 ? 'tenant matches' : 'tenants match'} "${text}"${rows.length >= searchLimit ? ` (the first ${searchLimit}: type more of the name to narrow)` : ''}:`;
          dispatch({type: 'LOOKUP_FOUND', rows, listTitle: title});
        }
      }
    } catch (error) {
      if (!signal.aborted)
        dispatch({type: 'LOOKUP_FAILED', error: describeLookupFailure(error, account.tenantName)});
    }
  };

  const chooseRow = async (row: TenantRow) => {
    const signal = begin(2);
    try {
      await choose(row, signal);
    } catch (error) {
      if (!signal.aborted && account)
        dispatch({type: 'LOOKUP_FAILED', error: describeLookupFailure(error, account.tenantName)});
    }
  };

  const confirmSwitch = async () => {
    const platform = client.current;
    if (!platform || step.name !== 'confirm') return;
    dispatch({type: 'SWITCH_CONFIRMED'});
    recordCallsFor(5);
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
    dispatch({
      type: 'FORM_FILLED',
      form: {
        dataCenter: sandbox.url,
        clientId: sandbox.clientId,
        secret: sandbox.clientSecret,
        rememberAsked: true,
      },
    });
  };

  /** One audit line for a switch attempt: sent (with its outcome), or cancelled at the confirmation. */
  const record = (row: TenantRow, before: Pricing, outcome?: SwitchOutcome) => {
    const platform = client.current;
    if (!platform || !services.audit) return;
    services.audit.append(
      auditEntryFor({
        via: 'wizard',
        dataCenter: platform.baseUrl,
        clientId: platform.clientId,
        row,
        before,
        outcome,
        at: services.now(),
      }),
    );
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
  const width = stdout.columns || 80;
  return (
    <Box flexDirection="column" width={width}>
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
          <HttpPanel
            step={stepNumber}
            exchanges={exchanges.current
              .filter((entry) => entry.step === stepNumber)
              .map((entry) => entry.exchange)}
          />
        </StepFrame>
      ) : null}
      {!panelOpen && step.name === 'connect' ? (
        <ConnectScreen
          field={step.field}
          form={form}
          error={step.error}
          account={account}
          sandboxOffered={services.openSandbox !== undefined}
          credentialsPath={services.store.path}
          onEvent={(event) => {
            if (event.type === 'SANDBOX_CHOSEN') void chooseSandbox();
            else dispatch(event);
          }}
        />
      ) : null}
      {!panelOpen && step.name === 'chooseTenant' ? (
        <ChooseTenantScreen step={step} account={accountLine} onLookUp={lookUp} onChoose={chooseRow} />
      ) : null}
      {!panelOpen && step.name === 'viewPricing' ? (
        <PricingScreen row={step.row} pricing={step.pricing} account={accountLine} now={services.now()} />
      ) : null}
      {!panelOpen && step.name === 'confirm' ? (
        <ConfirmScreen
          row={step.row}
          pricing={step.pricing}
          account={accountLine}
          now={services.now()}
          onConfirm={confirmSwitch}
        />
      ) : null}
      {!panelOpen && step.name === 'switching' ? (
        <ResultScreen row={step.row} account={accountLine} before={step.pricing} />
      ) : null}
      {!panelOpen && step.name === 'result' ? (
        <ResultScreen row={step.row} account={accountLine} before={step.before} outcome={step.outcome} />
      ) : null}
      {waiting ? <Countdown reason={waiting.reason} until={waiting.until} now={Date.now} /> : null}
    </Box>
  );
}
