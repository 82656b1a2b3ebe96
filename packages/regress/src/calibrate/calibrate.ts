import { spawn } from 'node:child_process';
import { SLOWDOWN_ENV } from '@frozen-duckdb/bench';
import { formatPercent } from '@frozen-duckdb/core';
import { onCleanup } from '@frozen-duckdb/files';
import { compare, prepareBase, type CompareOptions } from '../ab/compare.js';
import { DIAGNOSE_NONE } from '../diagnose/diagnose.js';
import { summarizeCalibration, type BenchmarkCalibration, type CalibrationTrial } from './summarize.js';

export interface CalibrateOptions extends Omit<CompareOptions, 'base' | 'useMergeBase' | 'candidateEnv' | 'preparedBase'> {
  /** Injected slowdowns to try; 0 is the A/A comparison. */
  levels: number[];
  /** Comparisons per level. */
  trials: number;
  /** Keep one core busy with a spinning process the whole time, as a noisy neighbour would. */
  cpuHog: boolean;
}

export interface CalibrationReport {
  commit: string;
  trials: CalibrationTrial[];
  benchmarks: BenchmarkCalibration[];
  elapsedMs: number;
  cpuHog: boolean;
}

/**
 * Runs A/A comparisons (HEAD against itself) and comparisons with a slowdown injected into the
 * candidate, levels interleaved trial by trial so drift spreads over all of them alike.
 */
export async function calibrate(options: CalibrateOptions): Promise<CalibrationReport> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => undefined);
  const base = await prepareBase(options.projectDir, 'HEAD', false, progress);
  const stopHog = options.cpuHog ? startCpuHog() : async () => undefined;
  const trials: CalibrationTrial[] = [];
  try {
    for (let trial = 1; trial <= options.trials; trial++) {
      for (const injected of options.levels) {
        progress(`trial ${trial}/${options.trials}, injected +${formatPercent(injected)}`);
        const result = await compare({
          ...options,
          base: 'HEAD',
          useMergeBase: false,
          preparedBase: base,
          candidateEnv: { [SLOWDOWN_ENV]: String(injected) },
          // An injected slowdown has nothing to diagnose.
          diagnose: DIAGNOSE_NONE,
          onProgress: () => undefined,
        });
        trials.push({ injected, benchmarks: result.benchmarks, elapsedMs: result.elapsedMs });
      }
    }
  } finally {
    await stopHog();
    await base.remove();
  }
  return {
    commit: base.commit,
    trials,
    benchmarks: summarizeCalibration(trials),
    elapsedMs: performance.now() - started,
    cpuHog: options.cpuHog,
  };
}

/** A process spinning on one core until the returned function stops it (or the run ends). */
export function startCpuHog(): () => Promise<void> {
  const hog = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  return onCleanup(() => {
    hog.kill('SIGKILL');
  });
}
