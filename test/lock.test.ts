import {execFile} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {build} from 'esbuild';
import {expect, it} from 'vitest';

// A lock left by a process that died (kill -9 of an apply) is the usual state on the next run: when several
// processes find it at the same moment, exactly one may take it over (hostile review: two or three did, and two
// applies of one plan then ran together). The holder keeps it 1.5 s: on a loaded machine a process may start a
// second late, and finding the holder gone by then it rightly takes the lock over (a flake, not a second holder).
it('a stale lock found by ten processes at once is taken over by exactly one', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'tenant-mode-lock-'));
  const bundle = join(folder, 'lock.mjs');
  await build({
    entryPoints: [new URL('../source/store/tenant-lock.ts', import.meta.url).pathname],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: bundle,
    logLevel: 'error',
  });
  const script = join(folder, 'take.mjs');
  // Each process waits for the same instant, then takes the lock and holds it a moment.
  writeFileSync(
    script,
    `import {TenantLock} from ${JSON.stringify(bundle)};
const start = Number(process.argv[3]);
while (Date.now() < start) {}
try {
  const lock = TenantLock.takeFile(process.argv[2]);
  console.log(lock instanceof TenantLock ? 'held' : 'refused');
  setTimeout(() => {}, 1500);
} catch (error) { console.log('error', error.code ?? error.message); }
`,
  );
  for (let trial = 0; trial < 3; trial++) {
    const lock = join(folder, `plan-${trial}.lock`);
    writeFileSync(lock, '999999\n');
    const start = Date.now() + 1000;
    const outputs = await Promise.all(
      Array.from(
        {length: 10},
        () =>
          new Promise<string>((resolve) =>
            execFile(process.execPath, [script, lock, String(start)], (_error, stdout) =>
              resolve(stdout.trim()),
            ),
          ),
      ),
    );
    expect(
      outputs.filter((output) => output === 'held'),
      outputs.join(', '),
    ).toHaveLength(1);
    expect(outputs.filter((output) => output === 'refused')).toHaveLength(9);
  }
}, 20_000);
