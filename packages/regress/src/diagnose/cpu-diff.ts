/** Compares two sides' V8 CPU profiles by each function's own time per call. Pure. */
import type { CpuSummary } from '@frozen-duckdb/bench';

export interface FunctionDiff {
  name: string;
  file: string;
  /** The candidate's line (the base's when only the base has the function). */
  line: number;
  /** Self time per call, ms; 0 where a side's summary does not list the function. */
  baseMs: number;
  candidateMs: number;
}

export interface CpuDiff {
  /** Sampled JavaScript time per call, ms. */
  baseMs: number;
  candidateMs: number;
  /** The functions whose self time grew the most, most first (at most `count`). */
  slower: FunctionDiff[];
}

/** A function is the same on both sides by name and file; lines move when code is edited above it. */
const key = (f: { name: string; file: string }) => `${f.name}\u0000${f.file}`;

/** A function is listed when its own time grew by more than this share of a side's sampled time. */
export const MIN_SHARE = 0.01;

export function diffCpu(base: CpuSummary, candidate: CpuSummary, count = 5): CpuDiff {
  const functions = new Map<string, FunctionDiff>();
  for (const f of base.functions) {
    const entry = functions.get(key(f)) ?? { name: f.name, file: f.file, line: f.line, baseMs: 0, candidateMs: 0 };
    entry.baseMs += f.selfMs;
    functions.set(key(f), entry);
  }
  for (const f of candidate.functions) {
    const entry = functions.get(key(f)) ?? { name: f.name, file: f.file, line: f.line, baseMs: 0, candidateMs: 0 };
    entry.candidateMs += f.selfMs;
    entry.line = f.line;
    functions.set(key(f), entry);
  }
  // Growth under 1% of the sampled time is the profiler's grain (the worker's own frames, a stray sample).
  const floor = MIN_SHARE * Math.max(base.totalMs, candidate.totalMs);
  const slower = [...functions.values()]
    .filter((f) => f.candidateMs - f.baseMs > floor)
    .sort((a, b) => b.candidateMs - b.baseMs - (a.candidateMs - a.baseMs))
    .slice(0, count);
  return { baseMs: base.totalMs, candidateMs: candidate.totalMs, slower };
}
