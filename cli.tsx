import {systemClock} from './source/clock.js';
import type {CommandIo} from './source/commands/io.js';
import {main} from './source/commands/main.js';

// The process's side of tenant-mode: its streams, environment and signals, the one clock, and the wizard (loaded
// only when it runs). Everything else is in source/.
// `ps` and `pkill -x tenant-mode` find it by its name, not as one more `node`.
process.title = 'tenant-mode';
const interrupt = new AbortController();
// Ctrl+C and SIGTERM abort what is in flight; the command then says whether a switch was sent and exits 130.
// The wizard (in raw mode) takes Ctrl+C as a key and SIGTERM through its own listener (source/wizard/run-wizard.tsx).
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => interrupt.abort());

const io: CommandIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  clock: systemClock,
  interrupt: interrupt.signal,
};

process.exitCode = await main(process.argv.slice(2), io, async (request) => {
  // Both ends are a terminal, so a person is there: Ink would otherwise draw nothing until exit when the
  // environment says CI (is-in-ci reads CI and CONTINUOUS_INTEGRATION when Ink is first loaded, just below).
  for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) if (name in process.env) process.env[name] = '0';
  // A pty that reports 0 columns makes Ink put one character per line.
  if (!process.stdout.columns) Object.defineProperty(process.stdout, 'columns', {value: 80});
  const {startWizard} = await import('./source/wizard/start.js');
  return startWizard(request, systemClock, interrupt.signal);
});
