// Bundles the CLI into dist/: the entry dist/cli.js and the chunks it imports when it needs them (esbuild's ESM code
// splitting), so that `--version` and `--help` load only the flag parser, a command its own chunk, and the wizard
// and the sandbox theirs. Bundled files start far faster than tsc output (docs/development.md, "Traps we measured"), and
// the bundle is the package's only runtime file: the bundled packages' licences go with it (THIRD-PARTY-NOTICES).
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {chmod, copyFile, rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {build} from 'esbuild';
import {stubs} from './never-run-stubs.js';

await rm('dist', {recursive: true, force: true});
const result = await build({
  entryPoints: {cli: 'bin.ts'},
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
// The schema of every --json document, versioned by its $id (docs/scripting.md, "The JSON schema").
await copyFile('docs/cli-output.schema.json', 'dist/cli-output.schema.json');
const bundled = bundledPackages(result.metafile);
await writeFile('dist/THIRD-PARTY-NOTICES', thirdPartyNotices(bundled));
// For scripts/sbom.js: which of the installed packages (name@version) ship inside the bundle.
const ids = [...new Set([...bundled.values()].map(({name, version}) => `${name}@${version}`))].sort();
await writeFile('dist/bundled-packages.json', `${JSON.stringify(ids, null, 2)}\n`);

/**
 * Every package whose code is in the bundle (esbuild's metafile lists the inputs), by its folder: two versions of one
 * package (string-width 8 for us, 7 inside wrap-ansi) are two packages, each with its licence.
 */
function bundledPackages(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    // The innermost package: node_modules/wrap-ansi/node_modules/string-width/… is string-width (7), not wrap-ansi.
    const match = [...input.matchAll(/(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].at(-1);
    if (!match || match.index === undefined) continue;
    const root = input.slice(0, match.index + match[0].length - 1);
    if (packages.has(root) || !existsSync(join(root, 'package.json'))) continue;
    const {name, version} = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    packages.set(root, {name, version});
  }
  return packages;
}

/** Each bundled package with its own licence text (the SPDX name alone does not suffice). */
function thirdPartyNotices(packages) {
  const seen = new Set();
  const sections = [...packages.entries()]
    .sort(([, a], [, b]) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version))
    .filter(([, {name, version}]) => !seen.has(`${name}@${version}`) && seen.add(`${name}@${version}`))
    .map(([root, {name}]) => {
      const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
      return `${name}@${manifest.version} (${manifest.license})\n${'-'.repeat(70)}\n${licenceText(root, manifest)}\n`;
    });
  return `tenant-mode's dist/ bundles code of these packages; their licences follow.\n\n${sections.join('\n')}`;
}

/**
 * The package's licence file (LICENSE, LICENSE-MIT.txt, licence.md…); else the licence section of its readme when
 * it holds the whole text; else, for MIT (whose text is fixed), that text with the package's author as the
 * copyright holder, said to be so. Any other licence without its text stops the build: we cannot ship it unsaid.
 */
function licenceText(root, manifest) {
  const file = readdirSync(root).find((each) => /^licen[cs]e([-.]|$)/i.test(each));
  if (file) return readFileSync(join(root, file), 'utf8').trim();
  const readme = readdirSync(root).find((each) => /^readme(\.md)?$/i.test(each));
  const section = readme ? licenceSection(readFileSync(join(root, readme), 'utf8')) : undefined;
  if (section) return section;
  if (manifest.license === 'MIT') {
    const author =
      typeof manifest.author === 'string' ? manifest.author : (manifest.author?.name ?? manifest.name);
    return `(${manifest.name} ships no licence file; its package.json says MIT. The MIT License's text follows, with its
author as the copyright holder.)

${mit(author.replace(/\s*[<(].*$/, ''))}`;
  }
  throw new Error(`${manifest.name}: no licence text to ship (licence ${manifest.license})`);
}

/** A readme's "License" section, when it holds the whole licence text (not only its name or a link). */
function licenceSection(text) {
  const match =
    /^(?:#+ *Licen[cs]e[^\n]*|Licen[cs]e\n-{3,})\n([\s\S]*?)(?=\n#+ |\n[^\n]+\n-{3,}\n|(?![\s\S]))/im.exec(
      text,
    );
  const body = match?.[1]?.trim();
  return body && /Permission is hereby granted/.test(body) ? body : undefined;
}

function mit(holder) {
  return `MIT License

Copyright (c) ${holder}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.`;
}
