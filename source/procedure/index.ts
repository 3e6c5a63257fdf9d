// The procedure of the seed, step by step, for both front ends (the wizard and the commands): sign in, find the
// tenant, read and decide, switch with its audit line, and the operator's wording of every outcome. The front ends
// import the platform and the stores only through here.

export {type Clock, systemClock} from '../clock.js';
export {
  type AccessToken,
  asText,
  dateAsSent,
  type Exchange,
  formatDay,
  formatDayTime,
  formatMonth,
  hasHiddenCharacters,
  hostOf,
  isLoopbackHost,
  isPlatformError,
  isUuid,
  jsonText,
  normalizeBaseUrl,
  PlatformError,
  type Pricing,
  type PricingMode,
  parsePlatformDate,
  printable,
  printableLines,
  RequestGate,
  reachDataCenter,
  relativeDays,
  switchRequest,
  type Tenant,
  toolVersion,
} from '../platform/index.js';
export {
  type AuditEntry,
  AuditLog,
  CredentialStore,
  cannotWritePlan,
  configDirectory,
  credentialsPath,
  exists,
  LocalFilesError,
  PlanFileError,
  readPlanFile,
  recordFolderProblem,
  writableByOthers,
  writePlanFile,
} from '../store/index.js';
export {
  type ApplyOutcome,
  type ApplyReport,
  applyPlan,
  type CheckOutcome,
  checkPlan,
  ResultsRefused,
  settledEarlier,
  type TenantResult,
} from './apply.js';
export {type ApplyProgress, durationText, ProgressTally} from './apply-progress.js';
export {
  applyEndLines,
  dateCost,
  exitCodeOfApply,
  exitCodeOfCheck,
  outcomeWords,
  planRefusal,
  resultLine,
  resultTable,
  summary as applySummary,
  tally,
} from './apply-text.js';
export {type CustomerRow, listCustomers} from './customers.js';
export {exitCodeFor, exitCodeOfDecision, exitCodeOfSwitch, exitCodes} from './exit-codes.js';
export {type Explanation, explainError, explainStatus} from './explain.js';
export {askedToWait, lookupFailureText, type SignInFault, signInFault} from './failures.js';
export {
  childrenOf,
  choose,
  type Lookup,
  lookUp,
  lookupBusyText,
  parseTenantQuery,
  resolveTenant,
  searchLimit,
  TenantNotFound,
  type TenantQuery,
  type TenantRow,
} from './find-tenant.js';
export {confirmsName, foldName, searchKey} from './fold.js';
export {type InFlightSwitch, interruptedText, type SentSwitch, wizardEnd} from './interrupted.js';
export {describeOutcome, type OutcomeText, pricingChanges, statusLine} from './outcome-text.js';
export {pauseWords} from './pause-text.js';
export {
  type ApplySignIn,
  applyCommandNote,
  type Candidate,
  type Candidates,
  dayStart,
  defaultPlanDay,
  makePlan,
  readCandidates,
  readConcurrency,
  SelectionError,
  savePlan,
  select,
} from './plan.js';
export {
  isDay,
  type Plan,
  PlanFormatError,
  type PlannedTenant,
  parsePlan,
  planDigest,
  planText,
} from './plan-format.js';
export {Throttle} from './pool.js';
export {pricingOf} from './pricing.js';
export {
  decideSwitch,
  firstBilledMonth,
  readPricing,
  type SwitchDecision,
  switchFacts,
  switchFactsShort,
  whyNotSwitchable,
} from './reading.js';
export {applyCommand, commandLine, type Rerun, shellWord, statusCommand} from './rerun.js';
export {
  type Account,
  accountOf,
  type Credentials,
  ownName,
  type Session,
  type SignInOptions,
  signIn,
} from './sign-in.js';
export {signOutEverywhere} from './sign-out.js';
export {type KnownCredentials, type StartingPoint, startingPoint} from './starting-point.js';
export {
  type ConfirmedSwitch,
  mayConfirmAgain,
  type RetryableOutcome,
  recordNotConfirmed,
  rerunOf,
  SwitchNotSent,
  type SwitchResult,
  switchAndVerify,
  switchToProduction,
} from './switch.js';
export {gotNoAnswer, type SwitchOutcome, type SwitchVerdict, verdictOf} from './switch-record.js';
export type {WizardRequest} from './wizard-request.js';
