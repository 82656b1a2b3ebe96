import { html, px, type Html } from './html.js';
import type { NiceDomain } from './scale.js';
import { tickLabel } from './scale.js';

export interface PlotBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Horizontal grid lines with their labels on the left, and the axis title turned upright. */
export function yAxis(box: PlotBox, domain: NiceDomain, y: (v: number) => number, title: string): Html {
  const lines = domain.ticks.map(
    (t) => html`<line class="grid" x1="${px(box.left)}" x2="${px(box.width - box.right)}" y1="${px(y(t))}" y2="${px(y(t))}"/>
<text class="tick" x="${px(box.left - 8)}" y="${px(y(t) + 4)}" text-anchor="end">${tickLabel(t, domain.step)}</text>`,
  );
  const mid = box.top + (box.height - box.top - box.bottom) / 2;
  return html`<g class="axis y-axis">${lines}<text class="axis-title" transform="translate(16 ${px(mid)}) rotate(-90)" text-anchor="middle">${title}</text></g>`;
}

/** Vertical grid lines with labels below the plot, and the axis title under them. */
export function xAxis(box: PlotBox, domain: NiceDomain, x: (v: number) => number, title: string, format = (t: number) => tickLabel(t, domain.step)): Html {
  const bottom = box.height - box.bottom;
  const lines = domain.ticks.map(
    (t) => html`<line class="grid" x1="${px(x(t))}" x2="${px(x(t))}" y1="${px(box.top)}" y2="${px(bottom)}"/>
<text class="tick" x="${px(x(t))}" y="${px(bottom + 16)}" text-anchor="middle">${format(t)}</text>`,
  );
  const mid = box.left + (box.width - box.left - box.right) / 2;
  return html`<g class="axis x-axis">${lines}<text class="axis-title" x="${px(mid)}" y="${px(box.height - 8)}" text-anchor="middle">${title}</text></g>`;
}
