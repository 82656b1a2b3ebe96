import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The parts of a V8 CPU profile (`Profiler.stop`, `--cpu-prof`) that self times are read from. */
export interface V8CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

/** One function's own CPU time (not its callees'), per call of the benchmark. */
export interface CpuFunction {
  /** `(anonymous)` for an unnamed function; V8's own entries keep their names: `(garbage collector)`, `(program)`. */
  name: string;
  /** Relative to the project folder for its files, the URL otherwise (`node:internal/...`), '' for V8's own entries. */
  file: string;
  /** 1-based. */
  line: number;
  selfMs: number;
}

/** Where a benchmark's JavaScript time went, per call. */
export interface CpuSummary {
  calls: number;
  /** Sampled time per call, ms (idle excluded). */
  totalMs: number;
  /** The functions with the most self time, most first. */
  functions: CpuFunction[];
}

/** Functions a summary keeps: enough to diff the top ten of two sides that rank them differently. */
export const CPU_FUNCTIONS_KEPT = 40;

function fileOf(url: string, projectDir: string): string {
  if (!url.startsWith('file://')) return url;
  const path = fileURLToPath(url);
  const inside = relative(projectDir, path);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}

/**
 * Self time per function over `calls` calls of a benchmark, from a V8 CPU profile: each node's
 * share of the samples times the profile's span, summed over the nodes of one function.
 */
export function summarizeCpuProfile(profile: V8CpuProfile, calls: number, projectDir: string): CpuSummary {
  const spanMs = (profile.endTime - profile.startTime) / 1000;
  const counted = profile.nodes.filter((n) => n.callFrame.functionName !== '(idle)' && n.callFrame.functionName !== '(root)');
  const allHits = profile.nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0);
  const msPerHit = allHits > 0 ? spanMs / allHits / Math.max(calls, 1) : 0;
  const byFunction = new Map<string, CpuFunction>();
  for (const node of counted) {
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || '(anonymous)';
    const file = fileOf(url, projectDir);
    const key = `${name}\u0000${file}\u0000${lineNumber}`;
    const entry = byFunction.get(key) ?? { name, file, line: lineNumber + 1, selfMs: 0 };
    entry.selfMs += (node.hitCount ?? 0) * msPerHit;
    byFunction.set(key, entry);
  }
  const functions = [...byFunction.values()].filter((f) => f.selfMs > 0).sort((a, b) => b.selfMs - a.selfMs);
  return {
    calls,
    totalMs: functions.reduce((sum, f) => sum + f.selfMs, 0),
    functions: functions.slice(0, CPU_FUNCTIONS_KEPT),
  };
}
