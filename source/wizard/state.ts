import {
  type ApplySignIn,
  type Candidate,
  type Pricing,
  type SentSwitch,
  type Account as SignedInAccount,
  type SwitchOutcome,
  searchKey,
  type TenantRow,
} from '../procedure/index.js';

// The wizard as an explicit state machine: named steps, past-tense events, one pure reducer. Screens render one
// state and emit events; Wizard.tsx runs the requests and dispatches what came back.

export type ConnectField =
  | 'dataCenter'
  | 'customUrl'
  | 'clientId'
  | 'secret'
  | 'remember'
  /** A typed data center URL is being reached, before the client id is asked. */
  | 'checkingUrl'
  | 'signingIn'
  /** Already signed in: continue, or use another account. */
  | 'signedIn';

export type {TenantRow};

export interface Account extends SignedInAccount {
  /** Signed in from the saved profile, without the connect step. */
  readonly remembered: boolean;
  /** The remembered account's name (docs/accounts.md): shown in every step's title. */
  readonly name?: string;
}

export interface ChooseTenantStep {
  readonly name: 'chooseTenant';
  readonly phase: 'input' | 'working' | 'list';
  readonly query: string;
  readonly rows: readonly TenantRow[];
  /** What the list shows: search results, or the customers of a tenant. */
  readonly listTitle?: string;
  readonly error?: string;
  /** What is being read, while phase is `working`. */
  readonly busy?: string;
  /** The row chosen last in this list: Esc back to the list finds it selected. */
  readonly selected?: number;
  /** While `working`: the list the request was started from, to go back to. */
  readonly back?: ChooseTenantStep;
  /** A folder's list: the list it was opened from (Esc goes up to it). */
  readonly up?: ChooseTenantStep;
}

/** Planning the 1st: reading the trial customers, choosing which go into the plan, the plan written. */
export interface PlanStep {
  readonly name: 'plan';
  readonly phase: 'reading' | 'choosing' | 'writing' | 'written';
  /** The planned day, YYYY-MM-DD (UTC). */
  readonly day: string;
  readonly candidates: readonly Candidate[];
  /** Trial customers whose trial ends before the day: shown apart, never planned. */
  readonly endingBefore: readonly Candidate[];
  /** The ids chosen when Enter wrote the plan (kept when going back from an error). */
  readonly chosen?: ReadonlySet<string>;
  readonly file?: string;
  /** The command to run on the day. */
  readonly command?: string;
  /** How the command will sign in: what it needs besides, or that it is a rehearsal (the embedded sandbox). */
  readonly signIn?: ApplySignIn;
  readonly error?: string;
  /** Where Ctrl+P was pressed: Esc goes back to it. */
  readonly from: ChooseTenantStep;
}

export type Step =
  | {readonly name: 'connect'; readonly field: ConnectField; readonly error?: string}
  | ChooseTenantStep
  | PlanStep
  | {
      readonly name: 'viewPricing';
      readonly row: TenantRow;
      readonly pricing: Pricing;
      /** The list the tenant was chosen from: Esc goes back to it, with the tenant selected. */
      readonly list?: ChooseTenantStep;
      /** How many tenants of that list share its name (accents and case aside): more than one, the confirm says so. */
      readonly namesakes?: number;
      /** What was typed to find it (a UUID, say): Esc, with no list to go back to, finds it in the field. */
      readonly query?: string;
    }
  | ({
      readonly name: 'confirm';
      readonly row: TenantRow;
      readonly pricing: Pricing;
      /** Why the last confirmation sent nothing (the audit log cannot be written, another switch is running). */
      readonly error?: string;
    } & ChosenFrom)
  | ({readonly name: 'switching'; readonly row: TenantRow; readonly pricing: Pricing} & ChosenFrom)
  | ({
      readonly name: 'result';
      readonly row: TenantRow;
      readonly before: Pricing;
      readonly outcome: SwitchOutcome;
      /** The outcome could not be added to the audit log. */
      readonly auditWarning?: string;
    } & ChosenFrom);

/**
 * Where the tenant on the pricing, confirm, switching and result steps was chosen, carried through them all: Esc on
 * the pricing step goes back to that list, and the confirm step warns of namesakes however it was reached again.
 */
export interface ChosenFrom {
  /** The list the tenant was chosen from. */
  readonly list?: ChooseTenantStep;
  /** How many tenants of that list share its name (accents and case aside). */
  readonly namesakes?: number;
  /** What was typed to find it: Esc from the pricing, with no list, finds it in the field again. */
  readonly query?: string;
}

