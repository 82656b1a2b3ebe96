import { Session } from 'node:inspector/promises';
import { summarizeCpuProfile, type CpuSummary, type V8CpuProfile } from '@frozen-duckdb/bench';
import { diffCpu } from '../src/diagnose/cpu-diff.js';

function formatRows(n: number): number {
  let length = 0;
  for (let i = 0; i < n; i++) length += `${i},${i * 2}`.length;
  return length;
}

function checksumRows(n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum = (sum * 31 + Math.sqrt(i + sum)) % 1_000_003;
  return sum;
}

/** A real V8 CPU profile of calls of `work` for about 200 ms (a busy machine's sampler needs the time), summarized as a worker does. */
async function profiled(work: () => unknown): Promise<CpuSummary> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    let calls = 0;
    const until = performance.now() + 200;
    do {
      work();
      calls += 1;
    } while (performance.now() < until);
    const { profile } = (await session.post('Profiler.stop')) as { profile: V8CpuProfile };
    return summarizeCpuProfile(profile, calls, process.cwd());
  } finally {
    session.disconnect();
  }
}

describe('diffCpu on V8 profiles', () => {
  it('names the function the candidate spends more of its own time in', async () => {
    const base = await profiled(() => formatRows(5_000));
    const candidate = await profiled(() => formatRows(5_000) + checksumRows(100_000));
    expect(base.functions.map((f) => f.name)).toContain('formatRows');
    const diff = diffCpu(base, candidate);
    expect(diff.slower[0]?.name).toBe('checksumRows');
    expect(diff.slower[0]?.file).toBe('test/cpu-diff.test.ts');
    expect(diff.slower[0]?.baseMs).toBe(0);
    expect(diff.candidateMs).toBeGreaterThan(diff.baseMs);
  });

  it('matches a function by name and file when its line moved', () => {
    const side = (line: number, selfMs: number): CpuSummary => ({ calls: 1, totalMs: selfMs, functions: [{ name: 'load', file: 'a.ts', line, selfMs }] });
    const diff = diffCpu(side(10, 1), side(14, 3));
    expect(diff.slower).toEqual([{ name: 'load', file: 'a.ts', line: 14, baseMs: 1, candidateMs: 3 }]);
    expect(diffCpu(side(10, 3), side(14, 1)).slower).toEqual([]);
  });

  it("leaves out growth under 1% of the sampled time: the profiler's grain, not a cause", () => {
    const side = (loopMs: number, glueMs: number): CpuSummary => ({
      calls: 1,
      totalMs: loopMs + glueMs,
      functions: [
        { name: 'loop', file: 'a.ts', line: 1, selfMs: loopMs },
        { name: 'glue', file: 'b.ts', line: 1, selfMs: glueMs },
      ],
    });
    expect(diffCpu(side(10, 0.01), side(20, 0.1)).slower.map((f) => f.name)).toEqual(['loop']);
    expect(diffCpu(side(10, 0.01), side(20, 0.5)).slower.map((f) => f.name)).toEqual(['loop', 'glue']);
  });
});
