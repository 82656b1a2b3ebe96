import { randomUUID } from 'node:crypto';
import { isCounted, type BenchResults } from '@frozen-duckdb/bench';
import { fingerprintOfResults } from './fingerprint.js';
import {
  emptyResult,
  RUN_RECORD_SCHEMA,
  RUN_RECORD_VERSION,
  type ResultRow,
  type RunKind,
  type RunOutcome,
  type RunRecord,
  type SampleBlock,
} from './record.js';

/** The part of a baseline gate the history keeps: each benchmark's final decision, why, and its ratio. */
export interface GateVerdicts {
  rows: readonly {
    id: string;
    status: string;
    reason?: string;
    ratio?: number | undefined;
    confirmed?: { estimate?: { ratio: number; low: number; high: number } | undefined; baseMs?: number | undefined } | undefined;
  }[];
  /** The instruction counts' verdicts (`--measure instructions`): the count the run was held against. */
  counts?: { rows: readonly { id: string; baseline?: number | undefined }[] } | undefined;
}

export interface BenchRunInput {
  kind: Extract<RunKind, 'bench' | 'record'>;
  results: BenchResults;
  outcome: RunOutcome | null;
  source: string;
  /** Default: a random id. */
  id?: string;
  /** The commit a record run wrote into the baseline (default: the results' own). */
  commit?: string;
  /** The baseline gate's decisions, when the run was gated. */
  gate?: GateVerdicts;
  /** Overrides the results' shard (merged shards). */
  shard?: string | null;
  project?: string | null;
}

/** The settings a run was measured with, the shard apart (shards of one run share them). */
export function benchSettings(results: BenchResults): Record<string, unknown> {
  const { processes, filter, duckdb, sampling } = results.settings;
  return { processes, filter, duckdb, sampling };
}

/** A history record from a bench (or baseline record) run. */
export function benchRecord(input: BenchRunInput): RunRecord {
  const { results } = input;
  const verdicts = new Map(input.gate?.rows.map((r) => [r.id, r]) ?? []);
  const countedAgainst = new Map(input.gate?.counts?.rows.map((r) => [r.id, r.baseline]) ?? []);
  const rows: ResultRow[] = [];
  const samples: SampleBlock[] = [];
  for (const b of results.benchmarks) {
    const row = emptyResult(b.id, b.status);
    row.suite = b.suite;
    row.name = b.name;
    row.threshold = b.threshold ?? null;
    row.error = b.error ?? null;
    if (b.wall) {
      row.medianMs = b.wall.median;
      row.meanMs = b.wall.mean;
      row.minMs = b.wall.min;
      row.p25Ms = b.wall.p25;
      row.p75Ms = b.wall.p75;
      row.p99Ms = b.wall.p99;
      row.maxMs = b.wall.max;
      row.sdMs = b.wall.sd;
      row.n = b.wall.n;
    }
    row.iterations = b.iterations ?? null;
    row.cpuMs = b.cpuMs ?? null;
    row.peakRssBytes = b.peakRssBytes ?? null;
    row.instructions = isCounted(b.instructions) ? b.instructions.perIteration : null;
    row.baseInstructions = countedAgainst.get(b.id) ?? null;
    const gated = verdicts.get(b.id);
    if (gated) {
      row.verdict = gated.status;
      row.reason = gated.reason ?? null;
      const estimate = gated.confirmed?.estimate;
      row.ratio = estimate?.ratio ?? gated.ratio ?? null;
      row.ratioLow = estimate?.low ?? null;
      row.ratioHigh = estimate?.high ?? null;
      row.baseMs = gated.confirmed?.baseMs ?? null;
    }
    rows.push(row);
    b.processes.forEach((p, block) => samples.push({ benchmark: b.id, block, ms: p.samples }));
  }
  const git = results.fingerprint.git;
  const fingerprint = fingerprintOfResults(results);
  return {
    schema: RUN_RECORD_SCHEMA,
    version: RUN_RECORD_VERSION,
    run: {
      id: input.id ?? randomUUID(),
      kind: input.kind,
      createdAt: new Date(results.createdAt).toISOString(),
      commit: input.commit ?? git?.commit ?? null,
      baseCommit: null,
      dirty: git?.dirty ?? null,
      fingerprint: fingerprint.hash,
      profile: results.settings.profile,
      settings: benchSettings(results),
      shard: input.shard !== undefined ? input.shard : results.settings.shard,
      outcome: input.outcome,
      durationMs: results.durationMs,
      project: input.project !== undefined ? input.project : results.projectDir,
      source: input.source,
    },
    fingerprint,
    results: rows,
    samples,
  };
}

/** A bench run's own outcome, without a gate: fail when a benchmark or a suite failed. */
export function measuredOutcome(results: BenchResults): RunOutcome {
  return results.benchmarks.some((b) => b.status !== 'ok') || results.suites.some((s) => s.error) ? 'fail' : 'pass';
}
