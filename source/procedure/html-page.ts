// The one HTML page tenant-mode writes documents in (receipts, batch reports): one file with nothing outside it (no
// font, image, script or link), readable on paper (print: black on white) and in dark mode; every value from a
// file or the platform through the one sanitiser (printable) and escaped.
import {printable, printableLines} from '../text/index.js';

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (mark) => `&#${mark.charCodeAt(0)};`);
/** A value as HTML text: hidden characters shown as escapes, markup characters escaped. */
export const htmlText = (text: string) => escapeHtml(printable(text));
/** Text of several lines (indented JSON): line feeds kept, everything else as printable makes it. */
export const htmlLines = (text: string) => escapeHtml(printableLines(text));

/** What every page shares: type, tables, and the dark and print schemes; `style` adds the document's own. */
const baseStyle = `body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; padding: 0 1rem; color: #111; background: #fff; }
h1 { font-size: 1.35rem; } h2 { font-size: 1.1rem; margin-top: 1.8rem; } h3 { font-size: 1rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .3rem .6rem; border-bottom: 1px solid #bbb; overflow-wrap: anywhere; }
pre { background: #f3f3f3; padding: .6rem; white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid #ccc; }
@media (prefers-color-scheme: dark) {
  body { color: #eee; background: #121212; }
  th, td { border-color: #555; }
  pre { background: #1e1e1e; border-color: #555; }
}
@media print {
  body { color: #000; background: #fff; margin: 0; max-width: none; }
  pre { background: #fff; }
  h2 { break-after: avoid; } tr { break-inside: avoid; }
}`;

export function htmlPage(page: {title: string; width: string; style: string; body: string}): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${htmlText(page.title)}</title>
<style>
${baseStyle}
body { max-width: ${page.width}; }
@media print { body { max-width: none; } }
${page.style}
</style>
</head>
<body>
${page.body}
</body>
</html>
`;
}
