import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import type {Browser, Page} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {openFile, shownText, startBrowser} from './helpers/browser.js';
import {loginMarkedSandbox, newConfigDirectory, runInProcess, sandboxCli} from './helpers/cli.js';
import {sandboxPerFile, tenantId} from './helpers/sandbox.js';

// The HTML a person opens — a receipt, a batch report — rendered in headless Chromium (the OS's own, driven by
// playwright-core), and what it shows compared with the data it was made from.

const sandbox = sandboxPerFile();
let browser: Browser;

beforeAll(async () => {
  browser = await startBrowser();
}, 30_000);
afterAll(async () => browser?.close(), 30_000);

const cell = (page: Page, field: string) => shownText(page.locator(`td[data-field="${field}"]`));

describe('an HTML receipt in Chromium', () => {
  it('shows the switch it was made from, asks for nothing outside itself, and reads in dark mode and on paper', async () => {
    const config = newConfigDirectory();
    const cli = sandboxCli(sandbox.current, config);
    expect((await cli(['switch', 'Acme Corp', '--yes'])).code).toBe(0);
    const local = (args: string[]) =>
      runInProcess(args, {TENANT_MODE_CONFIG_DIR: config}, {clock: sandbox.current.clock});
    const data = JSON.parse((await local(['receipt', 'Acme Corp', '--format', 'json'])).stdout);
    const file = join(config, '..', 'acme.html');
    writeFileSync(file, (await local(['receipt', 'Acme Corp', '--format', 'html'])).stdout);

    const {page, outside} = await openFile(browser, file);
    expect(await shownText(page.locator('h1'))).toBe('Switch receipt: Acme Corp was switched to production');
    expect(await cell(page, 'Tenant')).toBe(`Acme Corp (${tenantId(sandbox.current, 'Acme Corp')})`);
    expect(await cell(page, 'Where')).toBe('Northwind Partners › Acme Corp');
    expect(await cell(page, 'API client')).toBe(sandbox.current.clientId);
    expect(await cell(page, 'Status')).toBe('200');
    expect(await cell(page, 'Outcome')).toBe('switched');
    expect(await cell(page, 'What it bills')).toBe(`As the confirmation said it then: ${data.billing}`);
    expect(await cell(page, 'When (UTC)')).toBe(data.time.utc);
    expect(await cell(page, 'Attempt id')).toBe(data.attempt_id);
    expect(await cell(page, 'Audit log: attempt line')).toContain(
      `sha256:${data.audit_lines.attempt.sha256}`,
    );
    const after = await shownText(page.locator('pre[data-field="Pricing after"]'));
    expect(JSON.parse(after)).toEqual(data.answer.pricing_after);
    expect(outside).toEqual([]);

    // Dark mode: light text on a dark page; on paper: black on white, whatever the screen's scheme.
    // In the page's own world (strings: this file is type-checked without the DOM's types).
    const colours = () =>
      page.evaluate<string[]>(
        '(() => { const style = getComputedStyle(document.body); return [style.color, style.backgroundColor]; })()',
      );
    await page.emulateMedia({colorScheme: 'dark'});
    expect(await colours()).toEqual(['rgb(238, 238, 238)', 'rgb(18, 18, 18)']);
    await page.emulateMedia({colorScheme: 'dark', media: 'print'});
    expect(await colours()).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
    await page.close();
  }, 30_000);

  it('a rehearsal says so on screen and at the top of every printed page', async () => {
    const config = newConfigDirectory();
    const options = {clock: sandbox.current.clock};
    const login = await loginMarkedSandbox(sandbox.current, config);
    expect(login.code).toBe(0);
    const local = (args: string[]) => runInProcess(args, {TENANT_MODE_CONFIG_DIR: config}, options);
    expect((await local(['switch', 'Globex', '--yes'])).code).toBe(0);
    const file = join(config, '..', 'globex.html');
    expect((await local(['receipt', 'Globex', '--out', file])).code).toBe(0);
    const {page} = await openFile(browser, file);
    expect(await shownText(page.locator('.rehearsal'))).toBe('REHEARSAL — no customer was switched');
    expect(await shownText(page.locator('.rehearsal-end'))).toBe('REHEARSAL — no customer was switched');
    await page.emulateMedia({media: 'print'});
    // A fixed box is printed on every page by Chromium: the banner is one.
    expect(
      await page.evaluate<string>("getComputedStyle(document.querySelector('.rehearsal')).position"),
    ).toBe('fixed');
    await page.close();
  }, 30_000);
});
