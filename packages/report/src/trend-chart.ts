import { extent } from '@frozen-duckdb/bench';
import { timeUnitFor } from '@frozen-duckdb/core';
import { html, px, type Html } from './html.js';
import { KIND_LABEL, kindMarker } from './markers.js';
import { linear, niceDomain, spreadIndices } from './scale.js';
import { yAxis, type PlotBox } from './svg-axis.js';
import type { TrendPoint, TrendSeries } from './trend-series.js';
import { formatDuration, formatFactor, formatTimestamp, shortCommit } from './units.js';

const BOX: PlotBox = { width: 960, height: 320, left: 70, right: 24, top: 36, bottom: 56 };

/**
 * One benchmark's median time per iteration over its runs, oldest first, one marker per run;
 * each change point gets a dashed line where the level shifts, the factor and the commit above it,
 * and the levels before and after it as dashed steps.
 */
export function trendChart(series: TrendSeries, id: string): Html {
  const { points, changePoints } = series;
  const n = points.length;
  const values = [...points.flatMap((p) => [p.medianMs, p.p25Ms ?? NaN, p.p75Ms ?? NaN]), ...changePoints.flatMap((c) => [c.before, c.after])].filter(
    Number.isFinite,
  );
  if (!values.length) return html`<p class="empty">No run of ${series.benchmarkId} has a finite median to draw.</p>`;
  const { min, max } = extent(values);
  const unit = timeUnitFor(max);
  const lo = min * unit.perMs;
  const hi = max * unit.perMs;
  const pad = (hi - lo) * 0.08;
  const domain = niceDomain(lo - pad < 0 && lo >= 0 ? 0 : lo - pad, hi + pad);
  const y = linear(domain.min, domain.max, BOX.height - BOX.bottom, BOX.top);
  const yMs = (ms: number) => y(ms * unit.perMs);
  const plotLeft = BOX.left + 12;
  const plotRight = BOX.width - BOX.right - 12;
  const x = (i: number) => (n === 1 ? (plotLeft + plotRight) / 2 : plotLeft + (i * (plotRight - plotLeft)) / (n - 1));
  // A shift sits between the last run before it and the first run after it.
  const edge = (i: number) => (i <= 0 ? x(0) : i >= n ? x(n - 1) : (x(i - 1) + x(i)) / 2);

  const drawn = points.map((p, i) => ({ p, i })).filter(({ p }) => Number.isFinite(p.medianMs));
  const line = html`<polyline class="trend-line" points="${drawn.map(({ p, i }) => `${px(x(i))},${px(yMs(p.medianMs))}`).join(' ')}"/>`;

  const steps: Html[] = [];
  const bounds = [0, ...changePoints.map((c) => c.index), n];
  for (let k = 0; k < bounds.length - 1 && changePoints.length; k++) {
    const level = k === 0 ? (changePoints[0]?.before as number) : (changePoints[k - 1]?.after as number);
    if (!Number.isFinite(level)) continue;
    const from = edge(bounds[k] as number);
    const to = edge(bounds[k + 1] as number);
    steps.push(html`<line class="level" x1="${px(from)}" x2="${px(to)}" y1="${px(yMs(level))}" y2="${px(yMs(level))}"/>`);
  }
  const shifts = changePoints.map((c) => {
    const cx = edge(c.index);
    const anchor = cx < BOX.left + 60 ? 'start' : cx > BOX.width - BOX.right - 60 ? 'end' : 'middle';
    return html`<g class="change-point"><line x1="${px(cx)}" x2="${px(cx)}" y1="${px(BOX.top - 6)}" y2="${px(BOX.height - BOX.bottom)}"/>
<text x="${px(cx)}" y="${px(BOX.top - 12)}" text-anchor="${anchor}">${formatFactor(c.ratio)} at ${shortCommit(c.commit)}</text>
<title>Level shift at commit ${c.commit}: ${formatDuration(c.before)} before, ${formatDuration(c.after)} after (${formatFactor(c.ratio)})</title></g>`;
  });

  // The run's interquartile range, when it kept samples: a wide one says the median is shaky.
  const spreads = drawn.flatMap(({ p, i }) =>
    typeof p.p25Ms === 'number' && typeof p.p75Ms === 'number' && Number.isFinite(p.p25Ms) && Number.isFinite(p.p75Ms)
      ? [html`<line class="spread" x1="${px(x(i))}" x2="${px(x(i))}" y1="${px(yMs(p.p25Ms))}" y2="${px(yMs(p.p75Ms))}"/>`]
      : [],
  );
  const markers = drawn.map(({ p, i }) =>
    kindMarker(p.kind, x(i), yMs(p.medianMs), {
      attributes: html`data-index="${i}"`,
      title: `run ${i + 1} of ${n}: commit ${shortCommit(p.commit)}${p.dirty ? ' with uncommitted changes' : ''}, ${formatTimestamp(p.createdAt)}, ${KIND_LABEL[p.kind] ?? p.kind}: median ${formatDuration(p.medianMs)}${quartiles(p)}`,
    }),
  );
  const labels = spreadIndices(n, 8).map(
    (i) => html`<text class="tick" x="${px(x(i))}" y="${px(BOX.height - BOX.bottom + 16)}" text-anchor="middle">${shortCommit(points[i]?.commit ?? '')}</text>`,
  );
  const mid = BOX.left + (BOX.width - BOX.left - BOX.right) / 2;
  const xTitle = html`<text class="axis-title" x="${px(mid)}" y="${px(BOX.height - 10)}" text-anchor="middle">commit, oldest to newest (${n} run${n === 1 ? '' : 's'})</text>`;

  return html`<svg class="chart trend-chart" viewBox="0 0 ${BOX.width} ${BOX.height}" role="img" aria-labelledby="${id}-title ${id}-desc" data-points="${drawn.length}">
<title id="${id}-title">Trend of ${series.benchmarkId}</title>
<desc id="${id}-desc">${describeTrend(series)}</desc>
${yAxis(BOX, domain, y, `median time per iteration (${unit.name})`)}
<g class="x-axis">${labels}${xTitle}</g>
${steps}${line}${shifts}<g class="spreads">${spreads}</g><g class="points">${markers}</g>
</svg>`;
}

/** ", middle half 1.10 ms to 1.30 ms" when the run kept its quartiles. */
export function quartiles(p: TrendPoint): string {
  return typeof p.p25Ms === 'number' && typeof p.p75Ms === 'number' ? `, middle half ${formatDuration(p.p25Ms)} to ${formatDuration(p.p75Ms)}` : '';
}

/** The chart in one sentence, for screen readers and the figure caption. */
export function describeTrend(series: TrendSeries): string {
  const { points, changePoints } = series;
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return 'No runs recorded.';
  const { min, max } = extent(points.map((p) => p.medianMs).filter(Number.isFinite));
  const span = `${points.length} run${points.length === 1 ? '' : 's'} from commit ${shortCommit(first.commit)} to ${shortCommit(last.commit)}; median between ${formatDuration(min)} and ${formatDuration(max)}`;
  if (!changePoints.length) return `${span}; no level shift detected.`;
  const shifts = changePoints.map((c) => `${formatFactor(c.ratio)} at ${shortCommit(c.commit)} (${formatDuration(c.before)} to ${formatDuration(c.after)})`);
  return `${span}; level shift${changePoints.length === 1 ? '' : 's'}: ${shifts.join(', ')}.`;
}
