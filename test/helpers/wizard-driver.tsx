import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {render} from 'ink-testing-library';
import {afterEach} from 'vitest';
import type {Sandbox} from '../../source/sandbox/index.js';
import {AuditLog, CredentialStore} from '../../source/store/index.js';
import {inverseOff, inverseOn} from '../../source/wizard/components/TextField.js';
import type {WizardExit, WizardServices} from '../../source/wizard/services.js';
import {Wizard, type WizardProps} from '../../source/wizard/Wizard.js';
import {movableClock} from './sandbox.js';

export const keys = {
  enter: '\r',
  escape: '\u001B',
  down: '\u001B[B',
  up: '\u001B[A',
  tab: '\t',
  backspace: '\u007F',
  ctrlC: '\u0003',
} as const;

export interface DriverOptions {
  readonly store?: CredentialStore;
  /** Extra services (an audit log, say). */
  readonly services?: Partial<WizardServices>;
  readonly props?: Partial<Omit<WizardProps, 'services' | 'onExit'>>;
  readonly timeoutMs?: number;
  /** The terminal's width (ink-testing-library's is 100). */
  readonly columns?: number;
  /** The terminal's height (ink-testing-library's stdout has none: the wizard takes 24). */
  readonly rows?: number;
}

/** The services a wizard under test runs with (either way of drawing it): the sandbox, its clock, quick retries. */
export function testServices(
  sandbox: Sandbox,
  store: CredentialStore,
  extra: Partial<WizardServices> = {},
  timeoutMs = 5000,
): WizardServices {
  return {
    store,
    audit: new AuditLog(store.directory),
    clock: sandbox.clock,
    timeoutMs,
    retry: {attempts: 2, delayMs: 10},
    openSandbox: async () => ({
      url: sandbox.url,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
    }),
    ...extra,
  };
}

/** A fresh credential store in a temporary folder. */
export function temporaryStore(): CredentialStore {
  return CredentialStore.open(
    join(mkdtempSync(join(tmpdir(), 'tenant-mode-wizard-')), 'config'),
    movableClock(),
  ).store;
}

/**
 * Drives the whole wizard against a sandbox over real sockets (the AppRig idea): keys in, frames out.
 * Waiting is by condition, never by fixed sleeps alone: each key waits for the frame it needs first.
 */
