// Colour never carries what must be read: text is in the terminal's own foreground (bold where it needs weight),
// and colour only adds to a mark that already says it (✔ ⚠ ✘ ❯, the spinner, the progress bar). The wizard is
// walked through its screens with colour on, and every coloured span of every frame drawn is looked at.
import chalk from 'chalk';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {sandboxPerFile, tenantId} from './helpers/sandbox.js';
import {keys, wizardStarter} from './helpers/wizard-driver.js';

const sandbox = sandboxPerFile();
const start = wizardStarter(sandbox);
let level: typeof chalk.level;
beforeAll(() => {
  level = chalk.level;
  chalk.level = 3;
});
afterAll(() => {
  chalk.level = level;
});

/** Marks that colour may go on: they say what they say without it. `…` is the test's still spinner (setup.tsx). */
const marks = new Set([...'❯✔⚠✘?⏳█…⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏ ']);

/** The runs of text drawn in a colour (any SGR foreground), from frames with their escape codes. */
function colouredRuns(frames: string): string[] {
  const runs: string[] = [];
  let coloured = false;
  let run = '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: reading the escape codes themselves
  for (const part of frames.split(/(\u001B\[[0-9;]*m)/)) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: reading the escape codes themselves
    const sgr = /^\u001B\[([0-9;]*)m$/.exec(part);
    if (!sgr) {
      if (coloured) run += part;
      continue;
    }
    for (const code of (sgr[1] || '0').split(';')) {
      const n = Number(code);
      if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97) || n === 38) coloured = true;
      if (n === 39 || n === 0) {
        if (run) runs.push(run);
        run = '';
        coloured = false;
      }
    }
  }
  if (run) runs.push(run);
  return runs;
}

describe('colour', () => {
  it('is drawn at all (else this test would prove nothing)', async () => {
    const wizard = start({columns: 100});
    await wizard.waitFor('Which data center');
    expect(colouredRuns(wizard.allFrames()).length).toBeGreaterThan(0);
  });

  it('goes on marks only, in every frame of a switch, its HTTP panel, a failed switch and the plan', async () => {
    const wizard = start({columns: 100});
    await wizard.toConfirmStep('Acme Corp');
    await wizard.type('Acme Corp');
    await wizard.press(keys.enter);
    await wizard.waitFor('is now in production');
    await wizard.press(keys.tab);
    await wizard.waitFor('HTTP calls of this step');
    await wizard.press(keys.tab);
    // Another tenant, whose switch the platform refuses: the error screens.
    await wizard.press(keys.enter);
    await wizard.waitFor('Tenant name or UUID:');
    const id = tenantId(sandbox.current, 'Müller Bäckerei GmbH');
    sandbox.current.faults.add({
      method: 'PUT',
      path: new RegExp(`^/tenants/${id}/pricing$`),
      status: 503,
      times: 1,
    });
    await wizard.chooseTenant('Müller Bäckerei GmbH');
    await wizard.press(keys.enter);
    await wizard.waitFor('Type the tenant');
    await wizard.type('Müller Bäckerei GmbH');
    await wizard.press(keys.enter);
    await wizard.waitFor('503');
    await wizard.press(keys.tab);
    await wizard.waitFor('HTTP calls of this step');
    await wizard.press(keys.tab);
    // The plan of the 1st, from step 2.
    await wizard.press(keys.enter);
    await wizard.waitFor('Tenant name or UUID:');
    await wizard.press('\u0010');
    await wizard.waitFor('in the plan');
    const offenders = colouredRuns(wizard.allFrames()).filter((run) => [...run].some((c) => !marks.has(c)));
    expect([...new Set(offenders)]).toEqual([]);
  });
});
