import type { ComparisonEstimate } from './comparison-document.js';
import { html, px, type Html } from './html.js';
import { linear, niceDomain, type NiceDomain } from './scale.js';
import { formatChange } from './units.js';

/** "+8.1% to +16.7%"; a bound JSON lost to infinity reads as unbounded. */
export function intervalText(e: ComparisonEstimate | undefined): string {
  if (!e) return '–';
  const bound = (v: number | null) => (v === null || !Number.isFinite(v) ? 'unbounded' : formatChange(v));
  return `${bound(e.low)} to ${bound(e.high)}`;
}

export const INTERVAL_WIDTH = 240;
const HEIGHT = 24;
const PAD = 20;

/** One percent-change axis shared by every row of the overview, so intervals compare by eye. */
export interface IntervalScale {
  domain: NiceDomain;
  x: (percent: number) => number;
}

/** A scale covering every estimate, its bounds and the thresholds on both sides of no change. */
export function intervalScale(rows: { estimate?: ComparisonEstimate | undefined; threshold: number }[]): IntervalScale {
  // An open or very wide interval (one block) would squash the others: bounds past -50%..+100%
  // leave the axis out of its range and end in an arrow instead.
  const inRange = (pct: number) => Number.isFinite(pct) && pct >= -50 && pct <= 100;
  const values = rows.flatMap((r) => [
    // Half a threshold past each one, so both zones show.
    r.threshold * 150,
    -r.threshold * 150,
    ...(r.estimate ? [r.estimate.ratio, r.estimate.low, r.estimate.high] : [])
      .filter((v): v is number => typeof v === 'number')
      .map((v) => (v - 1) * 100)
      .filter(inRange),
  ]);
  const domain = niceDomain(Math.min(0, ...values), Math.max(0, ...values), 4);
  return { domain, x: linear(domain.min, domain.max, PAD, INTERVAL_WIDTH - PAD) };
}

/**
 * A benchmark's estimate as a dot on its interval, against the no-change line and its threshold
 * zones (slower past +threshold, faster past -threshold); a bound off the axis ends in an arrow.
 */
export function intervalChart(estimate: ComparisonEstimate | undefined, threshold: number, scale: IntervalScale, label: string): Html {
  const { x, domain } = scale;
  const clamp = (pct: number) => Math.min(domain.max, Math.max(domain.min, pct));
  const mid = HEIGHT / 2;
  const slowFrom = x(clamp(threshold * 100));
  const fastTo = x(clamp(-threshold * 100));
  const zones = html`<rect class="zone-faster" x="${PAD}" y="2" width="${px(Math.max(0, fastTo - PAD))}" height="${HEIGHT - 4}"/><rect class="zone-slower" x="${px(slowFrom)}" y="2" width="${px(Math.max(0, INTERVAL_WIDTH - PAD - slowFrom))}" height="${HEIGHT - 4}"/><line class="no-change" x1="${px(x(0))}" x2="${px(x(0))}" y1="1" y2="${HEIGHT - 1}"/>`;
  let marks: Html = html`<text class="tick" x="${INTERVAL_WIDTH / 2}" y="${mid + 4}" text-anchor="middle">no estimate</text>`;
  let title = `${label}: no estimate`;
  if (estimate) {
    const pct = (v: number | null, fallback: number) => (v === null || !Number.isFinite(v) ? fallback : (v - 1) * 100);
    const low = pct(estimate.low, -Infinity);
    const high = pct(estimate.high, Infinity);
    const x1 = x(clamp(low));
    const x2 = x(clamp(high));
    const arrow = (at: number, dir: 1 | -1) => html`<path class="interval-arrow" d="M${px(at)} ${mid}l${-6 * dir} -4v8z"/>`;
    marks = html`<line class="interval" x1="${px(x1)}" x2="${px(x2)}" y1="${mid}" y2="${mid}"/>${low < domain.min ? arrow(x1, -1) : ''}${
      high > domain.max ? arrow(x2, 1) : ''
    }<circle class="estimate" cx="${px(x(clamp(pct(estimate.ratio, 0))))}" cy="${mid}" r="4"/>`;
    title = `${label}: ${formatChange(estimate.ratio)}, ${Math.round(estimate.confidence * 100)}% interval ${intervalText(estimate)}; threshold ${Math.round(threshold * 100)}%`;
  }
  return html`<svg class="interval-chart" width="${INTERVAL_WIDTH}" height="${HEIGHT}" viewBox="0 0 ${INTERVAL_WIDTH} ${HEIGHT}" role="img" aria-label="${title}"><title>${title}</title>${zones}${marks}</svg>`;
}

/** The shared axis's tick labels, for the column header. */
export function intervalAxis(scale: IntervalScale): Html {
  // About 45 px a label: every other one when they would touch.
  const every = scale.domain.ticks.length > INTERVAL_WIDTH / 45 ? 2 : 1;
  const zero = scale.domain.ticks.indexOf(0);
  const ticks = scale.domain.ticks.map((t, i) => {
    const label = (i - zero) % every === 0 ? html`<text class="tick" x="${px(scale.x(t))}" y="11" text-anchor="middle">${t > 0 ? '+' : ''}${t}%</text>` : '';
    return html`<line class="grid" x1="${px(scale.x(t))}" x2="${px(scale.x(t))}" y1="14" y2="20"/>${label}`;
  });
  return html`<svg class="interval-axis" width="${INTERVAL_WIDTH}" height="20" viewBox="0 0 ${INTERVAL_WIDTH} 20" aria-hidden="true">${ticks}</svg>`;
}
