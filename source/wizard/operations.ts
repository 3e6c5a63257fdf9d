// The wizard's controller: each step's operations in one table, keyed by step. An operation is a procedure call
// (sign in, look up, read the pricing, switch, plan) run as the step's request, whose value or failure becomes one
// event of the state machine (state.ts); the HTTP calls it makes are filed under its step (state.ts, callsOf), for
// the panel. Views never call these: Wizard.tsx hands them to the screens.
import {
  accountOf,
  applyCommand,
  type ConfirmedSwitch,
  choose,
  defaultPlanDay,
  type InFlightSwitch,
  KeyringError,
  type Lookup,
  lookUp,
  lookupBusyText,
  lookupFailureText,
  messageOf,
  nameRemembered,
  normalizeBaseUrl,
  pricingOf,
  printable,
  reachDataCenter,
  readCandidates,
  rememberedAccount,
  rerunOf,
  type Session,
  savePlan,
  sessionRerun,
  signIn,
  signInFault,
  switchToProduction,
  TenantNotFound,
  type TenantRow,
} from '../procedure/index.js';
import {knownDataCenters} from './data-centers.js';
import type {HttpLog} from './http-log.js';
import type {OperationRunner} from './operation-runner.js';
import type {WizardServices} from './services.js';
import {callsOf as panelList, type Step, type WizardEvent, type WizardState} from './state.js';

/** What an operation works with: the run so far (kept across renders), the services, and where its results go. */
export interface OperationContext {
  readonly state: WizardState;
  readonly services: WizardServices;
  readonly dispatch: (event: WizardEvent) => void;
  readonly http: HttpLog;
  readonly operation: OperationRunner;
  readonly program: readonly string[];
  /** Signed in: the session every later step's calls use. */
  readonly session: {current: Session | undefined};
  /** The switch whose PUT is on its way, for what leaving says. */
  readonly switching: {current: InFlightSwitch | undefined};
  /** The embedded sandbox's API base, once chosen: a plan for it is a rehearsal (it ends with the wizard). */
  readonly embeddedSandbox: {current: string | undefined};
}

/**
 * The step's calls go to its list in the HTTP panel (state.ts, `callsOf`); `fresh` starts that list anew — a new
 * search does, choosing a row of its results adds to them.
 */
function callsOf(context: OperationContext, step: Step['name'], fresh = true): void {
  context.http.callsFor(panelList(step), fresh);
}

const tenantName = (context: OperationContext) => context.state.account?.tenantName ?? '';

// Step 1: connect.

function signInNow(context: OperationContext): void {
  const {services, state, http, operation, dispatch} = context;
  const {form} = state;
  callsOf(context, 'connect');
  const {store, clock, timeoutMs, retry} = services;
  // A remembered account's token is used only when what is signed in with is that account — data center, client id
  // and its own secret alike: never sent to another host, nor taken as proof of a secret typed since.
  const remembered = rememberedAccount(store, form);
  // The account of this data center and client, if remembered (its secret aside): it names the session.
  const known = rememberedProfile(store, form);
  const options = {
    store,
    clock,
    timeoutMs,
    retry,
    cachedToken: remembered?.token,
    accountName: known?.name,
    remember: form.remember,
    // The embedded sandbox: a rehearsal, whatever is remembered of it.
    rehearsal: context.embeddedSandbox.current === normalizeBaseUrl(form.dataCenter),
  };
  operation.run(
    async (signal) => {
      const signedIn = await signIn(form, {
        ...options,
        signal,
        onExchange: http.onExchange,
        onRetry: http.onRetry,
      });
      const account = await accountOf(signedIn, signal);
      // Remembered now: named as login names an account (a new one after its tenant), its tenant's name kept.
      const name = form.remember ? nameRemembered(signedIn, account.tenantName, !known) : known?.name;
      return {signedIn: name ? {...signedIn, account: name} : signedIn, account: {...account, name}};
    },
    ({signedIn, account}) => {
      context.session.current = signedIn;
      // Saved: signed in from a remembered account, or with new credentials the operator chose to remember.
      dispatch({type: 'SIGNED_IN', account: {...account, remembered: form.remember}});
    },
    (error) => {
      const {fault, message} = signInFault(error);
      const known = knownDataCenters.some((center) => center.url === form.dataCenter);
      const field = fault === 'dataCenter' && !known ? 'customUrl' : fault;
      dispatch({type: 'SIGN_IN_FAILED', field, error: message});
    },
  );
}

/** The remembered account of this data center and client, its secret aside. */
function rememberedProfile(store: WizardServices['store'], form: {dataCenter: string; clientId: string}) {
  return form.dataCenter && form.clientId ? store.profile(form.dataCenter, form.clientId) : undefined;
}

