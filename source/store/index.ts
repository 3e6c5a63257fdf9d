// Saved credentials (and, later, the audit log): files private to their owner.

export {type AuditEntry, AuditLog, type AuditOutcome} from './audit.js';
export {auditEntryFor, type SwitchAttempt} from './audit-entry.js';
export {CredentialStore, type OpenedStore, type Profile} from './credentials.js';
export {configDirectory, credentialsPath} from './location.js';
export {type KnownCredentials, type StartingPoint, startingPoint} from './starting-point.js';
