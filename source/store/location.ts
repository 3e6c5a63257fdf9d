import {join} from 'node:path';
import envPaths from 'env-paths';

/**
 * Where tenant-mode keeps its files: `TENANT_MODE_CONFIG_DIR` when set (tests, several setups side by side), else
 * the platform's config folder (`~/.config/tenant-mode` on Linux), as conf itself would choose it.
 */
export function configDirectory(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.TENANT_MODE_CONFIG_DIR || envPaths('tenant-mode', {suffix: ''}).config;
}

export function credentialsPath(directory = configDirectory()): string {
  return join(directory, 'config.json');
}