/** A remembered account chosen in step 1's list: signed in with its own secret, wherever it is kept. */
function chooseAccount(context: OperationContext, name: string): void {
  const {store} = context.services;
  const account = store.account(name);
  if (!account) return;
  const form = {
    dataCenter: account.dataCenter,
    clientId: account.clientId,
    remember: true,
    rememberAsked: true,
  };
  try {
    // No secret remembered for it (0.2 remembered some so): the secret is asked for.
    const secret = store.secretsOf(account)?.clientSecret ?? '';
    context.dispatch({type: 'FORM_FILLED', form: {...form, secret}});
  } catch (error) {
    if (!(error instanceof KeyringError)) throw error;
    // Its keyring cannot give the secret now: said, the account's data center and client id kept to type it.
    context.dispatch({type: 'FORM_FILLED', form: {...form, secret: ''}});
    context.dispatch({
      type: 'SIGN_IN_FAILED',
      field: 'secret',
      error: `The secret of the account "${name}" is kept in the keyring, and ${error.message}: type it, or unlock the keyring and choose the account again.`,
    });
  }
}

/** A typed URL is reached at once: a wrong one is said before a client id and secret are typed for it. */
function checkDataCenter(context: OperationContext, dataCenter: string): void {
  const {services, operation, dispatch} = context;
  callsOf(context, 'connect');
  dispatch({type: 'DATA_CENTER_CHECKING', dataCenter});
  const {clock, timeoutMs = 30_000} = services;
  operation.run(
    (signal) => reachDataCenter(dataCenter, {clock, timeoutMs, signal}),
    () => dispatch({type: 'DATA_CENTER_CHOSEN', dataCenter}),
    (error) => dispatch({type: 'DATA_CENTER_REFUSED', dataCenter, error: signInFault(error).message}),
  );
}

async function chooseSandbox(context: OperationContext): Promise<void> {
  const sandbox = await context.services.openSandbox?.();
  if (!sandbox) return;
  // The sandbox's demo credentials are the same on every machine: nothing to remember.
  const {url: dataCenter, clientId, clientSecret: secret} = sandbox;
  context.embeddedSandbox.current = normalizeBaseUrl(dataCenter);
  context.dispatch({type: 'FORM_FILLED', form: {dataCenter, clientId, secret, rememberAsked: true}});
}

// Step 2: choose the tenant (and, from there, step 3: read its pricing).

/** What a look-up or a choice came to: a list to show, or a customer whose pricing is read next (step 3). */
function shown(context: OperationContext, found: Lookup, query: string): void {
  if (found.kind === 'list') {
    context.dispatch({type: 'LOOKUP_FOUND', rows: found.rows, listTitle: found.title});
    return;
  }
  readPricing(context, found.row, query);
}

function failed(context: OperationContext, refused: 'LOOKUP_FAILED' | 'CHOICE_REFUSED') {
  return (error: unknown) =>
    context.dispatch({
      type: error instanceof TenantNotFound ? refused : 'LOOKUP_FAILED',
      error: error instanceof TenantNotFound ? error.message : lookupFailureText(error, tenantName(context)),
    });
}

function lookUpTenant(context: OperationContext, query: string): void {
  const signedIn = context.session.current;
  if (!signedIn) return;
  callsOf(context, 'chooseTenant');
  context.dispatch({type: 'LOOKUP_STARTED', query, busy: lookupBusyText(query, tenantName(context))});
  context.operation.run(
    (signal) => lookUp(signedIn, query, signal),
    (found) => shown(context, found, query),
    failed(context, 'LOOKUP_FAILED'),
  );
}

function chooseRow(context: OperationContext, row: TenantRow, query: string): void {
  const signedIn = context.session.current;
  if (!signedIn) return;
  const {step} = context.state;
  callsOf(context, 'chooseTenant', false);
  if (step.name === 'chooseTenant') context.dispatch({type: 'ROW_CHOSEN', index: step.rows.indexOf(row)});
  if (row.tenant.kind !== 'customer') {
    context.dispatch({type: 'LOOKUP_STARTED', query: '', busy: lookupBusyText('', row.tenant.name)});
  }
  context.operation.run(
    (signal) => choose(signedIn, row, signal),
    (found) => shown(context, found, query),
    failed(context, 'CHOICE_REFUSED'),
  );
}

function readPricing(context: OperationContext, row: TenantRow, query: string): void {
  const signedIn = context.session.current;
  if (!signedIn) return;
  callsOf(context, 'viewPricing');
  context.dispatch({
    type: 'LOOKUP_STARTED',
    query,
    busy: `Reading the pricing of ${printable(row.tenant.name)}…`,
  });
  context.operation.run(
    (signal) => pricingOf(signedIn, row, signal),
    (pricing) => context.dispatch({type: 'PRICING_LOADED', row, pricing}),
    failed(context, 'LOOKUP_FAILED'),
  );
}

function requestPlan(context: OperationContext): void {
  context.dispatch({type: 'PLAN_REQUESTED', day: defaultPlanDay(context.services.clock.now())});
}

// Steps 4 and 5: confirm, switch, result.

