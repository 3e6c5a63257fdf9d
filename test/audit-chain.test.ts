import {execFile, spawn} from 'node:child_process';
import {appendFileSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {build} from 'esbuild';
import {describe, expect, it} from 'vitest';
import {PlatformError} from '../source/platform/index.js';
import {errorRecord} from '../source/procedure/switch-record.js';
import {type AuditAttempt, AuditLog} from '../source/store/audit.js';
import {lineHash} from '../source/store/audit-chain.js';
import {verifyChain} from '../source/store/audit-verify.js';
import {cliPath, newConfigDirectory, runInProcess} from './helpers/cli.js';
import {fixedNow, movableClock} from './helpers/sandbox.js';
import {cliSchemaErrors} from './helpers/schemas.js';

// The audit log's hash chain (docs/audit-log.md): every way a line can be changed by hand is named at the line
// where it happened; a crash's torn line is not tampering; concurrent writers keep one chain.

function attempt(n: number): AuditAttempt {
  return {
    kind: 'attempt',
    attempt_id: `attempt-${n}`,
    time: new Date(fixedNow + n * 60_000).toISOString(),
    via: 'command',
    data_center: 'https://eu2-cloud.acronis.com',
    client_id: 'c1',
    tenant_id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    tenant_name: `Customer ${n}`,
    pricing_before: {mode: 'trial', version: n},
    request: {mode: 'production', version: n},
  };
}

/** A log of `count` lines written by tenant-mode, in a folder of its own. */
function logOf(count: number): {log: AuditLog; lines: () => string[]; write: (lines: string[]) => void} {
  const log = new AuditLog(mkdtempSync(join(tmpdir(), 'tenant-mode-chain-')));
  for (let n = 1; n <= count; n++) log.append(attempt(n));
  return {
    log,
    lines: () => readFileSync(log.path, 'utf8').split('\n').slice(0, -1),
    write: (lines) => writeFileSync(log.path, `${lines.join('\n')}\n`),
  };
}

function auditCli(log: AuditLog, args: string[]) {
  return runInProcess(
    ['audit', ...args],
    {TENANT_MODE_CONFIG_DIR: log.directory},
    {
      clock: movableClock(),
    },
  );
}

describe('the audit log is a hash chain', () => {
  it('an untouched log is intact: the command says so, with its line count and last hash', async () => {
    const {log, lines} = logOf(6);
    expect(lines()[0]).toMatch(/^\{"seq":1,"prev":null,"chained_after":0,/);
    expect(JSON.parse(lines()[1] as string).seq).toBe(2);
    const run = await auditCli(log, ['--verify']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'is intact: 6 lines in the chain, first line 1 (2026-11-26T09:01:00.000Z), last line 6',
    );
    const json = JSON.parse((await auditCli(log, ['--verify', '--json'])).stdout);
    expect(json).toMatchObject({intact: true, chained: 6, broken: null, last: {line: 6}});
    expect(json.last.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(cliSchemaErrors('auditVerify', json)).toEqual([]);
    // audit --json quotes each entry's line in the chain: the last entry's is the last line's hash.
    const entries = JSON.parse((await auditCli(log, ['--json'])).stdout);
    expect(cliSchemaErrors('audit', entries)).toEqual([]);
    expect(entries.entries[0].attempt_line).toEqual({sha256: json.last.sha256, seq: 6});
  });

  it('an edited byte is named at its line, exit 6', async () => {
    const {log, lines, write} = logOf(8);
    const edited = lines();
    edited[3] = (edited[3] as string).replace('Customer 4', 'Customer 5');
    write(edited);
    const run = await auditCli(log, ['--verify']);
    expect(run.code).toBe(6);
    expect(run.stdout).toContain('has been changed: line 4 is not what line 5 recorded of it: it was edited');
    expect(run.stdout).toContain('Its chain checks out from line 1');
  });

  it('an edit that breaks the JSON is an edit, not a torn line', async () => {
    const {log, lines, write} = logOf(5);
    const edited = lines();
    edited[1] = (edited[1] as string).slice(0, 40);
    write(edited);
    const report = await verifyChain(log.path);
    expect(report.broken).toMatchObject({line: 2, problem: 'edited'});
    expect(report.torn).toEqual([]);
  });

  it('a removed line is named: removed between its neighbours', async () => {
    const {log, lines, write} = logOf(8);
    const removed = lines();
    removed.splice(4, 1);
    write(removed);
    const report = await verifyChain(log.path);
    expect(report.broken).toMatchObject({line: 5, problem: 'removed'});
    expect(report.broken?.detail).toBe('1 line was removed between lines 4 and 5');
  });

  it('the first lines removed are named too', async () => {
    const {log, lines, write} = logOf(5);
    write(lines().slice(2));
    expect((await verifyChain(log.path)).broken).toMatchObject({line: 1, problem: 'removed'});
  });

  it('two swapped lines are named: out of order', async () => {
    const {log, lines, write} = logOf(8);
    const swapped = lines();
    [swapped[5], swapped[6]] = [swapped[6] as string, swapped[5] as string];
    write(swapped);
    const report = await verifyChain(log.path);
    expect(report.broken).toMatchObject({line: 6, problem: 'reordered'});
    expect(report.broken?.detail).toBe('line 6 is out of order: line 7 was written before it');
  });

  it('an inserted line is named: a copy of another line, or one written by hand', async () => {
    const {log, lines, write} = logOf(8);
    const copied = lines();
    copied.splice(5, 0, copied[1] as string);
    write(copied);
    expect((await verifyChain(log.path)).broken).toMatchObject({line: 6, problem: 'inserted'});

    const byHand = lines().filter((_, index) => index !== 5);
    byHand.splice(5, 0, JSON.stringify({kind: 'attempt', tenant_name: 'Nobody'}));
    write(byHand);
    expect((await verifyChain(log.path)).broken).toMatchObject({line: 6, problem: 'inserted'});
  });

  it('a torn line (a crash mid-write) is reported as torn, and the chain links the last whole line', async () => {
    const {log, lines} = logOf(3);
    appendFileSync(log.path, '{"seq":4,"prev":"ab');
    log.append(attempt(4));
    log.append(attempt(5));
    expect(lines()).toHaveLength(6);
    const run = await auditCli(log, ['--verify']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('is intact: 5 lines in the chain');
    expect(run.stdout).toContain('Line 4 was torn by a crash mid-write: not tampering');
    // A torn line at the very end (the crash was the last thing) is torn too.
    appendFileSync(log.path, '{"seq":6,"pr');
    expect((await verifyChain(log.path)).torn).toEqual([4, 7]);
  });

  it('a line that lost only its line feed is whole; two tears in a row are tears; junk is inserted', async () => {
    const {log, lines} = logOf(3);
    // A crash between the line and its line feed: the line is whole, and linked.
    const text = readFileSync(log.path, 'utf8');
    writeFileSync(log.path, text.slice(0, -1));
    log.append(attempt(4));
    let report = await verifyChain(log.path);
    expect(report).toMatchObject({chained: 4, torn: []});
    expect(report.broken).toBeUndefined();
    // A disk that stayed full: two torn lines, one after the other, then a line written once there was room.
    appendFileSync(log.path, '{"seq":5,"prev":"0a');
    log.append(attempt(5));
    const withTear = readFileSync(log.path, 'utf8').split('\n');
    withTear.splice(5, 0, '{"seq":5,"pre');
    writeFileSync(log.path, withTear.join('\n'));
    report = await verifyChain(log.path);
    expect(report.broken).toBeUndefined();
    expect(report.torn).toEqual([5, 6]);
    expect(report.chained).toBe(5);
    // Junk pasted between two lines of the chain is not a tear: it was put there.
    const junk = lines();
    junk.splice(2, 0, 'hello I was here');
    writeFileSync(log.path, `${junk.join('\n')}\n`);
    expect((await verifyChain(log.path)).broken).toMatchObject({line: 3, problem: 'inserted'});
  });

  it("the platform's words are kept short in a record: a 1.2 MB error never makes an unreadable line", () => {
    const record = errorRecord(new PlatformError('http', 'x'.repeat(1_200_000), {status: 400}));
    expect(record.message.length).toBeLessThan(5000);
    expect(record.message).toContain('1,200,000 characters, cut');
  });

  it('a log of an earlier version is continued: its first chained line says how many came before it', async () => {
    const log = new AuditLog(mkdtempSync(join(tmpdir(), 'tenant-mode-chain-')));
    const old = [1, 2, 3].map((n) => JSON.stringify({...attempt(n), kind: undefined, outcome: 'switched'}));
    writeFileSync(log.path, `${old.join('\n')}\n`);
    log.append(attempt(4));
    log.append(attempt(5));
    const fourth = JSON.parse(readFileSync(log.path, 'utf8').split('\n')[3] as string);
    expect(fourth).toMatchObject({seq: 1, chained_after: 3});
    const run = await auditCli(log, ['--verify']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('is intact: 2 lines in the chain, first line 4');
    expect(run.stdout).toContain(
      '3 lines before the chain (written by an earlier version) cannot be checked',
    );
    // Removing an old line is still caught: the chain's first line counted them.
    const lines = readFileSync(log.path, 'utf8').split('\n');
    lines.splice(1, 1);
    writeFileSync(log.path, lines.join('\n'));
    expect((await verifyChain(log.path)).broken).toMatchObject({line: 3, problem: 'removed'});
  });

  it('twenty processes appending at once keep one chain', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tenant-mode-chain-'));
    const bundle = join(folder, 'audit.mjs');
    await build({
      entryPoints: [new URL('../source/store/audit.ts', import.meta.url).pathname],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: bundle,
      logLevel: 'error',
    });
    const script = join(folder, 'append.mjs');
    const go = join(folder, 'go');
    // Each waits for the go (a file), then appends five lines as fast as it can.
    writeFileSync(
      script,
      `import {existsSync} from 'node:fs';
import {AuditLog} from ${JSON.stringify(bundle)};
const [directory, go, who] = process.argv.slice(2);
const pause = new Int32Array(new SharedArrayBuffer(4));
console.log('ready');
while (!existsSync(go)) Atomics.wait(pause, 0, 0, 1);
const log = new AuditLog(directory);
for (let n = 0; n < 5; n++) {
  log.append({kind: 'attempt', attempt_id: who + '-' + n, time: '2026-12-01T09:00:00.000Z', via: 'apply',
    data_center: 'https://eu2-cloud.acronis.com', client_id: 'c', tenant_id: '00000000-0000-4000-8000-000000000001',
    tenant_name: 'T ' + who, pricing_before: {mode: 'trial'}, request: null});
}
`,
    );
    const directory = join(folder, 'config');
    const children = Array.from({length: 20}, (_, who) => {
      const child = spawn(process.execPath, [script, directory, go, String(who)]);
      const ready = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
      return {ready, exit};
    });
    await Promise.all(children.map((child) => child.ready));
    writeFileSync(go, '');
    expect(await Promise.all(children.map((child) => child.exit))).toEqual(Array(20).fill(0));
    const report = await verifyChain(join(directory, 'audit.log'));
    expect(report.broken).toBeUndefined();
    expect(report.chained).toBe(100);
    expect(report.torn).toEqual([]);
  });

  it('a ~60 MB log is checked in flat memory (--max-old-space-size=48): an edit near its end is still named', async () => {
    const config = newConfigDirectory();
    mkdirSync(config, {recursive: true, mode: 0o700});
    const path = join(config, 'audit.log');
    const count = 100_000;
    const padding = 'x'.repeat(500);
    const lines: string[] = [];
    let prev: string | null = null;
    for (let seq = 1; seq <= count; seq++) {
      const line = JSON.stringify({
        seq,
        prev,
        ...(seq === 1 ? {chained_after: 0} : {}),
        ...attempt(seq),
        note: padding,
      });
      lines.push(line);
      prev = lineHash(line);
    }
    const edited = count - 100;
    lines[edited - 1] = (lines[edited - 1] as string).replace(`Customer ${edited}`, 'Customer 0');
    writeFileSync(path, `${lines.join('\n')}\n`, {mode: 0o600});
    expect(statSync(path).size).toBeGreaterThan(55_000_000);
    const run = await new Promise<{code: number; stdout: string}>((resolve) => {
      execFile(
        process.execPath,
        ['--max-old-space-size=48', cliPath, 'audit', '--verify'],
        {env: {...process.env, TENANT_MODE_CONFIG_DIR: config}, maxBuffer: 1024 * 1024},
        (error, stdout) => resolve({code: error ? Number((error as {code?: number}).code ?? 1) : 0, stdout}),
      );
    });
    expect(run.stdout).toContain(
      `line ${edited.toLocaleString('en')} is not what line ${(edited + 1).toLocaleString('en')} recorded of it: it was edited`,
    );
    expect(run.code).toBe(6);
  }, 60_000);
});
