import { html, type Html } from './html.js';
import { KIND_LABEL, legendMarker } from './markers.js';
import { describeTrend, trendChart } from './trend-chart.js';
import type { RunKind, TrendSeries } from './trend-series.js';
import { formatDuration, formatFactor, formatTimestamp, shortCommit } from './units.js';

export interface TrendInput {
  /** Where the series came from, shown on the page. */
  source: string;
  series: TrendSeries[];
  /** The --benchmark pattern the series were selected with, if any. */
  filter?: string;
}

/** Every benchmark's trend: a chart, the legend, and the runs as a table for reading and screen readers. */
export function trendSection(input: TrendInput, sectionId = 'trends'): Html {
  const series = [...input.series].sort((a, b) => a.benchmarkId.localeCompare(b.benchmarkId) || a.fingerprint.localeCompare(b.fingerprint));
  const machines = new Set(series.map((s) => s.fingerprint)).size;
  const body = series.length
    ? series.map((s, i) => trendArticle(s, `${sectionId}-${i + 1}`))
    : html`<p class="empty">The history database holds no runs${input.filter === undefined ? '' : html` of benchmarks matching <code>${input.filter}</code>`} yet: <code>frozen-duckdb bench</code>, <code>compare</code> and <code>baseline record</code> add one each time they run.</p>`;
  return html`<section id="${sectionId}" aria-labelledby="${sectionId}-heading">
<h2 id="${sectionId}-heading">Trends over commits</h2>
<p class="source">From the history database <code>${input.source}</code>: ${series.length} series${machines > 1 ? ` on ${machines} machines` : ''}. Each marker is one run's median time per iteration; times only compare within one machine fingerprint.</p>
${body}
</section>`;
}

function trendArticle(series: TrendSeries, id: string): Html {
  const kinds = [...new Set(series.points.map((p) => p.kind))].sort() as RunKind[];
  const legend = html`<ul class="legend">${kinds.map((k) => html`<li>${legendMarker(k)} ${KIND_LABEL[k] ?? k}</li>`)}${
    series.changePoints.length ? html`<li><span class="legend-shift" aria-hidden="true"></span> level shift (change point)</li>` : ''
  }</ul>`;
  const chart = series.points.length ? trendChart(series, `${id}-chart`) : html`<p class="empty">No runs recorded.</p>`;
  return html`<article class="trend" id="${id}" aria-labelledby="${id}-heading">
<h3 id="${id}-heading">${series.benchmarkId}</h3>
${machineLine(series)}
<figure>${legend}${chart}<figcaption>${describeTrend(series)}</figcaption></figure>
${series.points.length ? trendTable(series) : ''}
</article>`;
}

function machineLine(series: TrendSeries): Html | string {
  const parts: Html[] = [];
  if (series.fingerprint) parts.push(html`machine <code>${series.fingerprint}</code>`);
  if (series.profile) parts.push(html`profile <code>${series.profile}</code>`);
  if (series.config) parts.push(html`settings <code>${series.config}</code>`);
  return parts.length ? html`<p class="machine">${parts.map((p, i) => html`${i ? ', ' : ''}${p}`)}</p>` : '';
}

/** The runs of a series as a table: the chart's fallback and the place to copy a commit from. */
export function trendTable(series: TrendSeries): Html {
  const shiftAt = new Map(series.changePoints.map((c) => [c.index, c]));
  const rows = series.points.map((p, i) => {
    const shift = shiftAt.get(i);
    return html`<tr${shift ? html` class="shift-row"` : ''}><td class="num">${i + 1}</td><td><code>${shortCommit(p.commit)}</code>${p.dirty ? ' (uncommitted changes)' : ''}</td><td>${formatTimestamp(p.createdAt)}</td><td>${KIND_LABEL[p.kind] ?? p.kind}</td><td class="num">${formatDuration(p.medianMs)}</td><td class="num">${typeof p.p25Ms === 'number' && typeof p.p75Ms === 'number' ? `${formatDuration(p.p25Ms)} to ${formatDuration(p.p75Ms)}` : '–'}</td><td>${
      shift ? `level shift ${formatFactor(shift.ratio)}: ${formatDuration(shift.before)} to ${formatDuration(shift.after)}` : ''
    }</td></tr>`;
  });
  return html`<details class="data"><summary>Data table: ${series.points.length} run${series.points.length === 1 ? '' : 's'}</summary>
<table><caption>Runs of ${series.benchmarkId}, oldest first</caption>
<thead><tr><th scope="col">#</th><th scope="col">commit</th><th scope="col">recorded</th><th scope="col">kind</th><th scope="col">median per iteration</th><th scope="col">middle half</th><th scope="col">change point</th></tr></thead>
<tbody>${rows}</tbody></table></details>`;
}
