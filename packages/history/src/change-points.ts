/**
 * Change-point detection over one benchmark's medians, run after run: circular binary segmentation
 * (a split, or an interval that differs from the rest, e.g. a regression later fixed) with a rank
 * statistic, so one wild run on a noisy machine cannot make or hide a shift, and a permutation test
 * of the largest statistic, so the many splits tried do not pass for evidence. Pure.
 */
import { extent, madNormal, median } from '@frozen-duckdb/bench';
import { seededRandom } from '@frozen-duckdb/core';

export interface ChangePointOptions {
  /** Fewest runs on each side of a shift (default 3): a shift needs evidence from both levels. */
  minSegment?: number;
  /** Significance of each split, by permutation test (default 0.01). */
  alpha?: number;
  /** Smallest shift worth naming, as a fraction of the level before (default 0.05 = 5%). */
  minShift?: number;
  /** Permutations per test (default 999). */
  permutations?: number;
}

/** A level shift: values from `index` on sit at another level than those just before. */
export interface Shift {
  /** The first run at the new level. */
  index: number;
  /** Median of the segment before and of the segment from `index`. */
  before: number;
  after: number;
  /** after / before. */
  ratio: number;
  /** Permutation p-value of the test that found it. */
  pValue: number;
}

const DEFAULTS = { minSegment: 3, alpha: 0.01, minShift: 0.05, permutations: 999 };
// Interval ends are tried on a grid of at most this many steps; exact below it, refined after above it.
const GRID_STEPS = 64;

/** The level shifts in `values` (e.g. medians in run order), by index; none for a flat series, however noisy. */
export function detectChangePoints(values: readonly number[], options: ChangePointOptions = {}): Shift[] {
  const o = { ...DEFAULTS, ...options };
  const m = Math.max(1, Math.floor(o.minSegment));
  const found = new Map<number, number>();
  // Seeded: the same history gives the same change points every time.
  const random = seededRandom(0x5eed ^ values.length);
  const visit = (start: number, end: number) => {
    const segment = values.slice(start, end);
    if (segment.length < 2 * m) return;
    const ranks = rank(segment);
    const grid = gridOf(segment.length);
    const coarse = bestInterval(ranks, m, grid);
    if (!coarse) return;
    const best = refine(ranks, m, coarse, grid[1] as number);
    const inside = median(segment.slice(best.i, best.j));
    const outside = median([...segment.slice(0, best.i), ...segment.slice(best.j)]);
    if (!(inside > 0 && outside > 0) || Math.abs(Math.log(inside / outside)) < Math.log1p(o.minShift)) return;
    const pValue = permutationP(ranks, m, grid, coarse.z, o.permutations, o.alpha, random);
    if (pValue > o.alpha) return;
    for (const cut of [best.i, best.j]) if (cut > 0 && cut < segment.length) found.set(start + cut, pValue);
    visit(start, start + best.i);
    visit(start + best.i, start + best.j);
    visit(start + best.j, end);
  };
  visit(0, values.length);
  const cuts = locate(
    values,
    [...found.keys()].sort((a, b) => a - b),
    m,
  );
  const pValues = [...found.values()];
  // Levels are re-measured between the final boundaries: a cut found early saw a mixture.
  const bounds = [0, ...cuts, values.length];
  const shifts = cuts.map((index, k) => {
    const before = median(values.slice(bounds[k] as number, index));
    const after = median(values.slice(index, bounds[k + 2] as number));
    return { index, before, after, ratio: after / before, pValue: found.get(index) ?? extent(pValues).max };
  });
  // Two cuts around one interval can end up with levels close to each other once re-measured.
  return shifts.filter((s) => Math.abs(Math.log(s.ratio)) >= Math.log1p(o.minShift));
}

/**
 * Puts each cut where the two levels beside it fit best (least squares in logs, wild runs clipped),
 * anywhere between its neighbouring cuts: the rank statistic tells that a shift is there, but the
 * interval it picks can take in runs of the old level that happen to rank low.
 */
function locate(values: readonly number[], cuts: readonly number[], m: number): number[] {
  const out = [...cuts];
  out.forEach((cut, k) => {
    const lo = k === 0 ? 0 : (out[k - 1] as number);
    const hi = k === out.length - 1 ? values.length : (out[k + 1] as number);
    const logs = values.slice(lo, hi).map((v) => Math.log(Math.max(v, Number.MIN_VALUE)));
    // Clip at 5 scaled MADs of the whole stretch (two levels widen it): only wild runs are cut back.
    const mid = median(logs);
    const spread = 5 * madNormal(logs);
    const clipped = spread > 0 ? logs.map((x) => Math.min(mid + spread, Math.max(mid - spread, x))) : logs;
    const sum = [0];
    const squares = [0];
    clipped.forEach((x, i) => {
      sum.push((sum[i] as number) + x);
      squares.push((squares[i] as number) + x * x);
    });
    const sse = (a: number, b: number) => {
      const s = (sum[b] as number) - (sum[a] as number);
      return (squares[b] as number) - (squares[a] as number) - (s * s) / (b - a);
    };
    const n = clipped.length;
    let best = { at: cut - lo, cost: sse(0, cut - lo) + sse(cut - lo, n) };
    for (let at = m; at <= n - m; at++) {
      const c = sse(0, at) + sse(at, n);
      if (c < best.cost - 1e-12) best = { at, cost: c };
    }
    out[k] = lo + best.at;
  });
  return out;
}

