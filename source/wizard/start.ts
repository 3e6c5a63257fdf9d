import {resolve} from 'node:path';
import {
  AuditLog,
  type Clock,
  CredentialStore,
  configDirectory,
  rememberSandboxAccount,
  systemKeyring,
  type WizardRequest,
  writeWholeFile,
} from '../procedure/index.js';
import type {Sandbox} from '../sandbox/index.js';
import {Lesson} from './lesson.js';
import {wrapWords} from './lines/line-wizard.js';
import {runWizard} from './run-wizard.js';
import {withoutColour} from './theme.js';

/**
 * Wires the wizard to this machine: the credential file, the clock, the embedded sandbox. `terminate` is aborted
 * when the process is told to stop (SIGTERM, or SIGINT sent from outside): the wizard leaves as on Ctrl+C.
 */
export async function startWizard(
  options: WizardRequest,
  clock: Clock,
  terminate: AbortSignal,
  /** The words that run this tool from a fresh shell (cli.tsx), for the commands the wizard prints. */
  program?: readonly string[],
): Promise<number> {
  // chalk ignores NO_COLOR in a terminal (docs/development.md, "Traps we measured"): the theme drops its colours itself, keeping bold and
  // inverse video (chalk's level 0 would drop those too, and with them the text cursor).
  if (!options.color) withoutColour();
  const {store, notice} = CredentialStore.open(configDirectory(), clock, systemKeyring(process.env));
  // The sandbox's code is loaded only with --sandbox: a wizard for a real data center draws its first frame
  // without it.
  const sandboxCode = options.sandbox ? import('../sandbox/index.js') : undefined;
  const scenario = options.lesson?.scenario
    ? (await sandboxCode)?.scenarioNamed(options.lesson.scenario)
    : undefined;
  const launch = async () => {
    const code = await import('../sandbox/index.js');
    // A lesson's sandbox has a dozen more customers, their trials ending over the next four months: its plan then
    // shows customers whose billing differs between switching on the 1st and leaving them (docs/onboarding.md).
    const started = await code.startSandbox({
      clock,
      ratePerSecond: scenario?.ratePerSecond,
      ...(options.lesson ? {tenants: 12, trialsWithinDays: 120} : {}),
    });
    for (const rule of scenario?.faults ?? []) started.faults.add(rule);
    return started;
  };
  let sandbox: Promise<Sandbox> | undefined = options.sandbox ? launch() : undefined;
  // A lesson: the sandbox is the account "sandbox" while it runs, so that a plan written in the lesson runs from a
  // second terminal with --account sandbox; forgotten when the lesson ends.
  const lesson = options.lesson
    ? new Lesson(scenario ? {name: scenario.name, lesson: scenario.lesson} : undefined)
    : undefined;
  let lessonAccount: {readonly forget: () => void} | undefined;
  if (lesson && sandbox) {
    const remembered = rememberSandboxAccount(store, await sandbox);
    if ('refused' in remembered) process.stderr.write(`${remembered.refused}\n`);
    else lessonAccount = remembered;
  }
  const openSandbox = async () => {
    sandbox ??= launch();
    const {url, clientId, clientSecret} = await sandbox;
    return {url, clientId, clientSecret};
  };
  try {
    return await runWizard({
      services: {
        store,
        audit: new AuditLog(store.directory),
        clock,
        timeoutMs: options.timeoutSeconds * 1000,
        program,
        // Offered (first in the data center list) only with --sandbox: an operator of a real data center is not
        // shown a double of it by default. A lesson's sandbox is listed once, as the account "sandbox".
        openSandbox: options.sandbox && !lessonAccount ? openSandbox : undefined,
        ...(lesson ? {lesson} : {}),
      },
      given: {url: options.url, clientId: options.clientId, secret: options.secret, account: options.account},
      notice,
      terminate,
      lineMode: options.lineMode,
    });
  } finally {
    if (lesson) endLesson(lesson, options.lesson?.transcript);
    lessonAccount?.forget();
    await (await sandbox)?.close();
  }
}

/** The end of a lesson: what was learned, and the transcript written where asked (said where, or why not). */
function endLesson(lesson: Lesson, transcript: string | undefined): void {
  // Broken between words at the terminal's width, as the line mode does (a row cut mid-word reads badly).
  const columns = process.stderr.isTTY ? process.stderr.columns : undefined;
  const rows = lesson.learned().flatMap((line) => (columns ? wrapWords(line, columns) : [line]));
  process.stderr.write(`\nWhat this lesson showed:\n${rows.join('\n')}\n`);
  if (transcript === undefined) return;
  try {
    writeWholeFile(resolve(transcript), lesson.transcript(), 0o644);
    process.stderr.write(`The lesson's transcript: ${resolve(transcript)}\n`);
  } catch (error) {
    process.stderr.write(
      `The transcript could not be written: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
}
