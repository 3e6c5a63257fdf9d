import {homedir} from 'node:os';
import {isAbsolute, join} from 'node:path';
import envPaths from 'env-paths';
import {LocalFilesError} from './local-files.js';

/**
 * Where tenant-mode keeps its files: `TENANT_MODE_CONFIG_DIR` when set (tests, several setups side by side), else
 * the platform's config folder (`~/.config/tenant-mode` on Linux), as conf itself would choose it. A relative
 * XDG_CONFIG_HOME is ignored, as the XDG Base Directory specification says (it would move with the working folder).
 */
export function configDirectory(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.TENANT_MODE_CONFIG_DIR) return absolute('TENANT_MODE_CONFIG_DIR', env.TENANT_MODE_CONFIG_DIR);
  const xdg = env.XDG_CONFIG_HOME;
  if (process.platform === 'linux') {
    // An empty HOME is no home either: it would put the files in the current folder.
    const home = absolute('HOME', env.HOME ?? homedir());
    return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.config'), 'tenant-mode');
  }
  return envPaths('tenant-mode', {suffix: ''}).config;
}

/**
 * A relative HOME (or config folder) would put the credentials and the audit log under whatever folder the command
 * runs in — a different one each time, the audit log of each switch somewhere else: refused.
 */
function absolute(name: string, path: string): string {
  if (isAbsolute(path)) return path;
  throw new LocalFilesError(
    `${name} is ${path === '' ? 'empty' : `a relative path (${JSON.stringify(path)})`}: tenant-mode keeps its credentials and audit log under it, so it must be absolute. Set ${name} to an absolute path${name === 'HOME' ? ', or TENANT_MODE_CONFIG_DIR to a folder of your own' : ''}.`,
  );
}

export function credentialsPath(directory = configDirectory()): string {
  return join(directory, 'config.json');
}
