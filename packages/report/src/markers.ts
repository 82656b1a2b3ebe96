import { html, px, type Html } from './html.js';
import type { RunKind } from './trend-series.js';

/** What each kind of run means, for legends and tooltips. */
export const KIND_LABEL: Record<RunKind, string> = {
  bench: 'bench run',
  record: 'baseline recorded',
  compare: 'comparison (candidate)',
};

/**
 * A run's marker: the kind is told by shape as well as colour (circle, square, diamond), so the
 * chart reads without colour vision and in print.
 */
export function kindMarker(kind: RunKind, x: number, y: number, options: { cls?: string; attributes?: Html; title?: string } = {}): Html {
  const tip = options.title === undefined ? '' : html`<title>${options.title}</title>`;
  const cls = `${options.cls ?? 'point'} kind-${kind}`;
  const attributes = options.attributes ?? html``;
  switch (kind) {
    case 'record':
      return html`<rect class="${cls}" x="${px(x - 4)}" y="${px(y - 4)}" width="8" height="8" ${attributes}>${tip}</rect>`;
    case 'compare':
      return html`<path class="${cls}" d="M${px(x)} ${px(y - 5.5)}L${px(x + 5.5)} ${px(y)}L${px(x)} ${px(y + 5.5)}L${px(x - 5.5)} ${px(y)}Z" ${attributes}>${tip}</path>`;
    default:
      return html`<circle class="${cls}" cx="${px(x)}" cy="${px(y)}" r="4.5" ${attributes}>${tip}</circle>`;
  }
}

/** A small inline SVG of one marker, for a legend entry. */
export function legendMarker(kind: RunKind): Html {
  return html`<svg class="legend-mark" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">${kindMarker(kind, 7, 7, { cls: 'legend-point' })}</svg>`;
}

/** A coloured dot for a legend entry (`cls` picks the colour). */
export function legendDot(cls: string): Html {
  return html`<svg class="legend-mark" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true"><circle class="${cls}" cx="7" cy="7" r="5"/></svg>`;
}
