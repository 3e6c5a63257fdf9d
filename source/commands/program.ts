import {accessSync, constants, realpathSync} from 'node:fs';
import {delimiter, isAbsolute, join} from 'node:path';

/**
 * The words that run this very tool from a fresh shell, for the commands it prints (after an interruption, after
 * `plan`, to resume an `apply`): `tenant-mode` when that name on PATH is this bundle (a global or linked install),
 * else `node /…/dist/cli.js` — never `npx tenant-mode`, which outside a checkout asks the registry for that name
 * with the secret in the environment. `node` itself is named by its path when the `node` on PATH is another one.
 */
export function programWords(
  env: Readonly<Record<string, string | undefined>>,
  script: string | undefined = process.argv[1],
  node: string = process.execPath,
): readonly string[] {
  const self = script ? real(script) : undefined;
  if (!self) return ['tenant-mode'];
  const installed = onPath('tenant-mode', env.PATH);
  if (installed && real(installed) === self) return ['tenant-mode'];
  const nodeOnPath = onPath('node', env.PATH);
  return [nodeOnPath && real(nodeOnPath) === real(node) ? 'node' : node, self];
}

function onPath(name: string, path = ''): string | undefined {
  for (const folder of path.split(delimiter)) {
    if (!folder || !isAbsolute(folder)) continue;
    const candidate = join(folder, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

function real(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