export interface ConnectForm {
  readonly dataCenter: string;
  readonly clientId: string;
  readonly secret: string;
  readonly remember: boolean;
  /** The remember question was answered (or does not apply: flags, the sandbox, a saved profile). */
  readonly rememberAsked: boolean;
}

export interface WizardState {
  readonly step: Step;
  readonly form: ConnectForm;
  readonly account?: Account;
  /**
   * The customers checked when the plan's checklist was left with Esc, and those it offered: the same day's plan
   * opened again starts from that choice (customers new since then are checked).
   */
  readonly planChoice?: {
    readonly day: string;
    readonly chosen: ReadonlySet<string>;
    readonly offered: ReadonlySet<string>;
  };
  /** The account signed in before "Use another account": Esc on the data center list goes back to it. */
  readonly earlierAccount?: {readonly account: Account; readonly form: ConnectForm};
  /** A lesson (tenant-mode learn): signing in stops on the account screen, so that its calls are read. */
  readonly lesson?: boolean;
  /** How many switch requests were sent this run (for the Ctrl+C message). */
  readonly switchesSent: number;
  /** Each switch sent this run and its outcome, for the line left on screen at the end. */
  readonly sent: readonly SentSwitch[];
  /** Plans written this run: the line left on screen at the end repeats the command to run each. */
  readonly plans: readonly {
    readonly file: string;
    readonly day: string;
    readonly command: string;
    readonly signIn: ApplySignIn;
  }[];
}

export type WizardEvent =
  | {readonly type: 'DATA_CENTER_CHOSEN'; readonly dataCenter: string}
  | {readonly type: 'CUSTOM_URL_REQUESTED'}
  /** A typed URL is being reached; then DATA_CENTER_CHOSEN, or DATA_CENTER_REFUSED with why. */
  | {readonly type: 'DATA_CENTER_CHECKING'; readonly dataCenter: string}
  | {readonly type: 'DATA_CENTER_REFUSED'; readonly dataCenter: string; readonly error: string}
  /** Several fields at once: the sandbox's demo credentials, or a saved profile. */
  | {readonly type: 'FORM_FILLED'; readonly form: Partial<ConnectForm>}
  | {readonly type: 'CLIENT_ID_ENTERED'; readonly clientId: string}
  | {readonly type: 'SECRET_ENTERED'; readonly secret: string}
  | {readonly type: 'REMEMBER_ANSWERED'; readonly remember: boolean}
  | {readonly type: 'SIGNED_IN'; readonly account: Account}
  | {readonly type: 'SIGN_IN_FAILED'; readonly field: ConnectField; readonly error: string}
  | {readonly type: 'LOOKUP_STARTED'; readonly query: string; readonly busy: string}
  | {readonly type: 'LOOKUP_FOUND'; readonly rows: readonly TenantRow[]; readonly listTitle: string}
  | {readonly type: 'LOOKUP_FAILED'; readonly error: string}
  /** A row of the list is chosen (its request starts next). */
  | {readonly type: 'ROW_CHOSEN'; readonly index: number}
  | {readonly type: 'CHOICE_REFUSED'; readonly error: string}
  | {readonly type: 'PRICING_LOADED'; readonly row: TenantRow; readonly pricing: Pricing}
  | {readonly type: 'SWITCH_REQUESTED'}
  | {readonly type: 'SWITCH_CONFIRMED'}
  | {readonly type: 'SWITCH_FINISHED'; readonly outcome: SwitchOutcome; readonly auditWarning?: string}
  /** Nothing was sent after all: back to the confirmation, saying why. */
  | {readonly type: 'SWITCH_NOT_SENT'; readonly error: string}
  /** Keys typed ahead into the confirmation, before it was on screen: dropped, and said. */
  | {readonly type: 'TYPED_AHEAD_DROPPED'; readonly count: number}
  | {readonly type: 'ANOTHER_TENANT_REQUESTED'}
  /** After a 409 the tenant is still in trial: confirm again against the pricing read again. */
  | {readonly type: 'RECONFIRM_REQUESTED'; readonly pricing: Pricing}
  | {readonly type: 'ACCOUNT_SWITCH_REQUESTED'}
  /** Ctrl+P on step 2, or the browse list's first entry: plan the 1st (or today, when today is the 1st). */
  | {readonly type: 'PLAN_REQUESTED'; readonly day: string}
  | {
      readonly type: 'PLAN_READ';
      readonly candidates: readonly Candidate[];
      readonly endingBefore: readonly Candidate[];
    }
  | {readonly type: 'PLAN_FAILED'; readonly error: string}
  /** Esc on the checklist: back where Ctrl+P was pressed, the choice kept for the same day. */
  | {readonly type: 'PLAN_LEFT'; readonly chosen: ReadonlySet<string>}
  | {readonly type: 'PLAN_WRITE_STARTED'; readonly chosen: ReadonlySet<string>}
  /** `command`: the apply command for it, with the data center and client id (never the secret). */
  | {
      readonly type: 'PLAN_WRITTEN';
      readonly file: string;
      readonly command: string;
      readonly signIn: ApplySignIn;
    }
  | {readonly type: 'BACK'};

