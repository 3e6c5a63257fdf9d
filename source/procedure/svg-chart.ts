// A bar chart as inline SVG, for the batch report (batch-report-formats.ts): no script, no font or file outside it.
// Bars run across, one row a label, so that a month's name or a day reads as written, however many rows there are.
// Each bar carries its count as text beside it and as data-* attributes (the suite compares them with the data in
// Chromium); two series differ by fill and hatching, not only by colour, and the legend names them in words.

export interface Bars {
  /** Said by screen readers (the SVG's title). */
  readonly title: string;
  /** One name a series; at most two. */
  readonly series: readonly string[];
  readonly groups: readonly {readonly label: string; readonly values: readonly number[]}[];
}

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (mark) => `&#${mark.charCodeAt(0)};`);

/** About how wide a character of the chart's 12px font is: enough room for labels and the legend. */
const characterWidth = 7.2;

export function barChart(chart: Bars, id: string): string {
  const barHeight = 16;
  const barGap = 3;
  const groupGap = 12;
  const plotWidth = 420;
  const series = chart.series.length;
  const legendHeight = series > 1 ? 28 : 0;
  const labelWidth = Math.ceil(
    Math.max(60, ...chart.groups.map((group) => group.label.length * characterWidth)) + 12,
  );
  const countWidth = 60;
  const width = Math.ceil(
    Math.max(
      labelWidth + plotWidth + countWidth,
      ...chart.series.map((name) => 30 + name.length * characterWidth),
    ),
  );
  const groupHeight = series * barHeight + (series - 1) * barGap;
  const height = legendHeight + chart.groups.length * (groupHeight + groupGap) + 4;
  const highest = Math.max(1, ...chart.groups.flatMap((group) => group.values));
  const parts: string[] = [];
  chart.groups.forEach((group, index) => {
    const y0 = legendHeight + index * (groupHeight + groupGap);
    parts.push(
      `<text class="label" x="${labelWidth - 8}" y="${y0 + groupHeight / 2 + 4}" text-anchor="end">${escapeXml(group.label)}</text>`,
    );
    group.values.forEach((value, which) => {
      const length = Math.round((value / highest) * plotWidth);
      const y = y0 + which * (barHeight + barGap);
      const name = chart.series[which] ?? '';
      parts.push(
        `<rect class="bar bar-${which}" x="${labelWidth}" y="${y}" width="${length}" height="${barHeight}" data-label="${escapeXml(group.label)}" data-series="${escapeXml(name)}" data-count="${value}"><title>${escapeXml(`${group.label}, ${name}: ${value}`)}</title></rect>`,
        // A count beside its bar; none beside a bar of nothing (the table and the bar's title say 0).
        ...(value === 0
          ? []
          : [`<text class="count" x="${labelWidth + length + 5}" y="${y + barHeight - 4}">${value}</text>`]),
      );
    });
  });
  const legend = chart.series
    .map((name, which) => {
      const x = which === 0 ? 0 : Math.ceil(26 + (chart.series[0]?.length ?? 0) * characterWidth + 20);
      return `<rect class="bar bar-${which}" x="${x}" y="4" width="16" height="16"/><text x="${x + 22}" y="17">${escapeXml(name)}</text>`;
    })
    .join('');
  const legendWidth = Math.ceil(
    26 +
      (chart.series[0]?.length ?? 0) * characterWidth +
      20 +
      26 +
      (chart.series[1]?.length ?? 0) * characterWidth,
  );
  const fullWidth = Math.max(width, series > 1 ? legendWidth : 0);
  return `<svg class="chart" role="img" aria-labelledby="${id}-title" viewBox="0 0 ${fullWidth} ${height}" width="${fullWidth}" height="${height}" data-chart="${id}">
<title id="${id}-title">${escapeXml(chart.title)}</title>
<defs><pattern id="${id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" class="hatch-ground"/><line x1="0" y1="0" x2="0" y2="6" class="hatch-line"/></pattern></defs>
<style>.chart[data-chart="${id}"] .bar-1 { fill: url(#${id}-hatch); }</style>
${series > 1 ? legend : ''}
<line class="axis" x1="${labelWidth}" y1="${legendHeight}" x2="${labelWidth}" y2="${height}"/>
${parts.join('\n')}
</svg>`;
}
