/**
 * Runs one benchmark under profilers, in the worker: DuckDB's (every statement on the suite's
 * connection) for one call, then V8's sampling CPU profiler over repeated calls. Timings here
 * are a profiled run's, for comparing two sides that ran the same way, not measurements.
 */
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { groupByQuery, type Connection } from '@frozen-duckdb/core';
import { summarizeCpuProfile, type V8CpuProfile } from './cpu-profile.js';
import type { BenchmarkProfile } from './protocol.js';

export interface ProfiledCall {
  fn: () => unknown;
  beforeEach?: () => unknown;
  connection: Connection;
  /** A folder of this process's own, where DuckDB writes each statement's profile. */
  tempDir: string;
}

/** Calls under the CPU profiler at most; a fast benchmark reaches `cpuMs` long before. */
const MAX_CPU_CALLS = 10_000;
/** V8 samples every 100 µs: a few thousand samples in a third of a second. */
const SAMPLING_INTERVAL_US = 100;

export async function profileBenchmark(call: ProfiledCall, cpuMs: number): Promise<BenchmarkProfile> {
  // A fresh process: the first call warms the JIT and DuckDB's caches, and is not looked at.
  await call.beforeEach?.();
  await call.fn();
  await call.beforeEach?.();
  const started = performance.now();
  const { capture } = await call.connection.captureProfiles(join(call.tempDir, 'duckdb-profile.json'), async () => call.fn());
  const wallMs = performance.now() - started;

  const session = new Session();
  session.connect();
  let calls = 0;
  let profile: V8CpuProfile;
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
    await session.post('Profiler.start');
    const until = performance.now() + cpuMs;
    do {
      await call.beforeEach?.();
      await call.fn();
      calls += 1;
    } while (performance.now() < until && calls < MAX_CPU_CALLS);
    ({ profile } = (await session.post('Profiler.stop')) as { profile: V8CpuProfile });
  } finally {
    session.disconnect();
  }
  return {
    wallMs,
    queries: groupByQuery(capture.profiles),
    missed: capture.missed,
    cpu: summarizeCpuProfile(profile, calls, process.cwd()),
  };
}
