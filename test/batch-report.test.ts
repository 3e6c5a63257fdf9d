import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {Browser, Page} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ManualClock} from '../source/clock.js';
import {type Sandbox, startSandbox} from '../source/sandbox/index.js';
import {openFile, shownText, startBrowser} from './helpers/browser.js';
import {newConfigDirectory, runInProcess, sandboxCli} from './helpers/cli.js';
import {fixedNow} from './helpers/sandbox.js';
import {cliSchemaErrors} from './helpers/schemas.js';

// Batch reports (docs/month-start.md, "Reports"): a plan before the 1st and an apply after it, as a document with
// totals, the billing comparison per month and charts; the HTML checked as rendered in headless Chromium against
// the data of the run it reports.

const firstOfDecember = Date.UTC(2026, 11, 1, 0, 5);
let browser: Browser;
let sandbox: Sandbox;
const clock = new ManualClock(fixedNow);

beforeAll(async () => {
  [browser, sandbox] = await Promise.all([startBrowser(), startSandbox({clock, tenants: 12})]);
}, 30_000);
afterAll(async () => {
  await Promise.all([browser?.close(), sandbox?.close()]);
}, 30_000);

const month = (date: string) =>
  new Date(`${date.slice(0, 7)}-01T00:00:00Z`).toLocaleString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

/** The rows of a table of the report, as shown. */
async function tableRows(page: Page, id: string): Promise<string[][]> {
  const rows = page.locator(`table[data-table="${id}"] tbody tr`);
  const out: string[][] = [];
  for (let index = 0; index < (await rows.count()); index++) {
    const cells = rows.nth(index).locator('td');
    const row: string[] = [];
    for (let cell = 0; cell < (await cells.count()); cell++) row.push(await shownText(cells.nth(cell)));
    out.push(row);
  }
  return out;
}

/** Each bar of a chart: its label, series and count, as drawn. */
async function bars(page: Page, chart: string): Promise<string[]> {
  // A string run in the page (this file is type-checked without the DOM's types).
  return page.evaluate<string[]>(
    `[...document.querySelectorAll('svg[data-chart="${chart}"] rect[data-label]')].map((r) => [r.dataset.label, r.dataset.series, r.dataset.count].join(' | '))`,
  );
}

