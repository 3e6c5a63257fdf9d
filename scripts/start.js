// `npm start`: the wizard against the embedded sandbox, on the bundle, rebuilt first (esbuild only, ~1 s) when a
// source file is newer than it, so that the first screen comes quickly and never from a stale bundle.
import {spawn} from 'node:child_process';
import {existsSync, readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';

const newest = (path) => {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
};
const built = existsSync('dist/cli.js') ? statSync('dist/cli.js').mtimeMs : 0;
const sources = Math.max(
  ...[
    'source',
    'cli.tsx',
    'bin.ts',
    'scripts',
    'docs/cli-output.schema.json',
    'package.json',
    'package-lock.json',
  ].map(newest),
);
if (sources > built) await import('./bundle.js');
const child = spawn(process.execPath, ['dist/cli.js', '--sandbox', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
// The wizard takes Ctrl+C itself; a signal from outside goes on to it.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 128 : 1);
});
