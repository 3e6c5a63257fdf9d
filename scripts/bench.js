// `npm run bench`: each row of issue "Start like node…" as a ratio against its reference, measured in the same run
// and interleaved (a busy moment of the machine weighs on both alike), with the goal beside it; then peak memory of
// `list` at 100,000 customers, and the client's calls over loopback. Wall clock on this machine: compare runs on the
// same machine only.
import {execFileSync, spawn, spawnSync} from 'node:child_process';
import {createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createInterface} from 'node:readline';
import {build} from 'esbuild';
import {stubs} from './never-run-stubs.js';

const cli = 'dist/cli.js';
/** `npm run bench -- batch` runs only those rows (start, switch, wizard, list, audit, batch); no argument: all. */
const want = (name) => process.argv[2] === undefined || process.argv[2] === name;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const time = async (action) => {
  const start = performance.now();
  await action();
  return performance.now() - start;
};
const rows = [];
const row = (what, ours, reference, referenceName, goal) => {
  const ratio = ours / reference;
  rows.push({what, ours, reference, referenceName, ratio, goal});
  const verdict = goal === undefined ? '' : ratio <= goal ? `  ≤ ${goal}× ✔` : `  > ${goal}× ✘`;
  console.log(
    `${what.padEnd(52)} ${ours.toFixed(0).padStart(5)} ms  ${referenceName.padEnd(26)} ${reference.toFixed(0).padStart(5)} ms  ${ratio.toFixed(2)}×${verdict}`,
  );
};
/** Runs `a` and `b` `runs` times each, alternating, and gives both medians. */
const interleaved = async (runs, a, b) => {
  const first = [];
  const second = [];
  for (let run = 0; run < runs; run++) {
    first.push(await time(() => a(run)));
    second.push(await time(() => b(run)));
  }
  return [median(first), median(second)];
};
const run = (file, args, env = {}) =>
  new Promise((resolve, reject) => {
    const child = spawn(file, args, {env: {...process.env, ...env}, stdio: ['ignore', 'ignore', 'pipe']});
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${file} ${args.join(' ')}: ${code}\n${stderr}`)),
    );
  });

/** A sandbox of its own process, as an operator would run one; `latency` ms added to every answer. */
async function sandbox(extra = []) {
  const child = spawn(process.execPath, [cli, 'sandbox', '--json', ...extra], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const lines = createInterface({input: child.stdout});
  const line = await new Promise((resolve) => lines.once('line', resolve));
  return {
    ...JSON.parse(line),
    close: () => child.kill('SIGTERM'),
    /** Stops it and gives its request summary (its second JSON line). */
    stop: () => {
      const summary = new Promise((resolve) => lines.once('line', (text) => resolve(JSON.parse(text))));
      child.kill('SIGTERM');
      return summary;
    },
  };
}

console.log('tenant-mode bench — medians; each row against its reference, interleaved\n');

// Node 20 reads the file NODE_EXTRA_CA_CERTS names at every start, before any of our code runs (Node 22 and 24 only
// when a TLS connection needs it). Build machines behind a proxy often set it: say what it costs here, since it
// weighs on every row measured against a reference that is not Node (the switch rows).
const extraCa = process.env.NODE_EXTRA_CA_CERTS;
if (extraCa) {
  const [withFile, without] = await interleaved(
    10,
    () => run(process.execPath, ['-e', '0']),
    () => run(process.execPath, ['-e', '0'], {NODE_EXTRA_CA_CERTS: undefined}),
  );
  console.log(
    `This machine sets NODE_EXTRA_CA_CERTS: node -e 0 takes ${withFile.toFixed(0)} ms with it, ${without.toFixed(0)} ms without (Node ${process.versions.node}).\nThe rows are measured with the environment as it is.\n`,
  );
}

// 1. Start-up.
if (want('start')) {
  const [ours, node] = await interleaved(
    15,
    () => run(process.execPath, [cli, '--version']),
    () => run(process.execPath, ['-e', '0']),
  );
  row('tenant-mode --version', ours, node, 'node -e 0', 1.5);
}

// 2. and 3. A switch by name, against the seed's procedure scripted in Python (requests), over loopback.
const hasRequests = (() => {
  try {
    execFileSync('python3', ['-c', 'import requests']);
    return true;
  } catch {
    return false;
  }
})();
/**
 * A D-Bus session with an unlocked GNOME Keyring of its own (as a desktop login has), for the keyring row: the
 * environment that reaches it, and how to end it. Undefined when the tools are not installed.
 */
function keyringSession() {
  const tools = ['dbus-daemon', 'gnome-keyring-daemon', 'secret-tool'];
  if (tools.some((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)) return undefined;
  const home = mkdtempSync(join(tmpdir(), 'tenant-mode-bench-keyring-'));
  const runtime = join(home, 'run');
  mkdirSync(runtime, {mode: 0o700});
  const [address, pid] = execFileSync('dbus-daemon', [
    '--session',
    '--fork',
    '--print-address=1',
    '--print-pid=1',
  ])
    .toString()
    .trim()
    .split('\n');
  const env = {
    HOME: home,
    XDG_RUNTIME_DIR: runtime,
    XDG_DATA_HOME: join(home, 'data'),
    DBUS_SESSION_BUS_ADDRESS: address,
  };
  execFileSync('gnome-keyring-daemon', ['--unlock', '--components=secrets', '--daemonize'], {
    input: 'bench-password',
    env: {...process.env, ...env},
  });
  return {env, close: () => process.kill(Number(pid))};
}

const keyring = want('switch') ? keyringSession() : undefined;
for (const {latency, secretIn, goal} of !want('switch')
  ? []
  : [
      {latency: 0, secretIn: undefined, goal: 1.0},
      {latency: 40, secretIn: 'file', goal: 0.6},
      ...(keyring ? [{latency: 40, secretIn: 'keyring', goal: 0.6}] : []),
    ]) {
  if (!hasRequests) {
    console.log('python3 with requests is not installed: the switch rows need it as their reference');
    break;
  }
  const box = await sandbox(['--tenants', '200', '--latency', String(latency)]);
  const config = mkdtempSync(join(tmpdir(), 'tenant-mode-bench-'));
  const env = {TENANT_MODE_CONFIG_DIR: config, TENANT_MODE_CLIENT_SECRET: box.client_secret};
  const flags = ['--url', box.url, '--client-id', box.client_id];
  // A remembered account with a token from an earlier run, as an operator has on the 1st: `login` sets it up, the
  // secret in the credentials file (--insecure-storage) or in the keyring; the switches name no credentials.
  const remembered =
    secretIn === undefined ? undefined : {TENANT_MODE_CONFIG_DIR: config, ...(keyring?.env ?? {})};
  if (remembered) {
    await run(
      process.execPath,
      [cli, 'login', ...flags, ...(secretIn === 'file' ? ['--insecure-storage'] : [])],
      {...remembered, TENANT_MODE_CLIENT_SECRET: box.client_secret},
    );
  }
  // The n-th customer in trial: the sandbox's `--tenants` puts every third one (3, 6, 9, …) in production.
  const name = (index) => `Customer ${String(index + 1 + Math.floor(index / 2)).padStart(5, '0')}`;
  /** The seed's procedure for the n-th trial customer. */
  const seedSwitch = (index) =>
    run('python3', ['scripts/bench/seed-switch.py', box.url, box.client_id, box.client_secret, name(index)]);
  const [ours, seed] = await interleaved(
    10,
    (index) =>
      run(
        process.execPath,
        [cli, 'switch', name(2 * index), '--yes', '--json', ...(remembered ? [] : flags)],
        remembered ?? env,
      ),
    (index) => seedSwitch(2 * index + 1),
  );
  row(
    `switch NAME --yes, ${latency} ms/answer, ${secretIn ? `login, secret in the ${secretIn}` : 'no cached token'}`,
    ours,
    seed,
    'seed script (Python)',
    goal,
  );
  if (secretIn === 'file' && extraCa) {
    // The same row without the certificate file (for information: no verdict), other customers of the same sandbox.
    const [oursAlone, seedAgain] = await interleaved(
      10,
      (index) =>
        run(process.execPath, [cli, 'switch', name(2 * index + 40), '--yes', '--json'], {
          ...remembered,
          NODE_EXTRA_CA_CERTS: undefined,
        }),
      (index) => seedSwitch(2 * index + 41),
    );
    row('  the same without NODE_EXTRA_CA_CERTS', oursAlone, seedAgain, 'seed script (Python)');
  }
  box.close();
}
keyring?.close();
if (want('switch') && !keyring)
  console.log('GNOME Keyring, secret-tool or dbus-daemon missing: no keyring row');

// 4. The wizard's first frame in a pty, against a one-line Ink app bundled the same way.
if (want('wizard')) {
  const folder = mkdtempSync(join(tmpdir(), 'tenant-mode-ink-'));
  writeFileSync(
    join(folder, 'hello.tsx'),
    "import {render, Text} from 'ink';\nrender(<Text>Which data center?</Text>);\nsetTimeout(() => process.exit(0), 100);\n",
  );
  await build({
    entryPoints: [join(folder, 'hello.tsx')],
    outfile: join(folder, 'hello.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    minify: true,
    jsx: 'automatic',
    nodePaths: [join(process.cwd(), 'node_modules')],
    plugins: [stubs],
    define: {'process.env.NODE_ENV': '"production"'},
    banner: {js: "import {createRequire} from 'node:module';const require = createRequire(import.meta.url);"},
    logLevel: 'error',
  });
  const firstFrame = (command) =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const child = spawn('script', ['-qfec', command, '/dev/null'], {
        env: {...process.env, TERM: 'xterm-256color', SHELL: '/bin/sh', TENANT_MODE_CONFIG_DIR: folder},
        stdio: ['pipe', 'pipe', 'ignore'],
      });
      let seen = '';
      child.stdout.on('data', (chunk) => {
        seen += chunk;
        if (seen.includes('Which data center')) {
          resolve(performance.now() - started);
          child.kill('SIGKILL');
        }
      });
      child.on('exit', () => reject(new Error(`no first frame from ${command}:\n${seen}`)));
    });
  const [ours, ink] = await interleaved(
    10,
    () => firstFrame(`stty cols 80 rows 24; exec ${process.execPath} ${cli}`),
    () => firstFrame(`stty cols 80 rows 24; exec ${process.execPath} ${join(folder, 'hello.js')}`),
  );
  row("wizard's first frame in a pty", ours, ink, 'one-line Ink app', 1.2);
}

// 5. list at 100,000 customers: peak memory of tenant-mode (GNU time's maximum resident set size).
if (want('list')) {
  const box = await sandbox(['--tenants', '100000']);
  const config = mkdtempSync(join(tmpdir(), 'tenant-mode-bench-'));
  const started = performance.now();
  const measured = spawnSync(
    '/usr/bin/time',
    ['-f', '%M', process.execPath, cli, 'list', '--json', '--url', box.url, '--client-id', box.client_id],
    {
      env: {...process.env, TENANT_MODE_CONFIG_DIR: config, TENANT_MODE_CLIENT_SECRET: box.client_secret},
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    },
  );
  if (measured.status !== 0) throw new Error(`list failed: ${measured.stderr}`);
  const report = measured.stderr;
  const seconds = (performance.now() - started) / 1000;
  box.close();
  const mib = Number(report.trim().split('\n').pop()) / 1024;
  console.log(
    `${'list --json, 100,009 customers: peak RSS'.padEnd(52)} ${mib.toFixed(0).padStart(5)} MiB (${seconds.toFixed(1)} s)${mib <= 150 ? '  ≤ 150 MiB ✔' : '  > 150 MiB ✘'}`,
  );
}

// 6. and 7. The month-start batch: plan and apply of the trial customers among 10,000 (about two thirds), each
// in its own process against a sandbox in its own; then apply against a rate limit of 50 requests a second.
/** Runs tenant-mode under GNU time: seconds, peak RSS in MiB, exit code, stdout. */
const measure = (args, env) => {
  const started = performance.now();
  const measured = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, cli, ...args], {
    env: {...process.env, ...env},
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return {
    seconds: (performance.now() - started) / 1000,
    mib: Number(measured.stderr.trim().split('\n').pop()) / 1024,
    code: measured.status,
    stdout: measured.stdout,
    stderr: measured.stderr,
  };
};
const verdict = (ok) => (ok ? '✔' : '✘');
// A hostile-sized audit log (issue "Hardening, second round"): 1.5 GB of attempt and outcome lines, read a line at a
// time. `audit --since` of its last day scans it all and shows three entries; the reference is `wc -l` over the
// same file (the least any reader of its lines must do). Peak memory must not grow with the file.
if (want('audit')) {
  const config = mkdtempSync(join(tmpdir(), 'tenant-mode-bench-audit-'));
  const log = join(config, 'audit.log');
  const pairs = 1_100_000;
  const padding = 'x'.repeat(800);
  const out = createWriteStream(log, {mode: 0o600});
  for (let at = 0; at < pairs; at++) {
    const id = `id-${at}`;
    const day = at >= pairs - 3 ? '2026-12-01' : '2026-11-01';
    const attempt = `{"kind":"attempt","attempt_id":"${id}","time":"${day}T00:00:00.000Z","via":"apply","data_center":"https://eu2-cloud.acronis.com/api/2","client_id":"c","tenant_id":"892efe0b-f8da-52dd-a706-6eb3bdac66a2","tenant_name":"Customer ${at}","pricing_before":{"mode":"trial","version":1},"request":{"version":1,"mode":"production"},"note":"${padding}"}`;
    const outcome = `{"kind":"outcome","attempt_id":"${id}","time":"${day}T00:00:01.000Z","tenant_id":"892efe0b-f8da-52dd-a706-6eb3bdac66a2","status":200,"pricing_after":{"mode":"production","version":2},"outcome":"switched","puts":1}`;
    if (!out.write(`${attempt}\n${outcome}\n`)) await new Promise((resolve) => out.once('drain', resolve));
  }
  await new Promise((resolve) => out.end(resolve));
  const size = statSync(log).size;
  let rss = 0;
  const [ours, reference] = await interleaved(
    3,
    async () => {
      const measured = spawnSync(
        '/usr/bin/time',
        ['-f', '%M', process.execPath, cli, 'audit', '--since', '2026-12-01'],
        {
          env: {...process.env, TENANT_MODE_CONFIG_DIR: config},
          stdio: ['ignore', 'ignore', 'pipe'],
          encoding: 'utf8',
        },
      );
      if (measured.status !== 0) throw new Error(`audit failed: ${measured.stderr}`);
      rss = Math.max(rss, Number(measured.stderr.trim().split('\n').pop()) / 1024);
    },
    () => run('wc', ['-l', log]),
  );
  row(`audit --since, ${(size / 1e9).toFixed(1)} GB log`, ours, reference, 'wc -l');
  console.log(
    `${'  its peak RSS'.padEnd(52)} ${rss.toFixed(0).padStart(5)} MiB${rss <= 150 ? '  ≤ 150 MiB ✔' : '  > 150 MiB ✘'}`,
  );
  rmSync(config, {recursive: true, force: true});
}

for (const {tenants, rate, concurrency, goals} of !want('batch')
  ? []
  : [
      {tenants: 10_000, rate: 0, concurrency: 8, goals: {plan: 15, apply: 60}},
      {tenants: 1_000, rate: 50, concurrency: 4, goals: {}},
    ]) {
  const box = await sandbox(['--tenants', String(tenants), ...(rate ? ['--rate', String(rate)] : [])]);
  const folder = mkdtempSync(join(tmpdir(), 'tenant-mode-bench-'));
  const env = {TENANT_MODE_CONFIG_DIR: join(folder, 'config'), TENANT_MODE_CLIENT_SECRET: box.client_secret};
  const flags = ['--url', box.url, '--client-id', box.client_id];
  const planFile = join(folder, 'plan.json');
  const planned = measure(['plan', '--out', planFile, '--json', ...flags], env);
  if (planned.code !== 0) throw new Error(`plan failed: ${planned.stderr}`);
  const count = JSON.parse(planned.stdout).tenants.length;
  const label = `${tenants.toLocaleString('en')} customers${rate ? `, --rate ${rate}` : ''}`;
  if (goals.plan) {
    console.log(
      `${`plan, ${label}: ${count} in trial`.padEnd(52)} ${planned.seconds.toFixed(1).padStart(5)} s  ≤ ${goals.plan} s ${verdict(planned.seconds <= goals.plan)}   peak RSS ${planned.mib.toFixed(0)} MiB ${verdict(planned.mib <= 150)}`,
    );
  }
  // Not the planned day (the 1st): --not-on-date, as a rehearsal would.
  const applied = measure(
    ['apply', planFile, '--yes', '--not-on-date', '--json', '--concurrency', String(concurrency), ...flags],
    env,
  );
  const summary = await box.stop();
  const outcomes = applied.code === 0 || applied.code === 1 ? JSON.parse(applied.stdout).summary : {};
  // Every PUT but those refused with 429 (not processed, sent again after a re-read) is a tenant's one PUT.
  const duplicates = summary.puts - summary.puts_rate_limited - count;
  console.log(
    `${`apply --concurrency ${concurrency}, ${label}`.padEnd(52)} ${applied.seconds.toFixed(1).padStart(5)} s${goals.apply ? `  ≤ ${goals.apply} s ${verdict(applied.seconds <= goals.apply)}` : ''}   peak RSS ${applied.mib.toFixed(0)} MiB ${verdict(applied.mib <= 150)}   exit ${applied.code}`,
  );
  console.log(
    `${''.padEnd(52)} ${JSON.stringify(outcomes)}; sandbox: ${summary.puts_applied} PUTs carried out, ${duplicates} duplicate PUTs, ${summary.tenants_changed_twice} tenants changed twice ${verdict(duplicates === 0 && summary.tenants_changed_twice === 0 && summary.puts_applied === count)}, ${summary.rate_limited} answers 429`,
  );
}
