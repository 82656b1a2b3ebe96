// Test data in the shapes the report reads: deterministic, with the awkward cases a real run meets.
import { median } from '@frozen-duckdb/bench';
import { seededRandom } from '@frozen-duckdb/core';
import type { Verdict } from '@frozen-duckdb/regress';
import type { ComparedBenchmark, ComparisonDocument, Round } from '../src/comparison-document.js';
import type { RunKind, TrendSeries } from '../src/trend-series.js';

/** A name no page may interpret: markup, quotes, an entity, a script end tag. */
export const HOSTILE = `</script><img src=x onerror="alert(1)"> & "quotes" 'single' &amp; <b>bold</b>`;

const commit = (i: number) => (0x1000000 + i * 7919).toString(16).padEnd(40, 'a');

/** A series of n runs around `level` ms, stepping by `factor` at `stepAt` (no step when undefined). */
export function series(
  id: string,
  n: number,
  level: number,
  options: { stepAt?: number; factor?: number; seed?: number; quartiles?: boolean } = {},
): TrendSeries {
  const random = seededRandom(options.seed ?? 1);
  const kinds: RunKind[] = ['bench', 'bench', 'compare', 'bench', 'record'];
  const points = Array.from({ length: n }, (_, i) => {
    const base = options.stepAt !== undefined && i >= options.stepAt ? level * (options.factor ?? 1) : level;
    const medianMs = base * (1 + (random() - 0.5) * 0.06);
    return {
      runId: `run-${i}`,
      kind: kinds[i % kinds.length] as RunKind,
      commit: commit(i),
      createdAt: new Date(Date.UTC(2025, 0, 1 + i, 9, 30)).toISOString(),
      medianMs,
      dirty: i === n - 1,
      p25Ms: options.quartiles ? medianMs * 0.97 : null,
      p75Ms: options.quartiles ? medianMs * 1.04 : null,
    };
  });
  const changePoints =
    options.stepAt === undefined
      ? []
      : [{ index: options.stepAt, commit: commit(options.stepAt), before: level, after: level * (options.factor ?? 1), ratio: options.factor ?? 1 }];
  return { benchmarkId: id, fingerprint: '3f9a1c07e2b4', profile: 'quick', config: 'memory_limit=4GB threads=2', points, changePoints };
}

/** Paired rounds: `blocks` x `rounds`, the candidate `ratio` times the base, with noise and a bias per block. */
export function rounds(blocks: number, perBlock: number, baseMs: number, ratio: number, seed = 7): Round[][] {
  const random = seededRandom(seed);
  return Array.from({ length: blocks }, () => {
    const bias = 1 + (random() - 0.5) * 0.04;
    return Array.from({ length: perBlock }, () => {
      const base = baseMs * bias * (1 + (random() - 0.5) * 0.03);
      return { base, candidate: base * ratio * (1 + (random() - 0.5) * 0.03) };
    });
  });
}

/** A verdict as `compare` writes it (version 2), judged against 10%. */
export function verdict(decision: Verdict['decision'], basis: Verdict['basis'], blocks: number): Verdict {
  return { decision, basis, threshold: 0.1, halfWidth: 0.04, precision: 0.05, blocks, minBlocks: 3 };
}

function compared(
  id: string,
  status: ComparedBenchmark['status'],
  blocks: Round[][],
  estimate: ComparedBenchmark['estimate'],
  judged: Verdict | string,
): ComparedBenchmark {
  const all = blocks.flat();
  return {
    id,
    threshold: 0.1,
    status,
    ...(typeof judged === 'string' ? { message: judged } : { verdict: judged }),
    ...(estimate ? { estimate } : {}),
    ...(all.length ? { baseMs: median(all.map((r) => r.base)), candidateMs: median(all.map((r) => r.candidate)) } : {}),
    iterationsPerBatch: 20,
    blocks,
  };
}

/** A comparison with a regression, an ok, an inconclusive with an open interval, an error, and added/removed. */
export function comparison(): ComparisonDocument {
  const est = (ratio: number, low: number | null, high: number | null, blocks: number, rounds: number) => ({
    ratio,
    low,
    high,
    confidence: 0.95,
    blocks,
    rounds,
  });
  const benchmarks = [
    compared('tpch/q01 sf=0.1', 'regressed', rounds(6, 4, 12.5, 1.22, 3), est(1.22, 1.17, 1.27, 6, 24), verdict('regressed', 'interval-past', 6)),
    compared(HOSTILE, 'ok', rounds(4, 4, 0.42, 1.01, 5), est(1.01, 0.98, 1.04, 4, 16), verdict('ok', 'interval-within', 4)),
    compared('appender/insert rows=10000', 'inconclusive', rounds(1, 3, 250, 1.08, 9), est(1.08, 0, null, 1, 3), verdict('inconclusive', 'too-few-pairs', 1)),
    compared('parquet/scan', 'error', [], undefined, 'candidate could not set up bench/parquet.bench.ts: boom'),
  ];
  return {
    schema: 'frozen-duckdb/comparison',
    version: 2,
    outcome: 'fail',
    summary: 'regression confirmed: tpch/q01 sf=0.1',
    benchmarks,
    suite: { estimate: est(1.09, 1.02, 1.16, 6, 43), verdict: verdict('inconclusive', 'budget-spans', 6) },
    blocks: 6,
    elapsedMs: 123400,
    budgetMs: 300000,
    exhausted: true,
    baseCommit: 'b'.repeat(40),
    candidateCommit: 'c'.repeat(40),
    candidateDirty: true,
    added: [{ id: 'vector/cosine k=10' }],
    removed: [{ id: `old/${HOSTILE}` }],
  };
}

/** The trend series the page tests draw: a step, a hostile name, a single run. */
export function trendSet(): TrendSeries[] {
  return [
    series('tpch/q01 sf=0.1', 24, 12.5, { stepAt: 14, factor: 1.25, seed: 2, quartiles: true }),
    series(HOSTILE, 3, 0.0008, { seed: 3 }),
    series('appender/one row', 1, 1500, { seed: 4 }),
  ];
}
