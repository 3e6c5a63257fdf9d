// What --version, --help and a usage error need, and nothing more: the flag parser imports this instead of the procedure's index,
// so that `tenant-mode --version` loads neither the HTTP client nor conf.

export {jsonText, printableLines} from '../platform/printable.js';
export {toolVersion} from '../platform/version.js';
export {credentialsPath} from '../store/location.js';
