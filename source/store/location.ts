import {homedir} from 'node:os';
import {isAbsolute, join} from 'node:path';
import envPaths from 'env-paths';

/**
 * Where tenant-mode keeps its files: `TENANT_MODE_CONFIG_DIR` when set (tests, several setups side by side), else
 * the platform's config folder (`~/.config/tenant-mode` on Linux), as conf itself would choose it. A relative
 * XDG_CONFIG_HOME is ignored, as the XDG Base Directory specification says (it would move with the working folder).
 */
export function configDirectory(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.TENANT_MODE_CONFIG_DIR) return env.TENANT_MODE_CONFIG_DIR;
  const xdg = env.XDG_CONFIG_HOME;
  if (process.platform === 'linux') {
    return join(xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.config'), 'tenant-mode');
  }
  return envPaths('tenant-mode', {suffix: ''}).config;
}

export function credentialsPath(directory = configDirectory()): string {
  return join(directory, 'config.json');
}
