// The procedure of the seed, step by step, for both front ends (the wizard and the commands): sign in, find the
// tenant, read and decide, switch with its audit line, and the operator's wording of every outcome. The front ends
// import the platform and the stores only through here.

export {type Clock, monotonic, systemClock} from '../clock.js';
export {
  type AccessToken,
  type Exchange,
  hostOf,
  isLoopbackHost,
  normalizeBaseUrl,
  PlatformError,
  type Pricing,
  type PricingMode,
  RequestGate,
  reachDataCenter,
  switchRequest,
  type Tenant,
  toolVersion,
} from '../platform/index.js';
export {
  AppendLockHeld,
  type AuditEntry,
  AuditLog,
  AuditWriteError,
  type ChainedLine,
  ChainReadError,
  type ChainReport,
  CredentialStore,
  cannotWritePlan,
  configDirectory,
  credentialsPath,
  exists,
  fileProblem,
  fileSystemFailure,
  isFileSystemError,
  JournalError,
  KeyringError,
  LocalFilesError,
  PlanFileError,
  type Profile,
  type RememberedAccount,
  readPlanFile,
  recordFolderProblem,
  systemKeyring,
  UnsafeFolderError,
  verifyChain,
  WholeFileError,
  writableByOthers,
  writePlanFile,
  writeWholeFile,
} from '../store/index.js';
export {
  dateAsSent,
  formatDay,
  formatDayTime,
  formatMonth,
  hasHiddenCharacters,
  isUuid,
  jsonText,
  messageOf,
  parsePlatformDate,
  printable,
  printableLines,
  relativeDays,
  withoutHidden,
} from '../text/index.js';
export {
  AccountNameRefused,
  defaultAccountName,
  type Forgotten,
  forgetAccounts,
  nameRemembered,
  type Remembered,
  rememberAccount,
} from './accounts.js';
export {
  type ApplyOutcome,
  type ApplyReport,
  applyPlan,
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
export {type ChainVerdict, chainVerdict, receiptHashes} from './audit-check.js';
export {applyReport, type BatchReport, planReport} from './batch-report.js';
export {reportHtml, reportMarkdown} from './batch-report-formats.js';
export {type CustomerRow, listCustomers} from './customers.js';
export {exitCodeFor, exitCodeOfDecision, exitCodeOfSwitch, exitCodes} from './exit-codes.js';
export {explainError} from './explain.js';
export {askedToWait, lookupFailureText, signInFault} from './failures.js';
export {
  choose,
  type Lookup,
  lookUp,
  lookupBusyText,
  resolveTenant,
  TenantNotFound,
  type TenantRow,
} from './find-tenant.js';
export {confirmsName, confirmsTenant, foldName, hasVisibleName, searchKey} from './fold.js';
export {type InFlightSwitch, interruptedText, type SentSwitch, wizardEnd} from './interrupted.js';
export {type LessonPlace, lessonLearned, pythonScript, stepIntro} from './lesson-text.js';
export {type CallLesson, type CallSeen, lessonOf, statusMeaning} from './lessons.js';
export {describeOutcome} from './outcome-text.js';
export {pauseWords} from './pause-text.js';
export {
  type ApplySignIn,
  applyCommandNote,
  type Candidate,
  dayStart,
  defaultPlanDay,
  makePlan,
  readCandidates,
  SelectionError,
  savePlan,
  select,
} from './plan.js';
export {
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
  switchFacts,
  switchFactsShort,
  whyNotSwitchable,
} from './reading.js';
export {type AttemptFound, findAttempt, type Receipt, receiptOf, rehearsalNotice} from './receipt.js';
export {receiptDiffers, receiptHtml, receiptMarkdown} from './receipt-formats.js';
export {applyCommand, commandLine, commandRows, shellWord, statusCommand} from './rerun.js';
export {type RunningSandbox, rememberSandboxAccount} from './sandbox-account.js';
export {
  type Account,
  accountOf,
  type Credentials,
  type Session,
  type SignInOptions,
  signIn,
} from './sign-in.js';
export {
  AccountConflict,
  AccountNotFound,
  type GivenCredentials,
  rememberedAccount,
  type StartingPoint,
  sameDataCenter,
  startingPoint,
} from './starting-point.js';
export {
  type ConfirmedSwitch,
  mayConfirmAgain,
  recordNotConfirmed,
  rerunOf,
  SwitchNotSent,
  sessionRerun,
  switchAndVerify,
  switchToProduction,
} from './switch.js';
export {type SwitchOutcome, type SwitchVerdict, verdictOf} from './switch-record.js';
export type {WizardRequest} from './wizard-request.js';