describe('batch reports', () => {
  it('plan --report and apply --report: the HTML shows the run’s totals, billing per month and switches per day', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tenant-mode-report-'));
    const config = newConfigDirectory();
    const cli = sandboxCli(sandbox, config);
    const local = (args: string[]) => runInProcess(args, {TENANT_MODE_CONFIG_DIR: config}, {clock});
    const plan = join(folder, 'dec.json');
    const planned = await cli(['plan', '--out', plan, '--report', join(folder, 'dec-plan.md'), '--json']);
    expect(planned.code).toBe(0);
    const planDocument = JSON.parse(planned.stdout);
    expect(cliSchemaErrors('plan', planDocument)).toEqual([]);
    expect(planDocument.report_file).toBe(join(folder, 'dec-plan.md'));
    const tenants = planDocument.tenants as Array<{
      id: string;
      name: string;
      first_billed_month_if_switched: string;
      first_billed_month_if_left: string | null;
    }>;

    // The plan's report: switching on the 1st bills December for each; left alone, each its own month.
    const planMarkdown = readFileSync(join(folder, 'dec-plan.md'), 'utf8');
    expect(planMarkdown).toContain(`# Plan for 1 Dec 2026: ${tenants.length} trial customers to switch`);
    const leftDecember = tenants.filter((tenant) => tenant.first_billed_month_if_left === '2026-12').length;
    expect(planMarkdown).toContain(`| December 2026 | ${tenants.length} | ${leftDecember} |`);
    // The customer whose trial ends before the 1st is not in the plan: listed, and not counted in the billing.
    expect(planMarkdown).not.toContain('| November 2026 |');
    expect(planMarkdown).toContain(
      'The customer whose trial ends before the planned day is not in the plan and not counted here.',
    );

    // On the 1st, one tenant's switch is refused (409): two outcomes to report.
    clock.advance(firstOfDecember - clock.now());
    const refusedOne = tenants[2] as (typeof tenants)[number];
    sandbox.faults.add({
      method: 'PUT',
      path: new RegExp(`${refusedOne.id}/pricing$`),
      status: 409,
      body: {error: {code: 'conflict', message: 'Version conflict.'}},
      times: 1,
    });
    const done = join(folder, 'dec-done.html');
    const applied = await cli(['apply', plan, '--yes', '--json', '--report', done]);
    sandbox.faults.clear();
    const applyDocument = JSON.parse(applied.stdout);
    expect(cliSchemaErrors('apply', applyDocument)).toEqual([]);
    expect(applyDocument.report_file).toBe(done);
    const switched = tenants.length - 1;
    expect(applyDocument.summary.switched).toBe(switched);

    const {page, outside} = await openFile(browser, done);
    expect(await shownText(page.locator('h1'))).toBe(
      `Apply of the plan for 1 Dec 2026: ${switched} of ${tenants.length} switched`,
    );
    // Totals: the apply's own summary, outcome by outcome.
    const totals = await tableRows(page, 'totals');
    expect(totals.map((row) => row[1]).reduce((sum, count) => sum + Number(count), 0)).toBe(tenants.length);
    expect(totals).toContainEqual(['switched', String(switched)]);
    expect(totals.length).toBe(Object.keys(applyDocument.summary).length);
    // Billing per month: switched ones from December; the refused one, and every one had all been left alone, from
    // the month its trial ends (as the plan read it).
    const expected = new Map<string, [number, number]>();
    const add = (label: string, which: 0 | 1) => {
      const counts = expected.get(label) ?? [0, 0];
      counts[which] += 1;
      expected.set(label, counts);
    };
    for (const tenant of tenants) {
      add(tenant.id === refusedOne.id ? month(tenant.first_billed_month_if_left ?? '') : 'December 2026', 0);
      if (tenant.first_billed_month_if_left) add(month(tenant.first_billed_month_if_left), 1);
    }
    const drawn = await bars(page, 'months');
    for (const [label, [asDone, ifLeft]] of expected) {
      expect(drawn).toContain(`${label} | as done | ${asDone}`);
      expect(drawn).toContain(`${label} | had all been left alone | ${ifLeft}`);
    }
    expect(drawn).toHaveLength(expected.size * 2);
    const billing = await tableRows(page, 'billing');
    expect(billing).toEqual(
      [...expected].map(([label, [asDone, ifLeft]]) => [label, String(asDone), String(ifLeft)]),
    );
    // Per day: every switch was on the 1st.
    expect(await bars(page, 'days')).toEqual([`2026-12-01 | tenants | ${switched}`]);
    // The refused tenant is listed under its outcome, by name and UUID.
    const refusedRows = await tableRows(
      page,
      `outcome-${applyDocument.tenants.find((tenant: {id: string}) => tenant.id === refusedOne.id).outcome}`,
    );
    expect(refusedRows.map((row) => row[2])).toEqual([refusedOne.id]);
    expect(outside).toEqual([]);
    await page.close();

    // Afterwards, from the results file: the same report.
    const again = join(folder, 'again.html');
    const report = await local(['report', `${plan}.results.jsonl`, '--out', again]);
    expect(report.stderr).toContain(`Report written to ${again}`);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(done, 'utf8'));
  }, 60_000);

  it('refuses what it cannot make before sending or reading anything', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tenant-mode-report-'));
    const config = newConfigDirectory();
    const cli = sandboxCli(sandbox, config);
    const local = (args: string[]) => runInProcess(args, {TENANT_MODE_CONFIG_DIR: config}, {clock});
    const before = sandbox.requests.length;
    const wrong = await cli(['plan', '--report', join(folder, 'plan.pdf')]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('A report is HTML or Markdown: name it .html or .md');
    expect(sandbox.requests.length).toBe(before);
    const plan = join(folder, 'p.json');
    expect((await cli(['plan', '--out', plan, '--on', '2026-12-01'])).code).toBe(0);
    const check = await cli(['apply', plan, '--check', '--report', join(folder, 'r.html')]);
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('--check sends nothing to report');
    const notResults = await local(['report', plan]);
    expect(notResults.code).toBe(2);
    expect(notResults.stderr).toContain('is not a results file');
    const notYet = await local(['report', `${plan}.results.jsonl`]);
    expect(notYet.code).toBe(2);
    expect(notYet.stderr).toContain('the plan has not been applied yet');
  });
});
