import {setMaxListeners} from 'node:events';
import {systemClock} from './source/clock.js';
import type {CommandIo} from './source/commands/io.js';
import {main} from './source/commands/main.js';
import {programWords} from './source/commands/program.js';

// The process's side of tenant-mode: its streams, environment and signals, the one clock, and the wizard (loaded
// only when it runs). Everything else is in source/.
// `ps` and `pkill -x tenant-mode` find it by its name, not as one more `node`.
process.title = 'tenant-mode';
const interrupt = new AbortController();
// Ctrl+C, SIGTERM, SIGQUIT and SIGHUP abort what is in flight; the command then records what it knows, says whether
// a switch was sent and exits 130. The wizard (in raw mode) takes Ctrl+C as a key, the others through `interrupt`.
// After SIGHUP the terminal is gone: nothing more is written to it, and the exit code is 129.
let hungUp = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGQUIT', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (signal === 'SIGHUP' && !hungUp) silenceTerminal();
    hungUp ||= signal === 'SIGHUP';
    interrupt.abort(signal);
  });
}
// A reader that went away (`tenant-mode switch … --json | true`) must not turn a switch's exit code into 1.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

/**
 * After SIGHUP the terminal is gone: a stream that is one takes no more bytes, from us or from Ink, which writes to
 * process.stdout and process.stderr itself (the wizard, apply's progress view). A stream into a pipe or a file (a
 * --json document for a script, a cron job's log of what was sent) is still written.
 */
function silenceTerminal(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (!stream.isTTY) continue;
    stream.write = ((...args: unknown[]) => {
      const done = args.find((argument) => typeof argument === 'function') as (() => void) | undefined;
      if (done) queueMicrotask(done);
      return true;
    }) as typeof stream.write;
  }
}
// The process's stream as commands see it: no longer a terminal once it has hung up (a prompt needs the stream
// itself, hence a proxy).
const noTerminalAfterHangUp = (stream: NodeJS.WriteStream): NodeJS.WriteStream =>
  new Proxy(stream, {
    get(target, property) {
      if (property === 'isTTY') return target.isTTY && !hungUp;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });

// Up to 32 requests in flight (apply --concurrency) each listen to the one interrupt signal while they run.
setMaxListeners(100, interrupt.signal);

let program: readonly string[] | undefined;
const io: CommandIo = {
  stdout: noTerminalAfterHangUp(process.stdout),
  stderr: noTerminalAfterHangUp(process.stderr),
  stdin: process.stdin,
  env: process.env,
  clock: systemClock,
  interrupt: interrupt.signal,
  // Looked up on PATH once, when a command first prints one (audit prints one an entry).
  get program() {
    program ??= programWords(process.env);
    return program;
  },
};

/**
 * Loads a module that brings Ink, without Node's global `fetch` in sight meanwhile. Ink's layout engine (yoga-layout,
 * compiled by Emscripten) fetches its own embedded WebAssembly, a data: URL, whenever a global `fetch` exists: in
 * Node that first loads undici, Node's built-in HTTP client, which we never use (requests go through node-fetch).
 * Without `fetch` the loader decodes the same bytes itself. Measured: the wizard's first frame 30 ms earlier (undici's
 * compile 20 ms and the fetch 8 ms, CPU profile). `fetch` is back as soon as the module has loaded.
 */
async function withoutGlobalFetch<T>(load: () => Promise<T>): Promise<T> {
  const fetchOfNode = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (fetchOfNode?.configurable) Reflect.deleteProperty(globalThis, 'fetch');
  try {
    return await load();
  } finally {
    if (fetchOfNode?.configurable) Object.defineProperty(globalThis, 'fetch', fetchOfNode);
  }
}

/** Before Ink is first loaded, for a person at a terminal. */
function readyForInk(stream: NodeJS.WriteStream): void {
  // Both ends are a terminal, so a person is there: Ink would otherwise draw nothing until exit when the
  // environment says CI (is-in-ci reads CI and CONTINUOUS_INTEGRATION when Ink is first loaded, just below).
  for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) if (name in process.env) process.env[name] = '0';
  // chalk (through supports-color) reads `--no-color` in process.argv when Ink is first loaded and then drops every
  // style, bold and inverse video too: the field's cursor vanishes. Our --no-color is about colour only (the
  // wizard's theme drops its colours, docs/wizard.md "Colours"), so chalk does not get to see it.
  process.argv = process.argv.filter((word, index) => index < 2 || word !== '--no-color');
  // A pty that reports 0 columns makes Ink put one character per line.
  // Writable: a later resize (SIGWINCH) sets the real width.
  if (!stream.columns)
    Object.defineProperty(stream, 'columns', {value: 80, writable: true, configurable: true});
}

const code = await main(
  process.argv.slice(2),
  io,
  async (request) => {
    readyForInk(process.stdout);
    const {startWizard} = await withoutGlobalFetch(() => import('./source/wizard/start.js'));
    return startWizard(request, systemClock, interrupt.signal, programWords(process.env));
  },
  async (title, first) => {
    readyForInk(process.stderr);
    const {showApplyProgress} = await withoutGlobalFetch(
      () => import('./source/wizard/ApplyProgressView.js'),
    );
    return showApplyProgress(title, first);
  },
);
process.exitCode = hungUp ? 129 : code;
// The command has ended and said what it did: the process ends now, once what it wrote has left. Nothing it started
// may keep it alive after that — a socket a proxy never answered, say, would otherwise hold a cron job (and its lock)
// until SIGKILL, deaf to SIGTERM, whose handler above only aborts what is in flight.
await Promise.all(
  [process.stdout, process.stderr].map((stream) => new Promise((done) => stream.write('', done))),
);
process.exit();
