// Bundles the CLI into dist/: the entry dist/cli.js and the chunks it imports when it needs them (esbuild's ESM code
// splitting), so that `--version` and `--help` load only the flag parser, a command its own chunk, and the wizard
// and the sandbox theirs. Bundled files start far faster than tsc output (../shared/notes/ink-and-friends.md), and
// the bundle is the package's only runtime file: the bundled packages' licences go with it (THIRD-PARTY-NOTICES).
import {existsSync, readFileSync} from 'node:fs';
import {chmod, rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {build} from 'esbuild';
import {stubs} from './never-run-stubs.js';

await rm('dist', {recursive: true, force: true});
const result = await build({
  entryPoints: {cli: 'cli.tsx'},
  outdir: 'dist',
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // UNMINIFIED=1: readable names in a CPU or heap profile.
  minify: process.env.UNMINIFIED !== '1',
  legalComments: 'none',
  metafile: true,
  plugins: [stubs],
  define: {'process.env.NODE_ENV': '"production"'},
  // Some dependencies are CommonJS and call require(); an ESM bundle needs one made for it (in every chunk).
  banner: {
    js: "import {createRequire as __tmCreateRequire} from 'node:module';const require = __tmCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
const entry = readFileSync('dist/cli.js', 'utf8');
await writeFile('dist/cli.js', `#!/usr/bin/env node\n${entry}`);
await chmod('dist/cli.js', 0o755);
const bundled = bundledPackages(result.metafile);
await writeFile('dist/THIRD-PARTY-NOTICES', thirdPartyNotices(bundled));
// For scripts/sbom.js: which of the installed packages ship inside the bundle.
await writeFile('dist/bundled-packages.json', `${JSON.stringify([...bundled.keys()].sort(), null, 2)}\n`);

/** Every package whose code is in the bundle (esbuild's metafile lists the inputs), with its folder. */
function bundledPackages(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (!match) continue;
    const root = input.slice(0, match.index + match[0].length - 1);
    if (!packages.has(match[1]) && existsSync(join(root, 'package.json'))) packages.set(match[1], root);
  }
  return packages;
}

/** Each bundled package with its own licence text (the SPDX name alone does not suffice). */
function thirdPartyNotices(packages) {
  const sections = [...packages.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, root]) => {
      const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
      const licenceFile = ['LICENSE', 'LICENSE.md', 'license', 'license.md', 'LICENSE.txt', 'LICENCE']
        .map((file) => join(root, file))
        .find((file) => existsSync(file));
      const text = licenceFile ? readFileSync(licenceFile, 'utf8').trim() : `License: ${manifest.license}`;
      return `${name}@${manifest.version} (${manifest.license})\n${'-'.repeat(70)}\n${text}\n`;
    });
  return `tenant-mode's dist/ bundles code of these packages; their licences follow.\n\n${sections.join('\n')}`;
}
