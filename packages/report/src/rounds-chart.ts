import { extent } from '@frozen-duckdb/bench';
import { timeUnitFor } from '@frozen-duckdb/core';
import type { ComparedBenchmark } from './comparison-document.js';
import { html, px, type Html } from './html.js';
import { linear, niceDomain } from './scale.js';
import { xAxis, type PlotBox } from './svg-axis.js';
import { formatChange, formatDuration } from './units.js';

const WIDTH = 960;
const MARGIN = { left: 76, right: 24, top: 14, bottom: 50 };
const ROUND_GAP = 7;

/**
 * The paired rounds of one benchmark, one band per pair of fresh processes (block): each round is a
 * base dot and a candidate ring joined by a line, so the pairing and its direction show at a glance,
 * and a shift common to a whole block (process bias) shows as a band leaning one way.
 */
export function roundsChart(b: ComparedBenchmark, id: string): Html {
  const rounds = b.blocks.flat();
  const { min, max } = extent(rounds.flatMap((r) => [r.base, r.candidate]));
  const unit = timeUnitFor(max);
  const lo = min * unit.perMs;
  const hi = max * unit.perMs;
  const pad = (hi - lo) * 0.05;
  const domain = niceDomain(lo - pad, hi + pad, 6);
  const rowHeights = b.blocks.map((block) => Math.max(22, block.length * ROUND_GAP + 10));
  const height = MARGIN.top + rowHeights.reduce((s, h) => s + h, 0) + MARGIN.bottom;
  const box: PlotBox = { width: WIDTH, height, ...MARGIN };
  const x = linear(domain.min, domain.max, box.left, WIDTH - box.right);
  const xMs = (ms: number) => x(ms * unit.perMs);

  let top = MARGIN.top;
  const bands = b.blocks.map((block, k) => {
    const h = rowHeights[k] as number;
    const rowTop = top;
    top += h;
    const first = rowTop + (h - (block.length - 1) * ROUND_GAP) / 2;
    const pairs = block.map((r, i) => {
      const y = first + i * ROUND_GAP;
      const tip = `block ${k + 1}, round ${i + 1}: base ${formatDuration(r.base)}, candidate ${formatDuration(r.candidate)} (${formatChange(r.candidate / r.base)})`;
      return html`<g class="round"><line class="pair" x1="${px(xMs(r.base))}" x2="${px(xMs(r.candidate))}" y1="${px(y)}" y2="${px(y)}"/><circle class="point base" cx="${px(xMs(r.base))}" cy="${px(y)}" r="3.2"><title>${tip}</title></circle><circle class="point candidate" cx="${px(xMs(r.candidate))}" cy="${px(y)}" r="3.4"><title>${tip}</title></circle></g>`;
    });
    return html`<g class="block"><rect class="band${k % 2 ? ' band-odd' : ''}" x="${box.left}" y="${px(rowTop)}" width="${WIDTH - box.left - box.right}" height="${h}"/>
<text class="block-label" x="${box.left - 8}" y="${px(rowTop + h / 2 + 4)}" text-anchor="end">block ${k + 1}</text>${pairs}</g>`;
  });
  const plotBottom = height - MARGIN.bottom;
  const median = (side: 'base' | 'candidate', ms: number | undefined) =>
    ms === undefined || !Number.isFinite(ms)
      ? ''
      : html`<line class="median ${side}" x1="${px(xMs(ms))}" x2="${px(xMs(ms))}" y1="${MARGIN.top}" y2="${px(plotBottom)}"><title>${side} median over all rounds: ${formatDuration(ms)}</title></line>`;
  const batch = b.iterationsPerBatch ? `, median of a batch of ${b.iterationsPerBatch}` : '';

  return html`<svg class="chart rounds-chart" viewBox="0 0 ${WIDTH} ${px(height)}" role="img" aria-labelledby="${id}-title ${id}-desc" data-points="${rounds.length * 2}">
<title id="${id}-title">Paired rounds of ${b.id}</title>
<desc id="${id}-desc">${describeRounds(b)}</desc>
${xAxis(box, domain, x, `time per iteration (${unit.name})${batch}`)}
${bands}${median('base', b.baseMs)}${median('candidate', b.candidateMs)}
</svg>`;
}

/** The chart in one sentence. */
export function describeRounds(b: ComparedBenchmark): string {
  const rounds = b.blocks.flat();
  if (!rounds.length) return 'No rounds were measured.';
  const slower = rounds.filter((r) => r.candidate > r.base).length;
  return `${rounds.length} paired rounds in ${b.blocks.length} block${b.blocks.length === 1 ? '' : 's'} of fresh processes; base median ${formatDuration(b.baseMs)}, candidate median ${formatDuration(b.candidateMs)}; the candidate was slower in ${slower} of ${rounds.length} rounds.`;
}

/** The rounds as a table: the chart's fallback. */
export function roundsTable(b: ComparedBenchmark): Html {
  const rows = b.blocks.flatMap((block, k) =>
    block.map(
      (r, i) =>
        html`<tr><td class="num">${k + 1}</td><td class="num">${i + 1}</td><td class="num">${formatDuration(r.base)}</td><td class="num">${formatDuration(r.candidate)}</td><td class="num">${formatChange(r.candidate / r.base)}</td></tr>`,
    ),
  );
  return html`<details class="data"><summary>Data table: ${rows.length} paired rounds</summary>
<table><caption>Paired rounds of ${b.id} (time per iteration)</caption>
<thead><tr><th scope="col">block</th><th scope="col">round</th><th scope="col">base</th><th scope="col">candidate</th><th scope="col">candidate vs base</th></tr></thead>
<tbody>${rows}</tbody></table></details>`;
}
