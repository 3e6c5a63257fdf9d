// Saved credentials (and, later, the audit log): files private to their owner.
export {CredentialStore, type OpenedStore, type Profile} from './credentials.js';
export {configDirectory, credentialsPath} from './location.js';
