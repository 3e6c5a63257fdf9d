import {afterEach} from 'vitest';
import type {Sandbox} from '../../source/sandbox/index.js';
import {AuditLog, type CredentialStore} from '../../source/store/index.js';
import {LineWizard} from '../../source/wizard/lines/line-wizard.js';
import type {WizardExit, WizardServices} from '../../source/wizard/services.js';
import type {ConnectForm} from '../../source/wizard/state.js';
import {temporaryStore, testServices} from './wizard-driver.js';

export interface LineDriverOptions {
  readonly store?: CredentialStore;
  readonly services?: Partial<WizardServices>;
  readonly initialForm?: Partial<ConnectForm>;
}

/**
 * Drives the line mode (source/wizard/lines/) against a sandbox over real sockets: input as a terminal sends it,
 * the transcript as the terminal would show it (every byte written, echo included).
 */
export function driveLines(sandbox: Sandbox, options: LineDriverOptions = {}) {
  const store = options.store ?? temporaryStore();
  const audit = new AuditLog(store.directory);
  let output = '';
  // The time that passes as a person reads and types: a second before each answer typed (`typeKeys`, `answer`);
  // keys given by `input` (a paste, a burst) come at once.
  let monotonic = 0;
  const exits: WizardExit[] = [];
  const wizard = new LineWizard({
    services: {...testServices(sandbox, store, options.services), audit},
    initialForm: options.initialForm,
    write: (text) => {
      output += text;
    },
    onExit: (exit) => exits.push(exit),
    monotonic: () => monotonic,
  });
  wizard.start();
  const host = new URL(sandbox.url).host;
  const transcript = () => output.replaceAll(host, '<sandbox>');
  let mark = 0;

  /** Waits until the transcript, after what was waited for last, has `expected`; returns that part. */
  const waitFor = async (expected: string | RegExp, timeoutMs = 5000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = transcript();
      const after = text.slice(mark);
      const found = typeof expected === 'string' ? after.indexOf(expected) : after.search(expected);
      if (found >= 0) {
        const end =
          mark +
          found +
          (typeof expected === 'string' ? expected.length : (after.match(expected)?.[0].length ?? 0));
        const part = text.slice(mark, end);
        mark = end;
        return part;
      }
      if (Date.now() > deadline)
        throw new Error(`Timed out waiting for ${expected}. Transcript:\n${text.slice(mark)}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  /** Types text a key at a time, as hands do (each key its own input event). */
  const typeKeys = (text: string) => {
    monotonic += 1000;
    for (const key of text) wizard.input(key);
  };

  /** Waits for the question `prompt`, then types the answer a key at a time and Enter. */
  const answer = async (prompt: string | RegExp, text: string) => {
    await waitFor(prompt);
    typeKeys(text);
    wizard.input('\r');
  };

  /** A second passes, as when a person reads before pressing a key (`input` keys come at once otherwise). */
  const pause = () => {
    monotonic += 1000;
  };

  /** Signs in to the embedded sandbox (the first data center offered, Enter alone). */
  const signInToSandbox = async () => {
    await answer('Data center (1 to', '');
    await waitFor('Step 2 of 5');
  };

  return {
    wizard,
    audit,
    transcript,
    waitFor,
    typeKeys,
    answer,
    pause,
    signInToSandbox,
    exits,
    input: (raw: string) => wizard.input(raw),
  };
}

/** One line-mode driver a test, left (as on Ctrl+C) after it: no request outlives its test. */
export function lineStarter(sandbox: {readonly current: Sandbox}) {
  let started: ReturnType<typeof driveLines> | undefined;
  afterEach(() => {
    started?.wizard.interrupt();
    started = undefined;
  });
  return (options?: LineDriverOptions) => {
    started = driveLines(sandbox.current, options);
    return started;
  };
}
