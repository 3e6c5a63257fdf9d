// Files private to their owner: saved credentials and the audit log.

export {AppendLockHeld} from './append-only.js';
export {
  type AuditAttempt,
  type AuditAttemptLike,
  type AuditEntry,
  type AuditIndex,
  type AuditLine,
  AuditLog,
  type AuditOutcome,
  type AuditResult,
  type AuditWhole,
  AuditWriteError,
  type ChainedLine,
} from './audit.js';
export {lineHash} from './audit-chain.js';
export {
  type ChainProblem,
  ChainReadError,
  type ChainReport,
  type CheckedLine,
  verifyChain,
} from './audit-verify.js';
export {
  type AccountSecrets,
  CredentialStore,
  type OpenedStore,
  type Profile,
  type RememberedAccount,
} from './credentials.js';
export {fileProblem, fileSystemFailure, isFileSystemError} from './file-problem.js';
export {eachJournalLine, Journal, JournalError} from './journal.js';
export {type Keyring, KeyringError, systemKeyring} from './keyring.js';
export {SkippedLines} from './lines.js';
export {LocalFilesError, recordFolderProblem} from './local-files.js';
export {configDirectory, credentialsPath} from './location.js';
export {
  cannotWritePlan,
  exists,
  PlanFileError,
  readPlanFile,
  wizardPlanPath,
  writableByOthers,
  writePlanFile,
} from './plan-file.js';
export {UnsafeFolderError} from './private-folder.js';
export type {ErrorRecord, ResultsAttempt, ResultsLine, ResultsOutcome, ResultsRun} from './results-file.js';
export {readSecretFile, SecretFileError} from './secret-file.js';
export {TenantLock} from './tenant-lock.js';
export {WholeFileError, writeWholeFile} from './whole-file.js';
