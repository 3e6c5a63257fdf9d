import {readFileSync, writeFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {sandboxPerFile} from './helpers/sandbox.js';
import {keys, wizardStarter} from './helpers/wizard-driver.js';

const sandbox = sandboxPerFile();
const start = wizardStarter(sandbox);

/** The text captures of readme.md's "The wizard, step by step", keyed by their first line. */
function readmeCaptures(): Map<string, string> {
  const readme = readFileSync(new URL('../readme.md', import.meta.url), 'utf8');
  const from = readme.indexOf('## The wizard, step by step');
  const section = readme.slice(from, readme.indexOf('\n## ', from));
  const blocks = [...section.matchAll(/^```\n([\s\S]*?)\n```$/gm)].map((match) => match[1] ?? '');
  return new Map(blocks.map((block) => [block.split('\n')[0] ?? '', block]));
}

/** What may differ between runs: the sandbox's port and request durations. */
const comparable = (text: string) =>
  text
    .replaceAll('<sandbox>', '127.0.0.1:41234')
    // A duration's digits change the padding up to the panel's border too.
    .replace(/→ (\d{3}) \d+ ms */g, '→ $1 … ms ')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');

describe('readme.md', () => {
  it('shows each step of the wizard as it is drawn at 80 columns', async () => {
    const captures = readmeCaptures();
    // UPDATE_README=1 npx vitest run test/readme.test.tsx writes the frames drawn now into readme.md instead.
    const readmeUrl = new URL('../readme.md', import.meta.url);
    const expectCapture = (frame: string) => {
      const title = frame.split('\n')[0] ?? '';
      expect(captures.has(title), `readme.md has a capture of "${title}"`).toBe(true);
      if (process.env.UPDATE_README) {
        const readme = readFileSync(readmeUrl, 'utf8');
        const drawn = frame
          .replaceAll('<sandbox>', '127.0.0.1:41234')
          .split('\n')
          .map((line) => line.trimEnd())
          .join('\n');
        writeFileSync(readmeUrl, readme.replace(captures.get(title) ?? '', drawn));
        return;
      }
      expect(comparable(captures.get(title) ?? '')).toBe(comparable(frame));
    };
    const wizard = start({columns: 80});

    expectCapture(await wizard.waitFor('Which data center'));
    await wizard.press(keys.enter);
    await wizard.waitFor('Tenant name or UUID:');
    await wizard.type('contoso');
    await wizard.press(keys.enter);
    expectCapture(await wizard.waitFor('match'));
    await wizard.press(keys.escape);
    await wizard.waitFor('Tenant name or UUID:');
    for (const _ of 'contoso') await wizard.press(keys.backspace);

    await wizard.chooseTenant('Acme Corp');
    expectCapture(wizard.frame());
    await wizard.press(keys.enter);
    expectCapture(await wizard.waitFor('Type the tenant'));
    await wizard.type('Acme Corp');
    await wizard.press(keys.enter);
    expectCapture(await wizard.waitFor('is now in production'));
    await wizard.press(keys.tab);
    expectCapture(await wizard.waitFor('HTTP calls of this step'));
    expect(captures.size).toBe(6);
  });
});
