import {spawn} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {build} from 'esbuild';
import {expect, it} from 'vitest';

// A lock left by a process that died (kill -9 of an apply) is the usual state on the next run: when several
// processes find it at the same moment, exactly one may take it over (hostile review: two or three did, and two
// applies of one plan then ran together).
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
  // Each process says it is ready, waits for the go (a file), takes the lock, says what it got, and holds it until
  // every process has said so (another file): no clock involved, so neither a loaded machine nor faketime (CI's
  // second pass) can let a late process find the holder gone and rightly take a dead holder's lock over.
  writeFileSync(
    script,
    `import {existsSync} from 'node:fs';
import {TenantLock} from ${JSON.stringify(bundle)};
const [lock, go, done] = process.argv.slice(2);
const pause = new Int32Array(new SharedArrayBuffer(4));
console.log('ready');
while (!existsSync(go)) Atomics.wait(pause, 0, 0, 1);
try {
  const taken = TenantLock.takeFile(lock);
  console.log(taken instanceof TenantLock ? 'held' : 'refused');
} catch (error) { console.log('error', error.code ?? error.message); }
while (!existsSync(done)) Atomics.wait(pause, 0, 0, 5);
`,
  );
  for (let trial = 0; trial < 3; trial++) {
    const lock = join(folder, `plan-${trial}.lock`);
    const go = join(folder, `go-${trial}`);
    const done = join(folder, `done-${trial}`);
    writeFileSync(lock, '999999\n');
    const children = Array.from({length: 10}, () => {
      const child = spawn(process.execPath, [script, lock, go, done]);
      const said: string[] = [];
      let waiting: (() => void) | undefined;
      child.stdout.on('data', (chunk) => {
        said.push(...String(chunk).trim().split('\n'));
        waiting?.();
      });
      const heard = async (word: RegExp): Promise<string> => {
        for (;;) {
          const found = said.find((line) => word.test(line));
          if (found) return found;
          await new Promise<void>((resolve) => {
            waiting = resolve;
          });
        }
      };
      return {child, heard, exit: new Promise((resolve) => child.on('exit', resolve))};
    });
    await Promise.all(children.map((child) => child.heard(/^ready$/)));
    writeFileSync(go, '');
    const outputs = await Promise.all(children.map((child) => child.heard(/^(held|refused|error)/)));
    writeFileSync(done, '');
    await Promise.all(children.map((child) => child.exit));
    expect(
      outputs.filter((output) => output === 'held'),
      outputs.join(', '),
    ).toHaveLength(1);
    expect(outputs.filter((output) => output === 'refused')).toHaveLength(9);
  }
}, 20_000);