/** The number each step shows ("Step 2 of 5") and files its HTTP calls under: the one place they are written. */
export const stepNumbers: Record<Step['name'], number> = {
  connect: 1,
  chooseTenant: 2,
  // Planning the 1st is no step of the switch: its screens are titled without a number (0).
  plan: 0,
  viewPricing: 3,
  confirm: 4,
  switching: 5,
  result: 5,
};

/**
 * Under which list the HTTP panel files a screen's calls: each step its own, the result with the switch that led to
 * it, and the plan apart from the search although both are step 2.
 */
export function callsOf(step: Step['name']): string {
  return step === 'result' ? 'switching' : step;
}

/** How many steps the operator goes through. */
export const stepCount = Math.max(...Object.values(stepNumbers));

const emptyForm: ConnectForm = {
  dataCenter: '',
  clientId: '',
  secret: '',
  remember: false,
  rememberAsked: false,
};
const chooser: ChooseTenantStep = {name: 'chooseTenant', phase: 'input', query: '', rows: []};

export function initialState(form: Partial<ConnectForm> = {}): WizardState {
  const filled = {...emptyForm, ...form};
  return {
    step: {name: 'connect', field: firstMissing(filled)},
    form: filled,
    switchesSent: 0,
    sent: [],
    plans: [],
  };
}

/** The first connect field still empty; `signingIn` when all are given (flags and env fill them). */
function firstMissing(form: ConnectForm): ConnectField {
  if (!form.dataCenter) return 'dataCenter';
  if (!form.clientId) return 'clientId';
  if (!form.secret) return 'secret';
  if (!form.rememberAsked) return 'remember';
  return 'signingIn';
}

function withForm(state: WizardState, change: Partial<ConnectForm>): WizardState {
  const form = {...state.form, ...change};
  return {...state, form, step: {name: 'connect', field: firstMissing(form)}};
}

const connectOrder: ConnectField[] = ['dataCenter', 'clientId', 'secret', 'remember'];

