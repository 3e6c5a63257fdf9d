// Files private to their owner: saved credentials and the audit log.

export {type AuditEntry, AuditLog, type AuditOutcome} from './audit.js';
export {CredentialStore, type OpenedStore, type Profile} from './credentials.js';
export {configDirectory, credentialsPath} from './location.js';