/** Ranks 1..n, ties given their average rank. */
export function rank(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && (order[j + 1] as readonly [number, number])[0] === (order[i] as readonly [number, number])[0]) j++;
    const average = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) ranks[(order[t] as readonly [number, number])[1]] = average;
    i = j + 1;
  }
  return ranks;
}

/** Candidate interval ends 0..n: every index up to GRID_STEPS, else evenly spaced (n always included). */
function gridOf(n: number): number[] {
  const step = Math.max(1, Math.ceil(n / GRID_STEPS));
  const grid: number[] = [];
  for (let x = 0; x < n; x += step) grid.push(x);
  grid.push(n);
  return grid;
}

/**
 * Standardized Mann-Whitney statistic of values [i, j) against the rest, from prefix sums of ranks:
 * |z| of the rank sum inside, large when the interval sits at another level.
 */
function intervalZ(prefix: readonly number[], n: number, i: number, j: number): number {
  const inside = j - i;
  const sum = (prefix[j] as number) - (prefix[i] as number);
  return Math.abs((sum - (inside * (n + 1)) / 2) / Math.sqrt((inside * (n - inside) * (n + 1)) / 12));
}

/** Every piece (inside, and each non-empty outside part) holds at least m values. */
function allowed(n: number, m: number, i: number, j: number): boolean {
  return j - i >= m && (i === 0 || i >= m) && (j === n || n - j >= m) && !(i === 0 && j === n);
}

/** Prefix sums of the ranks, into `into` when given (the permutation loop reuses one buffer). */
function prefixSums(ranks: readonly number[], into?: number[]): number[] {
  const prefix = into ?? new Array<number>(ranks.length + 1);
  prefix[0] = 0;
  for (let k = 0; k < ranks.length; k++) prefix[k + 1] = (prefix[k] as number) + (ranks[k] as number);
  return prefix;
}

/** The interval on the grid whose level differs most from the rest. */
export function bestInterval(
  ranks: readonly number[],
  m: number,
  grid: readonly number[] = gridOf(ranks.length),
  buffer?: number[],
): { i: number; j: number; z: number } | undefined {
  const n = ranks.length;
  const prefix = prefixSums(ranks, buffer);
  let best: { i: number; j: number; z: number } | undefined;
  for (let a = 0; a < grid.length; a++) {
    const i = grid[a] as number;
    for (let b = a + 1; b < grid.length; b++) {
      const j = grid[b] as number;
      if (!allowed(n, m, i, j)) continue;
      const z = intervalZ(prefix, n, i, j);
      if (!best || z > best.z) best = { i, j, z };
    }
  }
  return best;
}

/** Moves coarse interval ends to the best index within one grid step. */
function refine(ranks: readonly number[], m: number, coarse: { i: number; j: number; z: number }, step: number): { i: number; j: number; z: number } {
  if (step <= 1) return coarse;
  const n = ranks.length;
  const prefix = prefixSums(ranks);
  let best = coarse;
  for (const end of ['i', 'j'] as const) {
    const at = best[end];
    if (at === 0 || at === n) continue;
    for (let x = Math.max(0, at - step + 1); x <= Math.min(n, at + step - 1); x++) {
      const i = end === 'i' ? x : best.i;
      const j = end === 'j' ? x : best.j;
      if (!allowed(n, m, i, j)) continue;
      const z = intervalZ(prefix, n, i, j);
      if (z > best.z) best = { i, j, z };
    }
  }
  return best;
}

/**
 * P-value of the largest statistic over every interval, by shuffling the ranks: the maximum over
 * many intervals is what was chosen, so it is what must be compared. Stops early once it cannot pass.
 */
function permutationP(
  ranks: readonly number[],
  m: number,
  grid: readonly number[],
  observed: number,
  permutations: number,
  alpha: number,
  random: () => number,
): number {
  const shuffled = [...ranks];
  const buffer = new Array<number>(ranks.length + 1).fill(0);
  const limit = Math.ceil(alpha * (permutations + 1));
  let atLeast = 0;
  for (let p = 1; p <= permutations; p++) {
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = shuffled[i] as number;
      shuffled[i] = shuffled[j] as number;
      shuffled[j] = t;
    }
    if ((bestInterval(shuffled, m, grid, buffer)?.z ?? 0) >= observed - 1e-12) atLeast++;
    if (atLeast >= limit) return (atLeast + 1) / (p + 1);
  }
  return (atLeast + 1) / (permutations + 1);
}
