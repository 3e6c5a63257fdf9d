// A batch report (batch-report.ts) as one self-contained HTML file (inline SVG charts, print and dark mode) or as
// Markdown (tables, and the charts as text bars). Every name from a plan or a results file goes through the one
// sanitiser (printable) and is escaped for its format.
import {formatDay, formatMonth, printable} from '../text/index.js';
import {outcomeWords} from './apply-text.js';
import {type BatchReport, billingByMonth, perDay, type ReportOutcome, totals} from './batch-report.js';
import {htmlPage, htmlText} from './html-page.js';
import {markdownCell, markdownTable} from './markdown.js';
import {barChart} from './svg-chart.js';

const outcomeText: Record<ReportOutcome, string> = {
  ...outcomeWords,
  planned: 'planned: to be switched on the planned day',
  'ends-before': 'not planned: its trial ends by itself before the planned day',
  'not-run': 'not run yet: no apply recorded anything of it',
};

export function reportTitle(report: BatchReport): string {
  const offDays = [...new Set(report.runs.map((run) => run.time.slice(0, 10)))].filter(
    (day) => day !== report.plannedDate,
  );
  const off =
    offDays.length === 0
      ? ''
      : ` (run on ${offDays.map((day) => formatDay(Date.parse(`${day}T00:00:00Z`))).join(', ')}, not the planned day)`;
  return report.kind === 'plan'
    ? `Plan for ${formatDay(Date.parse(`${report.plannedDate}T00:00:00Z`))}: ${report.tenants.filter((tenant) => tenant.outcome === 'planned').length} trial customers to switch`
    : `Apply of the plan for ${formatDay(Date.parse(`${report.plannedDate}T00:00:00Z`))}: ${report.tenants.filter((tenant) => tenant.outcome === 'switched' || tenant.outcome === 'switched-confirmed-by-reread').length} of ${report.tenants.length} switched${off}`;
}

/** The facts above the tables, label and value. */
function about(report: BatchReport): [string, string][] {
  return [
    ['Planned day (UTC)', report.plannedDate],
    ['Data center', new URL(report.dataCenter).host],
    ['Partner tenant', report.operatorTenant],
    ...(report.planFile ? ([['Plan file', report.planFile]] as [string, string][]) : []),
    ...(report.planSha256 ? ([['Plan SHA-256', report.planSha256]] as [string, string][]) : []),
    ...report.runs.map((run, index): [string, string] => [
      `Run ${index + 1}`,
      `${run.time}${run.account ? ` as ${run.account}` : run.clientId ? ` as client ${run.clientId}` : ''}`,
    ]),
    ['Report made', report.madeAt],
  ];
}

const seriesNames = (report: BatchReport) =>
  report.kind === 'plan'
    ? ['switched on the planned day', 'left to switch by itself']
    : ['as done', 'had all been left alone'];

const month = (ms: number) => formatMonth(ms);

/** The billing comparison: a sentence of what it means, then its rows. */
function billingSentence(report: BatchReport): string {
  const outside = report.tenants.filter((tenant) => tenant.outcome === 'ends-before').length;
  const note =
    outside === 0
      ? ''
      : ` The ${outside === 1 ? 'customer' : `${outside} customers`} whose trial ends before the planned day ${outside === 1 ? 'is' : 'are'} not in the plan and not counted here.`;
  return billingWords(report) + note;
}

function billingWords(report: BatchReport): string {
  const earlier = report.tenants.filter(
    (tenant) =>
      tenant.billedFrom !== null && tenant.billedIfLeft !== null && tenant.billedFrom < tenant.billedIfLeft,
  ).length;
  const subject = report.kind === 'plan' ? 'Switching on the planned day' : 'This apply';
  return earlier === 0
    ? `${subject} starts no tenant's billing earlier than its trial's own end would have.`
    : `${subject} starts billing earlier for ${earlier} ${earlier === 1 ? 'tenant' : 'tenants'} than leaving ${earlier === 1 ? 'it' : 'them'} to switch by ${earlier === 1 ? 'itself' : 'themselves'} would (likely: the vendor documents how a switch is billed, not a trial's own end).`;
}