export function reducer(state: WizardState, event: WizardEvent): WizardState {
  const {step} = state;
  switch (event.type) {
    // Each answer moves to the next field still empty, so that fixing one field after a failed sign-in goes
    // straight back to signing in.
    case 'DATA_CENTER_CHOSEN':
      return withForm(state, {dataCenter: event.dataCenter});
    case 'CUSTOM_URL_REQUESTED':
      return {...state, step: {name: 'connect', field: 'customUrl'}};
    case 'DATA_CENTER_CHECKING':
      return {
        ...state,
        form: {...state.form, dataCenter: event.dataCenter},
        step: {name: 'connect', field: 'checkingUrl'},
      };
    case 'DATA_CENTER_REFUSED':
      // The URL typed is kept in the field, to be corrected.
      return {
        ...state,
        form: {...state.form, dataCenter: event.dataCenter},
        step: {name: 'connect', field: 'customUrl', error: event.error},
      };
    case 'FORM_FILLED':
      return withForm(state, event.form);
    case 'CLIENT_ID_ENTERED':
      return withForm(state, {clientId: event.clientId});
    case 'SECRET_ENTERED':
      return withForm(state, {secret: event.secret});
    case 'REMEMBER_ANSWERED':
      return withForm(state, {remember: event.remember, rememberAsked: true});
    case 'SIGNED_IN':
      return {
        ...state,
        account: event.account,
        earlierAccount: undefined,
        step: state.lesson ? {name: 'connect', field: 'signedIn'} : chooser,
      };
    case 'SIGN_IN_FAILED': {
      // The field at fault is asked again; a refused secret is typed again from empty.
      const form = event.field === 'secret' ? {...state.form, secret: ''} : state.form;
      return {...state, form, step: {name: 'connect', field: event.field, error: event.error}};
    }
    case 'LOOKUP_STARTED': {
      if (step.name !== 'chooseTenant') return state;
      const back = step.phase === 'list' ? step : step.back;
      return {...state, step: {...chooser, phase: 'working', query: event.query, busy: event.busy, back}};
    }
    case 'ROW_CHOSEN':
      return step.name === 'chooseTenant' && step.phase === 'list'
        ? {...state, step: {...step, selected: event.index, error: undefined}}
        : state;
    case 'LOOKUP_FOUND':
      return step.name === 'chooseTenant'
        ? {
            ...state,
            step: {
              ...chooser,
              phase: 'list',
              query: step.query,
              rows: event.rows,
              listTitle: event.listTitle,
              up: step.back,
            },
          }
        : state;
    case 'LOOKUP_FAILED':
      if (step.name !== 'chooseTenant') return state;
      // A folder or a tenant chosen from a list: back to that list, saying why; a typed query: back to it.
      return step.back
        ? {...state, step: {...step.back, error: event.error}}
        : {...state, step: {...step, phase: 'input', rows: [], error: event.error, busy: undefined}};
    case 'CHOICE_REFUSED':
      // Back to the list the choice was made in (never the working step's empty one), saying why.
      if (step.name !== 'chooseTenant') return state;
      return step.back
        ? {...state, step: {...step.back, error: event.error}}
        : {...state, step: {...step, phase: 'list', error: event.error}};
    case 'PRICING_LOADED':
      return step.name === 'chooseTenant'
        ? {
            ...state,
            step: {
              name: 'viewPricing',
              row: event.row,
              pricing: event.pricing,
              list: step.back,
              query: step.query,
              namesakes: step.back?.rows.filter(
                (other) => searchKey(other.tenant.name) === searchKey(event.row.tenant.name),
              ).length,
            },
          }
        : state;
    case 'SWITCH_REQUESTED':
      return step.name === 'viewPricing' && step.pricing.mode === 'trial'
        ? {...state, step: {name: 'confirm', row: step.row, pricing: step.pricing, ...chosenFrom(step)}}
        : state;
    case 'SWITCH_CONFIRMED':
      return step.name === 'confirm'
        ? {
            ...state,
            switchesSent: state.switchesSent + 1,
            step: {name: 'switching', row: step.row, pricing: step.pricing, ...chosenFrom(step)},
          }
        : state;
    case 'SWITCH_FINISHED': {
      if (step.name !== 'switching') return state;
      const {outcome, auditWarning} = event;
      // Two PUTs only after a 401 (the first had no effect): both were sent.
      const switchesSent = state.switchesSent + outcome.puts - 1;
      return {
        ...state,
        switchesSent,
        sent: [...state.sent, {tenantName: step.row.tenant.name, outcome}],
        step: {
          name: 'result',
          row: step.row,
          before: step.pricing,
          outcome,
          auditWarning,
          ...chosenFrom(step),
        },
      };
    }
    case 'TYPED_AHEAD_DROPPED':
      return step.name === 'confirm'
        ? {
            ...state,
            step: {
              ...step,
              error: `${event.count === 1 ? 'A key was' : `${event.count} keys were`} typed before this step was shown and ${event.count === 1 ? 'was' : 'were'} dropped: type the name again.`,
            },
          }
        : state;
    case 'SWITCH_NOT_SENT':
      return step.name === 'switching'
        ? {
            ...state,
            switchesSent: state.switchesSent - 1,
            step: {
              name: 'confirm',
              row: step.row,
              pricing: step.pricing,
              error: event.error,
              ...chosenFrom(step),
            },
          }
        : state;
    case 'ANOTHER_TENANT_REQUESTED':
      return {...state, step: chooser};
    case 'RECONFIRM_REQUESTED':
      return step.name === 'result' && event.pricing.mode === 'trial'
        ? {...state, step: {name: 'confirm', row: step.row, pricing: event.pricing, ...chosenFrom(step)}}
        : state;
    case 'ACCOUNT_SWITCH_REQUESTED':
      return {
        ...state,
        account: undefined,
        earlierAccount: state.account ? {account: state.account, form: state.form} : undefined,
        form: emptyForm,
        step: {name: 'connect', field: 'dataCenter'},
      };
    case 'PLAN_REQUESTED':
      return step.name === 'chooseTenant' && step.phase !== 'working'
        ? {
            ...state,
            step: {
              name: 'plan',
              phase: 'reading',
              day: event.day,
              candidates: [],
              endingBefore: [],
              from: step,
            },
          }
        : state;
    case 'PLAN_READ': {
      if (step.name !== 'plan' || step.phase !== 'reading') return state;
      const earlier = state.planChoice?.day === step.day ? state.planChoice : undefined;
      const chosen = earlier
        ? new Set(
            event.candidates
              .map((candidate) => candidate.id)
              .filter((id) => earlier.chosen.has(id) || !earlier.offered.has(id)),
          )
        : undefined;
      return {
        ...state,
        step: {
          ...step,
          phase: 'choosing',
          candidates: event.candidates,
          endingBefore: event.endingBefore,
          ...(chosen ? {chosen} : {}),
        },
      };
    }
    case 'PLAN_LEFT':
      return step.name === 'plan' && step.phase === 'choosing'
        ? {
            ...state,
            planChoice: {
              day: step.day,
              chosen: event.chosen,
              offered: new Set(step.candidates.map((candidate) => candidate.id)),
            },
            step: {...step.from, error: undefined},
          }
        : state;
    case 'PLAN_FAILED':
      if (step.name !== 'plan') return state;
      // Reading failed: back where Ctrl+P was pressed, saying why; writing failed: the choice stays.
      return step.phase === 'reading'
        ? {...state, step: {...step.from, error: event.error}}
        : {...state, step: {...step, phase: 'choosing', error: event.error}};
    case 'PLAN_WRITE_STARTED':
      return step.name === 'plan' && step.phase === 'choosing'
        ? {...state, step: {...step, phase: 'writing', chosen: event.chosen, error: undefined}}
        : state;
    case 'PLAN_WRITTEN':
      return step.name === 'plan' && step.phase === 'writing'
        ? {
            ...state,
            plans: [
              ...state.plans,
              {file: event.file, day: step.day, command: event.command, signIn: event.signIn},
            ],
            step: {...step, phase: 'written', file: event.file, command: event.command, signIn: event.signIn},
          }
        : state;
    case 'BACK':
      return back(state);
  }
}