/** The switch as the operator confirms it on the confirm step; undefined on any other step. */
export function confirmedSwitch(context: OperationContext): ConfirmedSwitch | undefined {
  const {state, services, session, program} = context;
  const {step} = state;
  if (!session.current || step.name !== 'confirm') return undefined;
  return {
    session: session.current,
    row: step.row,
    before: step.pricing,
    via: 'wizard',
    audit: services.audit,
    clock: services.clock,
    program,
  };
}

async function confirm(context: OperationContext): Promise<void> {
  const request = confirmedSwitch(context);
  if (!request) return;
  const {dispatch, operation} = context;
  dispatch({type: 'SWITCH_CONFIRMED'});
  callsOf(context, 'switching');
  context.switching.current = {
    name: request.row.tenant.name,
    id: request.row.tenant.id,
    rerun: rerunOf(request),
  };
  // No longer in flight once its outcome is known, before that outcome is shown: a key typed during the switch (q)
  // that acts on the result must not be told the switch is still in flight.
  try {
    const {outcome, auditWarning} = await switchToProduction(request, operation.lasting);
    context.switching.current = undefined;
    if (!operation.lasting.aborted) dispatch({type: 'SWITCH_FINISHED', outcome, auditWarning});
  } catch (error) {
    context.switching.current = undefined;
    // Only SwitchNotSent is expected (nothing was sent); anything else is said the same way, never swallowed.
    dispatch({type: 'SWITCH_NOT_SENT', error: messageOf(error)});
  } finally {
    context.switching.current = undefined;
  }
}

// Planning the 1st (from step 2).

/** The trial customers and their pricing, read once the plan step opens. */
function readPlanCandidates(context: OperationContext): void {
  const signedIn = context.session.current;
  const {step} = context.state;
  if (step.name !== 'plan' || !signedIn) return;
  callsOf(context, 'plan');
  context.operation.run(
    (signal) => readCandidates(signedIn, step.day, {signal}),
    ({planned, endingBefore}) => context.dispatch({type: 'PLAN_READ', candidates: planned, endingBefore}),
    (error) => context.dispatch({type: 'PLAN_FAILED', error: lookupFailureText(error, tenantName(context))}),
  );
}

function writePlan(context: OperationContext, chosen: ReadonlySet<string>): void {
  const signedIn = context.session.current;
  const {state, dispatch, services, program} = context;
  const {step} = state;
  if (!signedIn || step.name !== 'plan') return;
  const tenants = step.candidates.filter((candidate) => chosen.has(candidate.id));
  if (tenants.length === 0) {
    dispatch({
      type: 'PLAN_FAILED',
      error: 'No customer is checked: check at least one (+ checks all shown).',
    });
    return;
  }
  dispatch({type: 'PLAN_WRITE_STARTED', chosen});
  context.operation.run(
    (signal) => savePlan(signedIn, step.day, tenants, services.clock.now(), signal),
    (file) => {
      const command = applyCommand(file, sessionRerun(signedIn, program));
      // A lesson's sandbox is the account "sandbox" while the lesson runs (wizard/start.ts).
      const lesson =
        services.lesson !== undefined &&
        signedIn.account !== undefined &&
        services.store.account(signedIn.account)?.sandbox === true;
      services.lesson?.note(
        `Plan for ${step.day} written, ${tenants.length} ${tenants.length === 1 ? 'customer' : 'customers'}: \`${file}\`. Its apply command${lesson ? ', rehearsed from a second terminal while the lesson ran (with `--check` to look, `--not-on-date` to switch them that day)' : ''}: \`${command}\`.`,
      );
      dispatch({
        type: 'PLAN_WRITTEN',
        file,
        command,
        signIn: {
          embeddedSandbox: context.embeddedSandbox.current === signedIn.client.baseUrl,
          lesson,
          saved: state.account?.remembered === true,
        },
      });
    },
    (error) => dispatch({type: 'PLAN_FAILED', error: messageOf(error)}),
  );
}

/** The operations of each step (the steps without one only show and take keys: state.ts moves between them). */
export const stepOperations = {
  connect: {signIn: signInNow, checkDataCenter, chooseSandbox, chooseAccount},
  chooseTenant: {lookUp: lookUpTenant, choose: chooseRow, readPricing, requestPlan},
  confirm: {confirm},
  plan: {readCandidates: readPlanCandidates, writePlan},
} as const satisfies Partial<
  Record<Step['name'], Record<string, (context: OperationContext, ...args: never[]) => unknown>>
>;

/**
 * The request a screen starts by itself when it is reached (the others start from a key): signing in once every
 * field of step 1 is given, reading the trial customers when the plan opens. `key` names it, so that it starts
 * once each time the screen is reached.
 */
export function arrivalWork(
  step: Step,
): {readonly key: string; readonly run: (context: OperationContext) => void} | undefined {
  if (step.name === 'connect' && step.field === 'signingIn') return {key: 'signIn', run: signInNow};
  if (step.name === 'plan' && step.phase === 'reading') return {key: 'readPlan', run: readPlanCandidates};
  return undefined;
}
