/** An axis domain rounded outward to round steps, with its tick values. */
export interface NiceDomain {
  min: number;
  max: number;
  step: number;
  ticks: number[];
}

/** Round ticks (1, 2 or 5 times a power of ten) covering [min, max] in about `count` steps. */
export function niceDomain(min: number, max: number, count = 5): NiceDomain {
  if (!Number.isFinite(min) || !Number.isFinite(max)) throw new RangeError(`axis domain is not finite: ${min}..${max}`);
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    // One value: a small span around it, so it sits mid-axis instead of on an edge.
    const pad = Math.abs(min) * 0.1 || 1;
    min -= pad;
    max += pad;
  }
  const step = niceStep((max - min) / count);
  const lo = Math.floor(min / step + 1e-9) * step;
  const hi = Math.ceil(max / step - 1e-9) * step;
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  const ticks: number[] = [];
  for (let i = 0; lo + i * step <= hi + step * 1e-6; i++) ticks.push(Number((lo + i * step).toFixed(decimals)));
  return { min: Number(lo.toFixed(decimals)), max: Number(hi.toFixed(decimals)), step, ticks };
}

function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  // The nearest of 1, 2, 5, 10 on a log scale, so the tick count stays close to the one asked for.
  const nice = fraction >= Math.sqrt(50) ? 10 : fraction >= Math.sqrt(10) ? 5 : fraction >= Math.sqrt(2) ? 2 : 1;
  return nice * power;
}

/** Maps [d0, d1] onto [r0, r1] linearly. */
export function linear(d0: number, d1: number, r0: number, r1: number): (value: number) => number {
  const span = d1 - d0 || 1;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

/** Tick labels with just enough decimals to tell neighbours apart. */
export function tickLabel(value: number, step: number): string {
  let decimals = 0;
  while (decimals < 6 && Math.abs(step * 10 ** decimals - Math.round(step * 10 ** decimals)) > 1e-6) decimals++;
  return value.toFixed(decimals);
}

/** At most `most` indices out of n, evenly spread, always the first and the last. */
export function spreadIndices(n: number, most: number): number[] {
  if (n <= most) return Array.from({ length: n }, (_, i) => i);
  const out = new Set<number>();
  for (let k = 0; k < most; k++) out.add(Math.round((k * (n - 1)) / (most - 1)));
  return [...out];
}