/** Esc: one step back, never past a request that was sent (switching and result stay). */
function chosenFrom(step: ChosenFrom): ChosenFrom {
  return {list: step.list, namesakes: step.namesakes, query: step.query};
}

function back(state: WizardState): WizardState {
  const {step} = state;
  switch (step.name) {
    case 'connect': {
      if (step.field === 'signedIn') return state;
      // Esc while signing in stops it (the request is aborted) and goes back to the choice of data center.
      if (step.field === 'signingIn') return {...state, step: {name: 'connect', field: 'dataCenter'}};
      if (step.field === 'checkingUrl') return {...state, step: {name: 'connect', field: 'customUrl'}};
      if (step.field === 'dataCenter' && state.earlierAccount) {
        const {account, form} = state.earlierAccount;
        return {
          ...state,
          account,
          form,
          earlierAccount: undefined,
          step: {name: 'connect', field: 'signedIn'},
        };
      }
      const field =
        step.field === 'customUrl' ? 'dataCenter' : connectOrder[connectOrder.indexOf(step.field) - 1];
      return field ? {...state, step: {name: 'connect', field}} : state;
    }
    case 'chooseTenant':
      // Esc in a folder goes up to the list it was opened from; in a request, back to where it started.
      if (step.phase === 'list' && step.up) return {...state, step: step.up};
      if (step.phase === 'working' && step.back) return {...state, step: step.back};
      if (step.phase !== 'input') return {...state, step: {...chooser, query: step.query}};
      return {...state, step: {name: 'connect', field: state.account ? 'signedIn' : 'dataCenter'}};
    case 'plan':
      return step.phase === 'writing' ? state : {...state, step: {...step.from, error: undefined}};
    case 'viewPricing':
      // Back to the list the tenant was chosen from, with it selected; or to the field, for a typed UUID.
      return {...state, step: step.list ?? {...chooser, query: step.query ?? ''}};
    case 'confirm':
      return {
        ...state,
        step: {name: 'viewPricing', row: step.row, pricing: step.pricing, ...chosenFrom(step)},
      };
    default:
      return state;
  }
}