/** The columns of the tenants' tables, in both formats. */
/** The columns of the tenants' tables, in both formats: a plan has no status or time to show. */
const tenantHead = (report: BatchReport) =>
  report.kind === 'plan'
    ? ['Tenant', 'Where', 'UUID', 'Trial ends by itself']
    : ['Tenant', 'Where', 'UUID', 'Status', 'Recorded (UTC)', 'Trial ends by itself'];
const tenantCells = (report: BatchReport) => (tenant: BatchReport['tenants'][number]) =>
  report.kind === 'plan'
    ? [tenant.name, tenant.path.join(' › '), tenant.id, tenant.autoSwitch ?? 'not given']
    : [
        tenant.name,
        tenant.path.join(' › '),
        tenant.id,
        tenant.status === null ? '' : String(tenant.status),
        tenant.time ?? '',
        tenant.autoSwitch ?? 'not given',
      ];

const perDayTitle = (report: BatchReport) =>
  report.kind === 'apply'
    ? 'Tenants switched per day (UTC)'
    : 'Trials that would end by themselves, per day (UTC)';

// ---------------------------------------------------------------------------------------------------------- HTML

export function reportHtml(report: BatchReport): string {
  const title = reportTitle(report);
  const rows = (cells: string[][], head: string[], id: string) =>
    `<table data-table="${id}"><thead><tr>${head.map((cell) => `<th scope="col">${htmlText(cell)}</th>`).join('')}</tr></thead>
<tbody>
${cells.map((row) => `<tr>${row.map((cell) => `<td>${htmlText(cell)}</td>`).join('')}</tr>`).join('\n')}
</tbody></table>`;
  const counts = totals(report);
  const months = billingByMonth(report);
  const days = perDay(report);
  const [asDone, ifLeft] = seriesNames(report) as [string, string];
  const groups = counts.map(([outcome]) => {
    const tenants = report.tenants.filter((tenant) => tenant.outcome === outcome);
    return `<h3 id="outcome-${outcome}">${htmlText(outcomeText[outcome])} (${tenants.length})</h3>
${rows(tenants.map(tenantCells(report)), tenantHead(report), `outcome-${outcome}`)}`;
  });
  return htmlPage({
    title,
    width: '64rem',
    style: `table { margin: .5rem 0 1rem; }
th, td { padding: .25rem .5rem; }
th { overflow-wrap: normal; }
table[data-table^="outcome-"] td:nth-child(n+4) { white-space: nowrap; }
.chart { max-width: 100%; height: auto; display: block; margin: .5rem 0 1rem; }
.chart text { font: 12px system-ui, sans-serif; fill: #111; }
.chart .axis { stroke: #555; }
.chart .bar-0 { fill: #1f4e8c; }
.chart .hatch-ground { fill: #fff; } .chart .hatch-line { stroke: #1f4e8c; stroke-width: 3; }
.chart rect.bar-1 { stroke: #1f4e8c; stroke-width: 1; }
@media (prefers-color-scheme: dark) {
  .chart text { fill: #eee; } .chart .axis { stroke: #aaa; }
  .chart .bar-0 { fill: #8fb8f0; }
  .chart .hatch-ground { fill: #121212; } .chart .hatch-line { stroke: #8fb8f0; }
  .chart rect.bar-1 { stroke: #8fb8f0; }
}
@media print {
  .chart text { fill: #000; } .chart .bar-0 { fill: #333; }
  .chart .hatch-ground { fill: #fff; } .chart .hatch-line { stroke: #333; } .chart rect.bar-1 { stroke: #333; }
  .chart { break-inside: avoid; }
}`,
    body: `<h1>${htmlText(title)}</h1>
<table data-table="about"><tbody>
${about(report)
  .map(([label, value]) => `<tr><th scope="row">${htmlText(label)}</th><td>${htmlText(value)}</td></tr>`)
  .join('\n')}
</tbody></table>
<h2>Totals by outcome</h2>
${rows(
  counts.map(([outcome, count]) => [outcomeText[outcome], String(count)]),
  ['Outcome', 'Tenants'],
  'totals',
)}
<h2>Billing per month</h2>
<p>${htmlText(billingSentence(report))}</p>
${barChart({title: 'Tenants first billed in full, per month', series: [asDone, ifLeft], groups: months.map((row) => ({label: month(row.month), values: [row.asDone, row.ifLeft]}))}, 'months')}
${rows(
  months.map((row) => [month(row.month), String(row.asDone), String(row.ifLeft)]),
  ['First month billed in full', `Tenants, ${asDone}`, `Tenants, ${ifLeft}`],
  'billing',
)}
<h2>${htmlText(perDayTitle(report))}</h2>
${days.length === 0 ? '<p>None.</p>' : barChart({title: perDayTitle(report), series: ['tenants'], groups: days.map((row) => ({label: row.day, values: [row.count]}))}, 'days')}
<h2>Tenants by outcome</h2>
${groups.join('\n')}
`,
  });
}

