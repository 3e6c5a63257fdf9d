import {spawn} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, expect, it} from 'vitest';
import {ManualClock} from '../source/clock.js';
import {type Sandbox, startSandbox} from '../source/sandbox/index.js';
import {cliPath, newConfigDirectory, sandboxCli} from './helpers/cli.js';
import {fixedNow} from './helpers/sandbox.js';

// A kill -9 at any moment of an apply loses nothing and switches nothing twice: the attempt line is on disk before
// each PUT, and a rerun re-reads every tenant whose attempt has no outcome before deciding.

let sandbox: Sandbox | undefined;
afterAll(async () => sandbox?.close());

it('killed (SIGKILL) after 10 %, 50 % and 90 % of the PUTs, rerun each time: every tenant switched by one PUT', async () => {
  // 15 ms an answer: PUTs are in flight when the process dies, and the sandbox carries them out all the same.
  sandbox = await startSandbox({clock: new ManualClock(fixedNow), tenants: 45, latencyMs: 15});
  const box = sandbox;
  const config = newConfigDirectory();
  const plan = join(mkdtempSync(join(tmpdir(), 'tenant-mode-kill-')), 'plan.json');
  const made = await sandboxCli(box, config)(['plan', '--out', plan, '--json']);
  expect(made.code).toBe(0);
  const planned = (JSON.parse(made.stdout) as {tenants: Array<{id: string}>}).tenants.map(
    (tenant) => tenant.id,
  );
  expect(planned.length).toBeGreaterThan(30);
  const puts = () => box.requests.filter((request) => request.method === 'PUT');

  const apply = () => {
    const child = spawn(
      process.execPath,
      [cliPath, 'apply', plan, '--yes', '--not-on-date', '--url', box.url, '--client-id', box.clientId],
      {
        env: {...process.env, TENANT_MODE_CLIENT_SECRET: box.clientSecret, TENANT_MODE_CONFIG_DIR: config},
        stdio: 'ignore',
      },
    );
    return {child, exit: new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))};
  };

  for (const share of [0.1, 0.5, 0.9]) {
    const {child, exit} = apply();
    const target = Math.ceil(share * planned.length);
    await new Promise<void>((resolve) => {
      const watch = setInterval(() => {
        if (puts().length >= target || child.exitCode !== null) {
          clearInterval(watch);
          child.kill('SIGKILL');
          resolve();
        }
      }, 1);
    });
    await exit;
    expect(puts().length, `killed at ${share * 100} %`).toBeLessThan(planned.length);
  }
  const {exit} = apply();
  expect(await exit).toBe(0);

  for (const id of planned) expect(box.world.tenants.get(id)?.pricing.mode).toBe('production');
  const applied = puts().filter((request) => request.status === 200);
  expect(applied).toHaveLength(planned.length);
  expect(new Set(applied.map((request) => request.path)).size).toBe(planned.length);
  // No PUT was ever sent for a tenant that an earlier PUT had switched: it was re-read first.
  expect(puts().filter((request) => request.status === 409)).toEqual([]);
}, 30_000);
