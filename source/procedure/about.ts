// What --version, --help and a usage error need, and nothing more: the flag parser imports this instead of the procedure's index,
// so that `tenant-mode --version` loads neither the HTTP client nor conf.

export {toolVersion} from '../platform/version.js';
// A file-system error that reaches the flag parser's catch (our own files) is said as one, never as a bug.
export {fileSystemFailure, isFileSystemError} from '../store/file-problem.js';
export {LocalFilesError} from '../store/local-files.js';
export {credentialsPath} from '../store/location.js';
// --client-secret-file is read while the flags are checked, so that a bad file is a usage error like a bad flag.
export {readSecretFile, SecretFileError} from '../store/secret-file.js';
export {jsonText, printable, printableLines} from '../text/printable.js';
