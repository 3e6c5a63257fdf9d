import {printable} from '../text/index.js';

/** A value in a Markdown table cell or heading: hidden characters shown as escapes, Markdown's marks escaped. */
export const markdownCell = (text: string) =>
  printable(text).replace(/[\\`*_[\]<>|#]/g, (mark) => `\\${mark}`);

/** A Markdown table: a header row, then the rows, every cell escaped. */
export function markdownTable(head: readonly string[], cells: readonly (readonly string[])[]): string[] {
  return [
    `| ${head.map(markdownCell).join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...cells.map((row) => `| ${row.map(markdownCell).join(' | ')} |`),
  ];
}
