// Bundles the CLI into one file, dist/cli.js: one file starts an Ink app in ~280 ms here, plain tsc output ~800 ms
// (../shared/notes/ink-and-friends.md).
import {chmod, mkdir, writeFile} from 'node:fs/promises';
import {build} from 'esbuild';

await mkdir('dist/stubs', {recursive: true});
// Ink imports react-devtools-core only when DEV=true; the stub keeps the bundle from needing it.
await writeFile('dist/stubs/react-devtools-core.js', 'export default {connectToDevTools() {}};\n');

await build({
  entryPoints: ['cli.tsx'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  alias: {'react-devtools-core': './dist/stubs/react-devtools-core.js'},
  define: {'process.env.NODE_ENV': '"production"'},
  // Some dependencies are CommonJS and call require(); an ESM bundle needs one made for it.
  banner: {
    js: "#!/usr/bin/env node\nimport {createRequire as __tmCreateRequire} from 'node:module';const require = __tmCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
await chmod('dist/cli.js', 0o755);
