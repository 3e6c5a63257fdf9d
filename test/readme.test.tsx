import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {sandboxPerFile} from './helpers/sandbox.js';
import {keys, wizardStarter} from './helpers/wizard-driver.js';

const sandbox = sandboxPerFile();
const start = wizardStarter(sandbox);
const docUrl = new URL('../docs/wizard.md', import.meta.url);

/** The text captures of docs/wizard.md's "The wizard, step by step", keyed by their first line. */
function readmeCaptures(): Map<string, string> {
  const readme = readFileSync(docUrl, 'utf8');
  const from = readme.indexOf('## The wizard, step by step');
  const section = readme.slice(from, readme.indexOf('\n## ', from));
  const blocks = [...section.matchAll(/^```\n([\s\S]*?)\n```$/gm)].map((match) => match[1] ?? '');
  return new Map(blocks.map((block) => [block.split('\n')[0] ?? '', block]));
}

/** What may differ between runs: the sandbox's port, request durations, a token's last characters. */
const comparable = (text: string) =>
  text
    .replaceAll('<sandbox>', '127.0.0.1:41234')
    .replace(/Bearer …\S{4}/g, 'Bearer …xxxx')
    .replace(/(\d+ ms)/g, '… ms')
    // A duration's digits change the padding up to the panel's border too.
    .replace(/→ (\d{3}) \d+ ms */g, '→ $1 … ms ')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');

describe('docs/wizard.md', () => {
  it('shows each step of the wizard as it is drawn at 80 columns', async () => {
    const captures = readmeCaptures();
    // UPDATE_README=1 npx vitest run test/readme.test.tsx writes the frames drawn now into docs/wizard.md instead.
    const readmeUrl = docUrl;
    const expectCapture = (frame: string) => {
      const title = frame.split('\n')[0] ?? '';
      expect(captures.has(title), `docs/wizard.md has a capture of "${title}"`).toBe(true);
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

describe('readme.md', () => {
  const readme = readFileSync(new URL('../readme.md', import.meta.url), 'utf8');

  it('shows one screen, the same as docs/wizard.md (which the test above keeps true)', () => {
    // The screen is the one bare fence (the commands are in ```sh fences).
    const shown = [...readme.matchAll(/^```\n(Step [\s\S]*?)\n```$/gm)].map((match) => match[1] ?? '');
    expect(shown).toHaveLength(1);
    const title = shown[0]?.split('\n')[0] ?? '';
    expect(readmeCaptures().get(title)).toBe(shown[0]);
  });

  it('lists every command and every exit code', async () => {
    const {commands} = await import('../source/commands/catalogue/index.js');
    const {toolExitCodes} = await import('../source/commands/catalogue/exit-codes.js');
    for (const command of commands) {
      expect(readme).toContain(
        `| \`tenant-mode${command.name ? ` ${command.synopsis.replaceAll('|', '\\|')}` : ''}\``,
      );
    }
    for (const [code] of toolExitCodes) expect(readme).toMatch(new RegExp(`^\\| ${code} +\\|`, 'm'));
  });

  it('links only to files that exist, from the readme and from every doc', () => {
    for (const file of [
      'readme.md',
      ...readdirSync(new URL('../docs/', import.meta.url)).map((name) => `docs/${name}`),
    ]) {
      if (!file.endsWith('.md')) continue;
      const text = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
      for (const [, target = ''] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^https?:/.test(target)) continue;
        expect(
          existsSync(new URL(target, new URL(`../${file}`, import.meta.url))),
          `${file} → ${target}`,
        ).toBe(true);
      }
    }
  });
});
