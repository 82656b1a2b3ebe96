import { isCounted, quantile, type BenchResults, type Fingerprint } from '@frozen-duckdb/bench';
import { thresholdFor, type ThresholdPolicy } from '../gate/threshold.js';
import { BASELINE_SCHEMA, BASELINE_VERSION, type Baseline, type MachineFingerprint } from './schema.js';

/** The machine part of a results fingerprint, in the baseline's terms. */
export function machineOf(results: BenchResults): MachineFingerprint {
  return machineOfFingerprint(results.fingerprint);
}

/** A bench fingerprint's machine, in the baseline's terms. */
export function machineOfFingerprint(f: Fingerprint): MachineFingerprint {
  return {
    cpuModel: f.cpuModel,
    cores: f.cores,
    memoryBytes: f.memoryBytes,
    os: `${f.os.platform}-${f.os.arch}`,
    node: f.node,
    duckdb: f.duckdb ?? 'unknown',
  };
}

/** A baseline from a bench run: per benchmark the pooled samples' median, mean, p10/p90 and spread, and its instruction count when counted. */
export function baselineFromResults(results: BenchResults, commit: string, policy: Pick<ThresholdPolicy, 'flag'> = {}, now = new Date()): Baseline {
  const benchmarks: Baseline['benchmarks'] = {};
  for (const b of results.benchmarks) {
    if (b.status !== 'ok' || !b.wall) continue;
    const samples = b.processes.flatMap((p) => p.samples);
    const p10 = quantile(samples, 0.1);
    const p90 = quantile(samples, 0.9);
    benchmarks[b.id] = {
      median: b.wall.median,
      mean: b.wall.mean,
      p10,
      p90,
      spread: b.wall.median > 0 ? (p90 - p10) / b.wall.median : 0,
      samples: samples.length,
      processes: b.processes.length,
      threshold: thresholdFor(b.id, b.threshold, policy).value,
      ...(isCounted(b.instructions) ? { instructions: b.instructions.perIteration } : {}),
    };
  }
  return {
    schema: BASELINE_SCHEMA,
    version: BASELINE_VERSION,
    commit,
    recordedAt: now.toISOString(),
    machine: machineOf(results),
    settings: { profile: results.settings.profile, processes: results.settings.processes, ...results.settings.duckdb },
    benchmarks,
  };
}
