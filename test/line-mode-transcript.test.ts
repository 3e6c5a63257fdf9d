// docs/wizard.md ("The line mode") and the readme show a switch in the line mode as it is printed: this test
// types the same keys against the sandbox and compares. UPDATE_README=1 writes what is printed now instead.
import {readFileSync, writeFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {lineStarter} from './helpers/line-driver.js';
import {sandboxPerFile} from './helpers/sandbox.js';

const sandbox = sandboxPerFile();
const start = lineStarter(sandbox);
const docs = new URL('../docs/wizard.md', import.meta.url);
const readme = new URL('../readme.md', import.meta.url);

/** The ```text block that holds the transcript (it starts with step 1's title). */
function transcriptIn(url: URL): string {
  const text = readFileSync(url, 'utf8');
  const found = /^```text\n(Step 1 of 5: Connect\n[\s\S]*?)```$/m.exec(text);
  if (!found) throw new Error(`no line-mode transcript in ${url.pathname}`);
  return found[1] ?? '';
}

describe('the line-mode transcript in docs/wizard.md and the readme', () => {
  it('is what a switch of Acme Corp prints, key for key', async () => {
    const lines = start();
    await lines.answer('Data center (1 to', '');
    await lines.answer('Tenant name or UUID: ', 'Acme Corp');
    await lines.answer('Enter: 1): ', '');
    await lines.waitFor('Keys: Enter: continue');
    lines.input('\r');
    await lines.answer('Name: ', 'Acme Corp');
    await lines.waitFor('Keys: Enter: another tenant');
    lines.input('q');
    await lines.waitFor('switched to production (200).\n');
    const printed = lines.transcript().replaceAll('<sandbox>', '127.0.0.1:41234');
    for (const url of [docs, readme]) {
      if (process.env.UPDATE_README) {
        const text = readFileSync(url, 'utf8');
        const block = (inside: string) => `\`\`\`text\n${inside}\`\`\``;
        writeFileSync(
          url,
          text.replace(block(transcriptIn(url)), () => block(printed)),
        );
      }
      expect(transcriptIn(url), url.pathname).toBe(printed);
    }
  });
});
