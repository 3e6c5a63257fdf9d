import {extname, resolve} from 'node:path';
import {
  type BatchReport,
  cannotWritePlan,
  printable,
  reportHtml,
  reportMarkdown,
  WholeFileError,
  writeWholeFile,
} from '../procedure/index.js';
import {CommandError, UsageError} from './command-error.js';
import {exitCodes} from './output.js';

/** The format a report file's name asks for: .html (or .htm) or .md; anything else is refused before any work. */
export function reportFormat(file: string): 'html' | 'md' {
  const folder = cannotWritePlan(file);
  if (folder) throw new UsageError(`Cannot write the report to ${printable(file)}: ${printable(folder)}.`);
  const extension = extname(file).toLowerCase();
  if (extension === '.html' || extension === '.htm') return 'html';
  if (extension === '.md' || extension === '.markdown') return 'md';
  throw new UsageError(`A report is HTML or Markdown: name it .html or .md, not ${printable(file)}.`);
}

/** Writes a report (its format from the name). Returns the absolute path. */
export function writeReport(report: BatchReport, file: string): string {
  return writeDocument(file, reportFormat(file) === 'html' ? reportHtml(report) : reportMarkdown(report));
}

/**
 * Writes a document (a report, a receipt) whole, never half a file, 0644: it holds no secret. A file that cannot be
 * written is the operator's to fix (exit 2). Returns the absolute path.
 */
export function writeDocument(file: string, text: string): string {
  const path = resolve(file);
  try {
    writeWholeFile(path, text, 0o644);
  } catch (error) {
    if (error instanceof WholeFileError) {
      throw new CommandError(error.message, exitCodes.usage, {reason: 'local-files'});
    }
    throw error;
  }
  return path;
}
