import { COUNTED_ITERATIONS, countSuite, type CallgrindSetup, type Profile } from '@frozen-duckdb/bench';
import type { PairedSuite, SideSpec } from '../ab/paired-run.js';
import { instructionThresholdFor, instructionVerdict, type InstructionComparison } from './instruction-verdict.js';

export interface CountSidesOptions {
  setup: CallgrindSetup;
  threshold: number;
  base: SideSpec;
  candidate: SideSpec;
  suites: readonly PairedSuite[];
  profile: Profile;
  settings: Record<string, string>;
  timeoutMs: number;
  onProgress?: (message: string) => void;
}

/**
 * Counts every compared benchmark's instructions once per side, one callgrind worker per side and
 * suite, both sides at once (a count does not depend on what else runs), and judges each. Both sides
 * restore the suite's setup from a snapshot made without callgrind, so their data is made the same way.
 */
export async function countSides(options: CountSidesOptions): Promise<InstructionComparison> {
  const verdicts = [];
  for (const suite of options.suites) {
    options.onProgress?.(`counting instructions of ${suite.file} under callgrind (${suite.benchmarks.length} benchmarks, both sides)`);
    const count = (side: SideSpec) =>
      countSuite({
        setup: options.setup,
        projectDir: side.projectDir,
        file: suite.file,
        benchmarks: suite.benchmarks,
        profile: options.profile,
        settings: options.settings,
        timeoutMs: options.timeoutMs,
        setupTimeoutMs: options.timeoutMs,
        ...(side.workerScript ? { script: side.workerScript } : {}),
        ...(side.env ? { env: side.env } : {}),
        // The snapshot this side's timed processes saved: the counting worker restores it.
        ...(side.shares ? { share: side.shares.shareFor(suite.file) } : {}),
      });
    const [base, candidate] = await Promise.all([count(options.base), count(options.candidate)]);
    for (const b of suite.benchmarks)
      verdicts.push(instructionVerdict(b.id, base.get(b.id), candidate.get(b.id), instructionThresholdFor(b, options.threshold)));
  }
  return { threshold: options.threshold, iterations: COUNTED_ITERATIONS, verdicts };
}
