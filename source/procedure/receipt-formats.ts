// A receipt (receipt.ts) as Markdown for a ticket and as one self-contained HTML file to print or attach: the same
// rows in both, every value from the log through the one sanitiser (printable) and escaped for its format.

import type {AuditEntry} from '../store/index.js';
import {jsonText} from '../text/index.js';
import {htmlLines, htmlPage, htmlText} from './html-page.js';
import {markdownCell, markdownTable} from './markdown.js';
import {type Receipt, receiptHeadline, receiptOf, rehearsalNotice} from './receipt.js';

const notRecorded = 'not recorded';

/** The receipt's facts, in the order a reader wants them: label, then value (plain text). */
function rows(receipt: Receipt): [string, string][] {
  const {tenant, account, ran_by: ranBy, time, answer} = receipt;
  const quoted = (line: Receipt['audit_lines']['attempt']) =>
    line
      ? `${line.seq === null ? 'written before the chain began' : `seq ${line.seq}`}, sha256:${line.sha256}`
      : notRecorded;
  return [
    ['Tenant', `${tenant.name} (${tenant.id})`],
    ['Where', tenant.path ? [...tenant.path, tenant.name].join(' › ') : notRecorded],
    ['Data center', new URL(receipt.data_center).host],
    ['Account', account.name ?? 'none named (signed in with --url and --client-id)'],
    ['API client', account.client_id],
    ['Partner tenant', account.partner_tenant ?? notRecorded],
    ['Run by', ranBy.os_user === null ? notRecorded : `${ranBy.os_user} on ${ranBy.host ?? notRecorded}`],
    ['When (UTC)', time.utc],
    ['When (local)', time.local],
    [
      'From',
      receipt.via === 'apply'
        ? 'apply (a month-start plan)'
        : receipt.via === 'wizard'
          ? 'the wizard'
          : 'the switch command',
    ],
    ['Request', `${receipt.request.method} ${receipt.request.path}`],
    ['Status', answer.status === null ? 'no answer' : String(answer.status)],
    ['Outcome', answer.outcome],
    ['How it is known', answer.established],
    ...(answer.error ? ([['Platform said', answer.error]] as [string, string][]) : []),
    ['What it bills', receipt.billing ? `As the confirmation said it then: ${receipt.billing}` : notRecorded],
    ...(receipt.plan_sha256 ? ([['Plan file SHA-256', receipt.plan_sha256]] as [string, string][]) : []),
    ['Attempt id', receipt.attempt_id],
    ['Audit log: attempt line', quoted(receipt.audit_lines.attempt)],
    ['Audit log: outcome line', quoted(receipt.audit_lines.outcome)],
  ];
}

const check =
  'Check it against the audit log of the computer it came from: tenant-mode audit --verify --receipt <this file>';

/** A fence longer than any run of backticks in the text, so that no value can close it. */
function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}json\n${text}\n${fence}`;
}

export function receiptMarkdown(receipt: Receipt): string {
  const banner = receipt.rehearsal ? [`> **${rehearsalNotice}**`, ''] : [];
  return [
    ...banner,
    `# Switch receipt: ${markdownCell(receiptHeadline(receipt))}`,
    '',
    ...markdownTable(['', ''], rows(receipt)),
    '',
    '## Request body',
    '',
    fenced(printableJson(receipt.request.body)),
    '',
    '## Pricing before',
    '',
    fenced(printableJson(receipt.pricing_before)),
    '',
    '## Pricing after',
    '',
    receipt.answer.pricing_after === null ? notRecorded : fenced(printableJson(receipt.answer.pricing_after)),
    '',
    `_${check}_`,
    ...(receipt.rehearsal ? ['', `> **${rehearsalNotice}**`] : []),
    '',
  ].join('\n');
}

/** JSON as text to show: indented, every string already escaped by JSON, hidden characters as \u escapes. */
function printableJson(value: unknown): string {
  return jsonText(value, 2);
}

/**
 * One HTML file, nothing outside it (no font, image or script): readable on paper (print styles, black on white)
 * and in dark mode (prefers-color-scheme). A rehearsal says so at the top of every printed page (a fixed banner is
 * repeated on each page) and on screen.
 */
export function receiptHtml(receipt: Receipt): string {
  const title = `Switch receipt: ${receiptHeadline(receipt)}`;
  const banner = receipt.rehearsal
    ? `<div class="rehearsal" role="note" data-field="rehearsal">${htmlText(rehearsalNotice)}</div>\n`
    : '';
  const table = rows(receipt)
    .map(
      ([label, value]) =>
        `<tr><th scope="row">${htmlText(label)}</th><td data-field="${htmlText(label)}">${htmlText(value)}</td></tr>`,
    )
    .join('\n');
  const block = (heading: string, value: unknown) =>
    `<h2>${htmlText(heading)}</h2>\n${value === null ? `<p>${notRecorded}</p>` : `<pre data-field="${htmlText(heading)}">${htmlLines(printableJson(value))}</pre>`}`;
  return htmlPage({
    title,
    width: '52rem',
    style: `th { width: 14rem; font-weight: 600; }
.rehearsal, .rehearsal-end { border: 3px solid currentColor; padding: .5rem; font-weight: 700; text-align: center; margin-bottom: 1rem; }
.check { margin-top: 1.5rem; font-style: italic; }
@media print {
  .rehearsal { position: fixed; top: 0; left: 0; right: 0; background: #fff; }
  .rehearsal ~ h1 { margin-top: 3.5rem; }
}`,
    body: `${banner}<h1>${htmlText(title)}</h1>
<table>
${table}
</table>
${block('Request body', receipt.request.body)}
${block('Pricing before', receipt.pricing_before)}
${block('Pricing after', receipt.answer.pricing_after)}
<p class="check">${htmlText(check)}</p>
${receipt.rehearsal ? `<div class="rehearsal-end" role="note">${htmlText(rehearsalNotice)}</div>` : ''}`,
  });
}

/**
 * Whether a receipt's text is what tenant-mode makes of this audit entry (in the receipt's own format and time zone),
 * and where it first differs: a receipt edited after it was made quotes the right lines but says something else.
 */
export function receiptDiffers(text: string, entry: AuditEntry): string | undefined {
  const json = (() => {
    try {
      const value = JSON.parse(text) as {receipt?: unknown; time?: {zone?: unknown}};
      return value?.receipt === 'tenant-mode/receipt/v1' ? value : undefined;
    } catch {
      return undefined;
    }
  })();
  if (json) {
    const zone = typeof json.time?.zone === 'string' ? json.time.zone : 'UTC';
    const made = JSON.parse(jsonText(receiptOf(entry, zone))) as Record<string, unknown>;
    const given = json as Record<string, unknown>;
    const field = Object.keys({...made, ...given}).find(
      (key) => JSON.stringify(made[key]) !== JSON.stringify(given[key]),
    );
    return field === undefined ? undefined : `its "${field}" is not what the log recorded`;
  }
  const zone = /\(([A-Za-z_+\-/0-9]+), UTC[+-]\d\d:\d\d\)/.exec(text)?.[1] ?? 'UTC';
  const receipt = receiptOf(entry, zone);
  const made = text.trimStart().startsWith('<!doctype html>')
    ? receiptHtml(receipt)
    : receiptMarkdown(receipt);
  if (made === text) return undefined;
  const ours = made.split('\n');
  const theirs = text.split('\n');
  const line = theirs.findIndex((each, index) => each !== ours[index]);
  return `its line ${(line === -1 ? theirs.length : line) + 1} is not what the log recorded`;
}
