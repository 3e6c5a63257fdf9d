// What `audit --verify` says of the audit log's hash chain (store/audit-verify.ts reads it; docs/audit-log.md), and
// how a receipt's audit lines are found in any of its formats: each is quoted as `sha256:<64 hex digits>`.
import type {ChainReport} from '../store/index.js';
import {printable} from '../text/index.js';
import {exitCodes} from './exit-codes.js';

/**
 * The audit lines a receipt quotes: `sha256:<hex>` in Markdown and HTML (receipt-formats.ts), `audit_lines` in the
 * JSON receipt (receipt.ts).
 */
export function receiptHashes(text: string): string[] {
  const fromJson = jsonReceiptHashes(text);
  if (fromJson) return fromJson;
  return [...new Set([...text.matchAll(/sha256:([0-9a-f]{64})\b/g)].map((match) => match[1] as string))];
}

function jsonReceiptHashes(text: string): string[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const receipt = value as {receipt?: unknown; audit_lines?: Record<string, {sha256?: unknown} | null>};
  if (receipt?.receipt !== 'tenant-mode/receipt/v1' || typeof receipt.audit_lines !== 'object')
    return undefined;
  return Object.values(receipt.audit_lines ?? {})
    .map((line) => line?.sha256)
    .filter((hash): hash is string => typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash));
}

export interface ChainVerdict {
  readonly intact: boolean;
  readonly lines: readonly string[];
  readonly exitCode: number;
  readonly document: Record<string, unknown>;
}

const count = (value: number, word: string) =>
  `${value.toLocaleString('en')} ${word}${value === 1 ? '' : 's'}`;

function where(line: {number: number; time?: string} | undefined): string {
  if (!line) return '';
  return `line ${line.number.toLocaleString('en')}${line.time ? ` (${printable(line.time)})` : ''}`;
}

/** The words and the document of a check, and its exit code: 6 when the chain breaks or a receipt is not in it. */
export function chainVerdict(
  path: string,
  report: ChainReport,
  receipt?: {file: string; hashes: string[]; differs?: string},
): ChainVerdict {
  const lines: string[] = [];
  const {broken, first, last} = report;
  if (broken) {
    lines.push(`The audit log ${path} has been changed: ${broken.detail}.`);
    lines.push(
      first && last && last.number >= first.number && last.number < broken.line
        ? `Its chain checks out from ${where(first)} to ${where(last)}; from line ${broken.line.toLocaleString('en')} on it cannot be trusted.`
        : `No line of its chain checks out before line ${broken.line.toLocaleString('en')}.`,
    );
  } else if (report.chained === 0) {
    lines.push(
      report.lines === 0
        ? `The audit log ${path} is empty: nothing to check.`
        : `The audit log ${path} has no chained line yet: its ${count(report.unchained, 'line')} were written by an earlier version and cannot be checked. The next switch starts the chain.`,
    );
  } else {
    lines.push(
      `The audit log ${path} is intact: ${count(report.chained, 'line')} in the chain, first ${where(first)}, last ${where(last)}.`,
    );
    lines.push(`Last line's SHA-256: ${last?.hash ?? 'none'}`);
    lines.push(
      'Anyone who can write the file could rewrite the whole chain: keep that hash (or the receipts) elsewhere to catch it.',
    );
  }
  if (report.unchained > 0 && report.chained > 0) {
    lines.push(
      `${count(report.unchained, 'line')} before the chain (written by an earlier version) cannot be checked; the chain starts at ${where(first)}.`,
    );
  }
  for (const number of report.torn.slice(0, 10)) {
    lines.push(
      `Line ${number.toLocaleString('en')} was torn by a crash mid-write: not tampering, and left out of the chain.`,
    );
  }
  let receiptFound = true;
  if (receipt) {
    if (receipt.hashes.length === 0) {
      receiptFound = false;
      lines.push(`${receipt.file} quotes no audit line (sha256:…): it is not a receipt of tenant-mode.`);
    }
    for (const hash of receipt.hashes) {
      const at = report.found.get(hash);
      if (at === undefined) {
        receiptFound = false;
        lines.push(
          `The receipt's line sha256:${hash.slice(0, 12)}… is not in the log: the line was changed or removed, or the receipt is from another log.`,
        );
      } else if (broken && at >= broken.line) {
        receiptFound = false;
        lines.push(
          `The receipt's line sha256:${hash.slice(0, 12)}… is line ${at.toLocaleString('en')}, after the break: it cannot be vouched for.`,
        );
      } else if (first && at < first.number) {
        lines.push(
          `The receipt's line sha256:${hash.slice(0, 12)}… is line ${at.toLocaleString('en')}, written before the chain began: it is there, but the chain does not vouch for it.`,
        );
      } else {
        lines.push(
          `The receipt's line sha256:${hash.slice(0, 12)}… is line ${at.toLocaleString('en')} of the log.`,
        );
      }
    }
    if (receipt.differs && receipt.hashes.length > 0) {
      receiptFound = false;
      lines.push(
        `${receipt.file} does not say what the log recorded: ${receipt.differs}. It was changed after it was made.`,
      );
    }
    if (receiptFound && receipt.hashes.length > 0) lines.push(`${receipt.file} matches the audit log.`);
  }
  const intact = !broken;
  const chainLine = (line: typeof first) =>
    line ? {line: line.number, ...(line.time ? {time: line.time} : {}), sha256: line.hash ?? null} : null;
  return {
    intact: intact && receiptFound,
    lines,
    exitCode: intact && receiptFound ? exitCodes.done : exitCodes.tampered,
    document: {
      path,
      intact,
      lines: report.lines,
      chained: report.chained,
      unchained: report.unchained,
      torn: report.torn,
      first: chainLine(first),
      last: chainLine(last),
      broken: broken ?? null,
      ...(receipt
        ? {
            receipt: {
              file: receipt.file,
              matches: receiptFound,
              lines: receipt.hashes.map((hash) => ({sha256: hash, line: report.found.get(hash) ?? null})),
            },
          }
        : {}),
    },
  };
}
