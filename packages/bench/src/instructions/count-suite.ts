import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SuiteSkipped, WorkerFailure } from '../errors.js';
import type { BenchmarkInfo } from '../expand.js';
import type { Profile } from '../suite.js';
import { BenchWorker } from '../worker/client.js';
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
  const worker = BenchWorker.start({
    projectDir: options.projectDir,
    ...(options.script ? { script: options.script } : {}),
    ...(options.env ? { env: options.env } : {}),
    callgrind: { setup: options.setup, dir },
  });
  try {
    let counts: true | undefined;
    try {
      ({ counts } = await worker.open(
        resolve(options.projectDir, options.file),
        options.profile,
        { ...options.settings, ...COUNTING_SETTINGS },
        options.setupTimeoutMs * CALLGRIND_SLOWDOWN,
      ));
    } catch (error) {
      const result = error instanceof SuiteSkipped ? { uncounted: `the suite skipped: ${error.reason}` } : { error: `setup failed: ${firstLine(error)}` };
      for (const b of counted) out.set(b.id, result);
      return out;
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
    await worker.close().catch(() => worker.kill());
    rmSync(dir, { recursive: true, force: true });
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