export function driveWizard(sandbox: Sandbox, options: DriverOptions = {}) {
  const exits: WizardExit[] = [];
  const store = options.store ?? temporaryStore();
  const wizard = (
    <Wizard
      services={testServices(sandbox, store, options.services, options.timeoutMs)}
      onExit={(exit) => exits.push(exit)}
      {...options.props}
    />
  );
  const instance = render(wizard);
  /** Gives the terminal another size, as a window resize does: the stdout says so with a `resize` event. */
  const resize = (size: {columns?: number; rows?: number}) => {
    for (const [name, value] of Object.entries(size)) {
      Object.defineProperty(instance.stdout, name, {value, configurable: true, writable: true});
    }
    instance.stdout.emit('resize');
    // A resize before the wizard listens for one (just after the first render) is seen at the next render.
    instance.rerender(wizard);
  };
  if (options.columns || options.rows) resize({columns: options.columns, rows: options.rows});
  const host = new URL(sandbox.url).host;
  // The text cursor is drawn as inverse-video escape codes whatever the colour level: frames are read without it.
  const frame = () =>
    (instance.lastFrame() ?? '')
      .replaceAll(inverseOn, '')
      .replaceAll(inverseOff, '')
      .replaceAll(host, '<sandbox>');

  const waitFor = async (expected: string | RegExp, timeoutMs = 5000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = frame();
      if (typeof expected === 'string' ? current.includes(expected) : expected.test(current)) {
        // No settling time: a screen owns the keys from the moment it is drawn (source/wizard/key-router.tsx),
        // so the next key may follow at once, as a fast typist's or a paste's would.
        return current;
      }
      if (Date.now() > deadline)
        throw new Error(`Timed out waiting for ${expected}. Last frame:\n${current}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  /** Waits until the frame no longer shows `text` (a panel closed, a spinner gone). */
  const waitForGone = async (text: string, timeoutMs = 5000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    while (frame().includes(text)) {
      if (Date.now() > deadline)
        throw new Error(`Timed out waiting for "${text}" to go. Last frame:\n${frame()}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return frame();
  };

  const press = async (key: string) => {
    instance.stdin.write(key);
    await new Promise((resolve) => setImmediate(resolve));
  };

  /**
   * Types text as a paste arrives: one chunk, then waits until the field shows it (masked: as stars). Fields must
   * take a paste whole anyway; what the test then waits for is the frame, never a fixed time.
   */
  const type = async (text: string, options: {masked?: boolean} = {}) => {
    instance.stdin.write(text);
    const shown = options.masked ? '*'.repeat(text.length) : text.replaceAll(host, '<sandbox>');
    // Frames drop trailing spaces.
    await waitFor(new RegExp(`: ${escapeRegExp(shown.trimEnd())}(\\s|$)`, 'm'), 2000);
  };

  /** The highlighted item of a list: the line with ❯ and its indented continuation lines. */
  const highlighted = () => {
    const lines = frame().split('\n');
    const start = lines.findIndex((line) => line.startsWith('❯'));
    if (start < 0) return '';
    const end = lines.findIndex((line, index) => index > start && !line.startsWith('    '));
    return lines.slice(start, end < 0 ? undefined : end).join('\n');
  };

  /**
   * Moves the highlight down to the item whose line contains `label` and presses Enter, one ↓ at a time, each
   * waiting until the highlight has moved (keys faster than a render would reach a stale handler).
   */
  const pick = async (label: string) => {
    for (let moves = 0; !highlighted().includes(label); moves++) {
      if (moves > 60) throw new Error(`No list item "${label}" in:\n${frame()}`);
      const before = highlighted();
      instance.stdin.write(keys.down);
      const deadline = Date.now() + 2000;
      while (highlighted() === before && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await press(keys.enter);
  };

  /** Signs in to the sandbox by choosing it, first in the data center list. */
  const signInToSandbox = async () => {
    await waitFor('Which data center');
    await press(keys.enter);
    await waitFor(/Step 2( of |\/)5/);
  };

  /** Searches for a name and picks the `index`-th match (0: the first). */
  const chooseTenant = async (name: string, index = 0) => {
    await waitFor('Tenant name or UUID:');
    await type(name);
    await press(keys.enter);
    await waitFor(/match|No tenant/);
    if (index === 0) await press(keys.enter);
    else
      await pick(
        frame()
          .split('\n')
          .filter((line) => /^[❯ ] \S/.test(line))
          [index]?.slice(2) ?? '?',
      );
    await waitFor(/Step 3( of |\/)5|✘/);
  };

  /** Signs in to the sandbox, searches `search`, chooses its first match and goes on to the confirm step. */
  const toConfirmStep = async (search: string) => {
    await signInToSandbox();
    await chooseTenant(search);
    await press(keys.enter);
    return waitFor('Type the tenant');
  };

  /** Every frame rendered so far, for secret checks. */
  const allFrames = () => instance.frames.join('\n').replaceAll(inverseOn, '').replaceAll(inverseOff, '');

  return {
    instance,
    frame,
    waitFor,
    waitForGone,
    resize,
    press,
    type,
    pick,
    signInToSandbox,
    chooseTenant,
    toConfirmStep,
    exits,
    store,
    allFrames,
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * For a test file: a `start(options)` that drives a wizard against the file's sandbox and unmounts it after the
 * test.
 */
export function wizardStarter(sandbox: {readonly current: Sandbox}) {
  let cleanup: (() => void) | undefined;
  afterEach(() => {
    cleanup?.();
    cleanup = undefined;
  });
  return (options?: DriverOptions) => {
    const wizard = driveWizard(sandbox.current, options);
    cleanup = wizard.instance.unmount;
    return wizard;
  };
}

/** Signs in through "Another URL…" (the last entry of the data center list), typing the sandbox's account. */
export async function typeCredentials(
  wizard: ReturnType<typeof driveWizard>,
  sandbox: Sandbox,
  secret: string,
) {
  await wizard.waitFor('Which data center');
  await wizard.pick('Another URL…');
  await wizard.waitFor('Data center URL:');
  await wizard.type(sandbox.url);
  await wizard.press(keys.enter);
  await wizard.waitFor('API client id:');
  await wizard.type(sandbox.clientId);
  await wizard.press(keys.enter);
  await wizard.waitFor('Client secret:');
  await wizard.type(secret, {masked: true});
  await wizard.press(keys.enter);
}
