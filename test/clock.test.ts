import {execFile} from 'node:child_process';
import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {ManualClock, systemClock} from '../source/clock.js';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('the one clock', () => {
  it('the system clock waits longer than one Node timer allows, quietly, until it is aborted', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const stop = new AbortController();
    let ended = 'waiting';
    const sleeping = systemClock.sleep(99_999_999_999_000, stop.signal).then(
      () => {
        ended = 'resolved';
      },
      () => {
        ended = 'aborted';
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ended).toBe('waiting');
    stop.abort();
    await sleeping;
    process.off('warning', onWarning);
    expect(ended).toBe('aborted');
    expect(warnings.map((warning) => warning.name)).not.toContain('TimeoutOverflowWarning');
  });

  it('a manual clock moves only when told, and its sleeps pass at once by default', async () => {
    const clock = new ManualClock(1000);
    expect(clock.now()).toBe(1000);
    await clock.sleep(1500);
    expect(clock.now()).toBe(2500);
    clock.advance(500);
    expect(clock.now()).toBe(3000);
  });

  it('a held sleep ends when the clock is advanced to its end, and not before', async () => {
    const clock = new ManualClock(0, {sleeps: 'held'});
    let woke = false;
    const sleeping = clock.sleep(2000).then(() => {
      woke = true;
    });
    clock.advance(1999);
    await new Promise((resolve) => setImmediate(resolve));
    expect(woke).toBe(false);
    clock.advance(1);
    await sleeping;
    expect(woke).toBe(true);
  });

  it('an aborted sleep rejects with the reason, on either clock', async () => {
    const controller = new AbortController();
    const held = new ManualClock(0, {sleeps: 'held'}).sleep(1000, controller.signal);
    const real = systemClock.sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(held).rejects.toThrow('stop');
    await expect(real).rejects.toThrow('stop');
  });

  it('the linter refuses a wall-clock read outside source/clock.ts', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tenant-mode-lint-'));
    mkdirSync(join(folder, 'source'));
    mkdirSync(join(folder, 'lint'));
    copyFileSync(join(root, 'lint/wall-clock.grit'), join(folder, 'lint/wall-clock.grit'));
    const config = JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8'));
    writeFileSync(join(folder, 'biome.json'), JSON.stringify({plugins: config.plugins}));
    const code =
      'export const a = Date.now();\nexport const b = new Date();\nexport const c = new Date(0);\n';
    writeFileSync(join(folder, 'source/tenant.ts'), code);
    writeFileSync(join(folder, 'source/clock.ts'), code);
    const output = await new Promise<string>((resolve) => {
      execFile(
        join(root, 'node_modules/.bin/biome'),
        ['lint', '--max-diagnostics=50', '.'],
        {cwd: folder},
        (_error, stdout, stderr) => resolve(stdout + stderr),
      );
    });
    const flagged = [...output.matchAll(/^(source\/\S+):(\d+):\d+ plugin/gm)].map((m) => `${m[1]}:${m[2]}`);
    expect(flagged).toEqual(['source/tenant.ts:1', 'source/tenant.ts:2']);
  });
});
