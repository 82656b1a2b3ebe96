import { comparisonSection, type ComparisonInput } from './comparison-section.js';
import { html, raw, type Html } from './html.js';
import { STYLES } from './styles.js';
import { trendSection, type TrendInput } from './trend-section.js';
import { formatTimestamp } from './units.js';

export interface ReportInput {
  /** When the report was made (ISO 8601); passed in so that rendering stays a pure function. */
  generatedAt: string;
  title?: string;
  comparison?: ComparisonInput;
  trends?: TrendInput;
}

/**
 * The whole report as one HTML document: inline CSS and SVG only, and a content security policy
 * that forbids every fetch, so it opens the same offline, from a CI artifact or a mail attachment.
 */
export function renderReport(input: ReportInput): string {
  const title = input.title ?? 'frozen-duckdb benchmark report';
  const sections: Html[] = [];
  const contents: Html[] = [];
  if (input.comparison) {
    sections.push(comparisonSection(input.comparison));
    contents.push(html`<li><a href="#comparison">Comparison (${input.comparison.document.outcome})</a></li>`);
  }
  if (input.trends) {
    sections.push(trendSection(input.trends));
    contents.push(html`<li><a href="#trends">Trends (${input.trends.series.length} series)</a></li>`);
  }
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="frozen-duckdb report">
<title>${title}</title>
<style>${raw(STYLES)}</style>
</head>
<body>
<header>
<h1>${title}</h1>
<p class="meta">Generated ${formatTimestamp(input.generatedAt)}. Times are per iteration; lower is faster.</p>
<nav aria-label="Contents"><ul>${contents}</ul></nav>
</header>
<main>
${sections.length ? sections : html`<p class="empty">Nothing to report.</p>`}
</main>
<footer>Made by <code>frozen-duckdb report</code>. Hover a marker for its values; every chart has a data table below it.</footer>
</body>
</html>
`;
  return page.value;
}
