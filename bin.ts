// The executable's first lines (the bundle's entry, dist/cli.js): Node's compile cache where Node has it (22.1 and
// later; Node 20 has no `enableCompileCache`), then the tool itself (cli.tsx). The cache keeps V8's compiled code of
// the bundle's chunks on disk, so that the next run compiles less; it must be on before the chunks load, hence this
// file and the dynamic import. It lives in the user's own cache folder (0700), never in the shared temporary folder
// Node would pick by default, where another user could leave compiled code for us to run. NODE_COMPILE_CACHE, when
// set, is the user's choice and wins; TENANT_MODE_COMPILE_CACHE=0 turns it off.
import {mkdirSync} from 'node:fs';
import module from 'node:module';
import {isAbsolute, join} from 'node:path';

function compileCacheFolder(): string | undefined {
  const {XDG_CACHE_HOME, HOME, NODE_COMPILE_CACHE, TENANT_MODE_COMPILE_CACHE} = process.env;
  if (TENANT_MODE_COMPILE_CACHE === '0') return undefined;
  if (NODE_COMPILE_CACHE) return NODE_COMPILE_CACHE;
  const base =
    XDG_CACHE_HOME && isAbsolute(XDG_CACHE_HOME)
      ? XDG_CACHE_HOME
      : HOME && isAbsolute(HOME)
        ? join(HOME, '.cache')
        : undefined;
  if (!base) return undefined;
  const folder = join(base, 'tenant-mode', 'node-compile-cache');
  try {
    mkdirSync(folder, {recursive: true, mode: 0o700});
    return folder;
  } catch {
    return undefined;
  }
}

const enable = (module as {enableCompileCache?: (directory: string) => unknown}).enableCompileCache;
if (enable) {
  const folder = compileCacheFolder();
  if (folder) {
    try {
      enable(folder);
    } catch {
      // A cache that cannot be used costs only speed.
    }
  }
}
await import('./cli.js');
