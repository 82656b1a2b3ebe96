import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BenchUsageError, BenchWorker, fingerprint } from '@frozen-duckdb/bench';
import { findNodeApiPackage, formatChange } from '@frozen-duckdb/core';
import { onCleanup } from '@frozen-duckdb/files';
import { compare, prepareBase, type CompareOptions, type PreparedBase } from '../ab/compare.js';
import type { BenchmarkComparison } from '../ab/paired-run.js';
import { DIAGNOSE_NONE } from '../diagnose/diagnose.js';
import { machineOfFingerprint } from '../baseline/from-results.js';
import type { MachineFingerprint } from '../baseline/schema.js';
import { startCpuHog } from './calibrate.js';
import { changeRepository, changeSuiteFile, truthFolder } from './change-folders.js';
import { changeHash, readChangesCorpus, type Change } from './changes-corpus.js';
import { summarizeChanges, type ChangeSummary } from './changes-summary.js';
import { measureTruth, type ChangeTruth, type TruthOptions } from './truth.js';
import { readTruthFile, storedTruth, TRUTH_FILE, withTruth, writeTruthFile } from './truth-file.js';

export interface ChangesCalibrationOptions extends Omit<
  CompareOptions,
  'projectDir' | 'base' | 'useMergeBase' | 'candidateEnv' | 'preparedBase' | 'files' | 'shard' | 'filter'
> {
  /** The corpus folder: one subfolder per change. */
  corpusDir: string;
  /** Only changes whose folder name matches. */
  only?: RegExp;
  /** Comparisons per change. */
  trials: number;
  cpuHog: boolean;
  truth: Pick<TruthOptions, 'processes' | 'seconds'> & { remeasure: boolean };
  /** Measure (or read) the truths and stop: no comparisons. */
  truthOnly?: boolean;
}

export interface ChangeCalibration {
  name: string;
  benchmark: string;
  truth: ChangeTruth;
  /** Measured in this run (none stored for this machine and these files, or --remeasure-truth). */
  truthMeasured: boolean;
  /** The gate's comparison of the change's benchmark, one per trial. */
  trials: BenchmarkComparison[];
}

export interface ChangesCalibrationReport {
  corpus: string;
  machine: MachineFingerprint;
  changes: ChangeCalibration[];
  summaries: ChangeSummary[];
  elapsedMs: number;
  cpuHog: boolean;
}

/** The DuckDB binding the changes' suites load, as its package version (no DuckDB is loaded in this process). */
function nodeApiVersion(dir: string): string {
  const found = findNodeApiPackage(dir);
  return found ? `@duckdb/node-api ${found.version}` : 'unknown';
}

/** The one benchmark a change's suites share: a change measures one thing. */
async function soleBenchmark(dir: string, files: { base: string; variant: string }, change: Change): Promise<string> {
  const worker = BenchWorker.start({ projectDir: dir });
  try {
    const [base, variant] = [await worker.list(files.base), await worker.list(files.variant)];
    const names = base.benchmarks.map((b) => b.name);
    if (names.length !== 1 || variant.benchmarks.length !== 1 || variant.benchmarks[0]?.name !== names[0]) {
      throw new BenchUsageError(
        `the change ${change.name}: base.ts has ${names.length} benchmark(s) and variant.ts ${variant.benchmarks.length}, named differently or more than one`,
        'give base.ts and variant.ts one benchmark each, under the same name',
      );
    }
    return names[0] as string;
  } finally {
    await worker.close().catch(() => worker.kill());
  }
}

interface Prepared extends ChangeCalibration {
  repo: string;
  /** Undefined when only the truths are wanted. */
  base: PreparedBase | undefined;
}

/**
 * Calibrates the gate on real changes: each change of the corpus becomes a two-commit repository
 * and is compared `trials` times (changes interleaved trial by trial, so drift spreads over all of
 * them), against its size measured without the gate (`measureTruth`, stored per machine in the
 * corpus's truth.json and measured again when missing or stale).
 */
export async function calibrateChanges(options: ChangesCalibrationOptions): Promise<ChangesCalibrationReport> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => undefined);
  const corpus = readChangesCorpus(options.corpusDir, options.only);
  const truthPath = join(corpus.dir, TRUTH_FILE);
  // Read first: a damaged truth file stops the run before anything is measured.
  let truthFile = readTruthFile(truthPath);
  const root = mkdtempSync(join(tmpdir(), 'frozen-duckdb-changes-'));
  const removeRoot = onCleanup(() => rmSync(root, { recursive: true, force: true }));
  const machine = machineOfFingerprint(await fingerprint(root, nodeApiVersion(root)));
  const trials = options.truthOnly ? 0 : options.trials;
  const prepared: Prepared[] = [];
  try {
    for (const change of corpus.changes) {
      const truthDir = join(root, change.name, 'truth');
      const files = truthFolder(corpus, change, truthDir);
      const benchmark = await soleBenchmark(truthDir, files, change);
      const hash = changeHash(corpus, change);
      let truth = options.truth.remeasure ? undefined : storedTruth(truthFile, machine, change.name, hash);
      const truthMeasured = truth === undefined;
      if (!truth) {
        progress(`${change.name}: measuring its size without the gate (${options.truth.processes} processes x ${options.truth.seconds} s)`);
        truth = await measureTruth(files, benchmark, hash, dirname(files.base), {
          ...options.truth,
          batchMs: 100,
          profile: options.profile,
          settings: options.settings,
        });
        truthFile = withTruth(truthFile, machine, change.name, truth);
        writeTruthFile(truthPath, truthFile);
      }
      progress(
        `${change.name}: truth ${formatChange(truth.ratio)} [${formatChange(truth.low)}, ${formatChange(truth.high)}]${truthMeasured ? '' : ' (stored)'}`,
      );
      // The two-commit repository and its base worktree only when there is something to compare.
      const repo = join(root, change.name, 'repo');
      const base = trials > 0 ? await prepareBase(repo, (await changeRepository(corpus, change, repo)).base, false) : undefined;
      prepared.push({ name: change.name, benchmark, truth, truthMeasured, trials: [], repo, base });
    }
    const stopHog = options.cpuHog && trials > 0 ? startCpuHog() : async () => undefined;
    try {
      for (let trial = 1; trial <= trials; trial++) {
        for (const p of prepared) {
          if (!p.base) continue;
          const result = await compare({
            ...options,
            projectDir: p.repo,
            base: p.base.commit,
            useMergeBase: false,
            preparedBase: p.base,
            files: [changeSuiteFile(p.name)],
            // Calibration judges the verdicts; a diagnosis of each caught change would only cost time.
            diagnose: DIAGNOSE_NONE,
            onProgress: () => undefined,
          });
          const outcome = result.benchmarks[0];
          if (outcome) p.trials.push(outcome);
          progress(`trial ${trial}/${trials} ${p.name}: ${outcome ? `${outcome.status} ${formatChange(outcome.estimate?.ratio)}` : 'no benchmark compared'}`);
        }
      }
    } finally {
      await stopHog();
    }
  } finally {
    for (const p of prepared) await p.base?.remove();
    await removeRoot();
  }
  const changes = prepared.map(({ name, benchmark, truth, truthMeasured, trials }) => ({ name, benchmark, truth, truthMeasured, trials }));
  return { corpus: corpus.dir, machine, changes, summaries: summarizeChanges(changes), elapsedMs: performance.now() - started, cpuHog: options.cpuHog };
}
