import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SuiteSkipped, WorkerFailure } from '../errors.js';
import type { BenchmarkInfo } from '../expand.js';
import type { Profile } from '../suite.js';
import { BenchWorker } from '../worker/client.js';
import type { SetupShare } from '../worker/protocol.js';
import { snapshotSettled } from '../worker/setup-snapshot.js';
import { COUNTED_ITERATIONS, COUNTING_SETTINGS, type CallgrindSetup } from './callgrind.js';
import type { InstructionCount } from './count.js';

/** One benchmark's instruction count, or why there is none. */
export type InstructionResult = InstructionCount | { uncounted: string } | { error: string };

/** Whether a result holds a count. */
export function isCounted(result: InstructionResult | undefined): result is InstructionCount {
  return result !== undefined && 'perIteration' in result;
}

/** How much slower a process runs under callgrind than alone: its limits grow by this much. */
export const CALLGRIND_SLOWDOWN = 100;

export interface CountSuiteOptions {
  setup: CallgrindSetup;
  projectDir: string;
  /** The suite file (absolute, or relative to projectDir). */
  file: string;
  benchmarks: readonly BenchmarkInfo[];
  profile: Profile;
  /** The run's DuckDB settings: `threads` is set to 1 over them. */
  settings: Record<string, string>;
  /** Limits of a run without callgrind, ms (CALLGRIND_SLOWDOWN times these apply). */
  timeoutMs: number;
  setupTimeoutMs: number;
  /** Another worker script (a base commit's build) and environment. */
  script?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * Where this side's processes share the suite's setup (a comparison's). Without it the count makes
   * its own. Either way the setup runs without callgrind, once, and the counting worker restores it.
   */
  share?: SetupShare;
}

/** Counts a suite's benchmarks in one worker under callgrind (its setup runs once, uncounted); by benchmark id. */
export async function countSuite(options: CountSuiteOptions): Promise<Map<string, InstructionResult>> {
  const out = new Map<string, InstructionResult>();
  const counted = options.benchmarks.filter((b) => {
    if (b.uncounted) out.set(b.id, { uncounted: b.uncounted });
    return !b.uncounted;
  });
  if (counted.length === 0) return out;
  const dir = mkdtempSync(join(tmpdir(), 'frozen-duckdb-callgrind-'));
  const share = options.share ?? { dir: join(dir, 'setup'), key: 'counting' };
  const settings = { ...options.settings, ...COUNTING_SETTINGS };
  const side = { projectDir: options.projectDir, ...(options.script ? { script: options.script } : {}), ...(options.env ? { env: options.env } : {}) };
  const failed = (error: unknown) => {
    const result = error instanceof SuiteSkipped ? { uncounted: `the suite skipped: ${error.reason}` } : { error: `setup failed: ${firstLine(error)}` };
    for (const b of counted) out.set(b.id, result);
    return out;
  };
  let worker: BenchWorker | undefined;
  try {
    // A setup under callgrind runs 50-100 times slower than without (bulk-load's about 8 minutes):
    // it runs here without callgrind when no process of this side has run it yet.
    if (!snapshotSettled(share.dir, share.key)) {
      const setup = BenchWorker.start(side);
      try {
        await setup.open(resolve(options.projectDir, options.file), options.profile, settings, options.setupTimeoutMs, share);
      } catch (error) {
        return failed(error);
      } finally {
        await setup.close().catch(() => setup.kill());
      }
    }
    worker = BenchWorker.start({ ...side, callgrind: { setup: options.setup, dir } });
    let counts: true | undefined;
    try {
      ({ counts } = await worker.open(
        resolve(options.projectDir, options.file),
        options.profile,
        settings,
        options.setupTimeoutMs * CALLGRIND_SLOWDOWN,
        share,
      ));
    } catch (error) {
      return failed(error);
    }
    for (const b of counted) {
      if (!counts) {
        out.set(b.id, { error: "this side's bench worker is older than instruction counting" });
        continue;
      }
      if (!worker.alive) {
        out.set(b.id, { error: 'not counted: the worker died on an earlier benchmark' });
        continue;
      }
      try {
        const count = await worker.count(b.name, COUNTED_ITERATIONS, (b.timeoutMs ?? options.timeoutMs) * CALLGRIND_SLOWDOWN);
        out.set(b.id, count.perIteration > 0 ? count : { uncounted: "no work inside DuckDB's C API was counted" });
      } catch (error) {
        if (!(error instanceof WorkerFailure)) throw error;
        out.set(b.id, { error: firstLine(error) });
      }
    }
    return out;
  } finally {
    const last = worker;
    await last?.close().catch(() => last.kill());
    rmSync(dir, { recursive: true, force: true });
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