// ------------------------------------------------------------------------------------------------------ Markdown

/** A chart as text bars in a code block: what a ticket system shows. */
function textBars(rows: {label: string; values: number[]}[], series: string[]): string[] {
  const highest = Math.max(1, ...rows.flatMap((row) => row.values));
  const width = Math.max(...rows.map((row) => row.label.length), 0);
  const lines = rows.flatMap((row) => {
    // A series with none this row is left out (its 0 is in the table above), unless the row has no other.
    const shown = row.values
      .map((value, which) => ({value, which}))
      .filter(({value}, _, all) => value > 0 || all.every((other) => other.value === 0));
    return shown.map(
      ({value, which}, index) =>
        `${(index === 0 ? row.label : '').padEnd(width)}  ${(which === 0 ? '█' : '░').repeat(Math.round((value / highest) * 30))} ${value}${series.length > 1 ? ` ${series[which]}` : ''}`,
    );
  });
  return ['```text', ...lines.map((line) => printable(line)), '```'];
}

export function reportMarkdown(report: BatchReport): string {
  const counts = totals(report);
  const months = billingByMonth(report);
  const days = perDay(report);
  const series = seriesNames(report);
  return [
    `# ${markdownCell(reportTitle(report))}`,
    '',
    ...markdownTable(['', ''], about(report)),
    '',
    '## Totals by outcome',
    '',
    ...markdownTable(
      ['Outcome', 'Tenants'],
      counts.map(([outcome, count]) => [outcomeText[outcome], String(count)]),
    ),
    '',
    '## Billing per month',
    '',
    markdownCell(billingSentence(report)),
    '',
    ...markdownTable(
      ['First month billed in full', `Tenants, ${series[0]}`, `Tenants, ${series[1]}`],
      months.map((row) => [month(row.month), String(row.asDone), String(row.ifLeft)]),
    ),
    '',
    ...textBars(
      months.map((row) => ({label: month(row.month), values: [row.asDone, row.ifLeft]})),
      series,
    ),
    '',
    `## ${perDayTitle(report)}`,
    '',
    ...(days.length === 0
      ? ['None.']
      : textBars(
          days.map((row) => ({label: row.day, values: [row.count]})),
          ['tenants'],
        )),
    '',
    '## Tenants by outcome',
    ...counts.flatMap(([outcome]) => {
      const tenants = report.tenants.filter((tenant) => tenant.outcome === outcome);
      return [
        '',
        `### ${markdownCell(outcomeText[outcome])} (${tenants.length})`,
        '',
        ...markdownTable(tenantHead(report), tenants.map(tenantCells(report))),
      ];
    }),
    '',
  ].join('\n');
}
