/**
 * The diagnosis of a comparison: each chosen benchmark is run once more on each side, in a
 * fresh worker of that side's own build, under DuckDB's and V8's profilers, and the two
 * profiles are diffed. Effects here (worker processes); the diffs are pure (plan-diff, cpu-diff).
 */
import type { BenchmarkProfile, Profile } from '@frozen-duckdb/bench';
import { WorkerPair, type BenchmarkComparison, type SideSpec } from '../ab/paired-run.js';
import { diffCpu, type CpuDiff } from './cpu-diff.js';
import { diffPlans, type PlanDiff } from './plan-diff.js';

/** Which benchmarks get a diagnosis: the confirmed regressions (unless `regressed` is false) and these. */
export interface DiagnoseSelection {
  regressed: boolean;
  ids: 'all' | readonly string[];
}

export const DIAGNOSE_REGRESSIONS: DiagnoseSelection = { regressed: true, ids: [] };
export const DIAGNOSE_NONE: DiagnoseSelection = { regressed: false, ids: [] };

/** One side's profiled call. */
export interface SideProfile {
  /** Wall time of the call under DuckDB's profiler, ms. */
  wallMs: number;
  /** DuckDB's latency summed over the statements the call ran, ms. */
  duckdbMs: number;
  statements: number;
  /** Statements whose profile could not be read. */
  missed: number;
}

export interface Diagnosis {
  id: string;
  /** `regressed`: diagnosed because the gate confirmed it; `requested`: named with --diagnose. */
  reason: 'regressed' | 'requested';
  /** Why there is no diagnosis (a side could not profile, the benchmark failed). */
  error?: string;
  base?: SideProfile;
  candidate?: SideProfile;
  plan?: PlanDiff;
  cpu?: CpuDiff;
  /** DuckDB's profiled time is under half of the call on a side: the JavaScript profile says more. */
  javascript?: boolean;
}

/** Below this share of a call spent in DuckDB's statements, the benchmark's time is mostly JavaScript. */
export const JAVASCRIPT_BOUND = 0.5;

export interface DiagnoseOptions {
  base: SideSpec;
  candidate: SideSpec;
  profile: Profile;
  settings: Record<string, string>;
  timeoutMs: number;
  /** How long each side runs under the CPU profiler, ms. */
  cpuMs?: number;
  onProgress?: (message: string) => void;
}

/** A benchmark to diagnose: where it lives and why. */
export interface DiagnoseTarget {
  id: string;
  /** Suite file relative to each side's project folder; undefined when the benchmark was not compared. */
  file: string | undefined;
  name: string;
  reason: Diagnosis['reason'];
}

/** The benchmarks a selection picks from a comparison's, confirmed regressions first. */
export function diagnoseTargets(
  compared: readonly Pick<BenchmarkComparison, 'id' | 'name' | 'status'>[],
  fileOf: (id: string) => string | undefined,
  selection: DiagnoseSelection,
): DiagnoseTarget[] {
  const targets: DiagnoseTarget[] = [];
  const chosen = new Set<string>();
  const add = (id: string, name: string, reason: Diagnosis['reason']) => {
    if (chosen.has(id)) return;
    chosen.add(id);
    targets.push({ id, file: fileOf(id), name, reason });
  };
  if (selection.regressed) for (const b of compared) if (b.status === 'regressed') add(b.id, b.name, 'regressed');
  const requested = selection.ids === 'all' ? compared.map((b) => b.id) : selection.ids;
  for (const id of requested) {
    const b = compared.find((c) => c.id === id);
    add(id, b?.name ?? id, 'requested');
  }
  return targets;
}

function sideProfile(profile: BenchmarkProfile): SideProfile {
  return {
    wallMs: profile.wallMs,
    duckdbMs: profile.queries.reduce((sum, q) => sum + q.profile.latency * 1000, 0),
    statements: profile.queries.reduce((sum, q) => sum + q.runs, 0),
    missed: profile.missed,
  };
}

/** The diagnosis of one benchmark from its two profiles. */
export function diagnosisOf(target: Pick<DiagnoseTarget, 'id' | 'reason'>, base: BenchmarkProfile, candidate: BenchmarkProfile): Diagnosis {
  const sides = { base: sideProfile(base), candidate: sideProfile(candidate) };
  const share = (s: SideProfile) => (s.wallMs > 0 ? s.duckdbMs / s.wallMs : 0);
  return {
    id: target.id,
    reason: target.reason,
    ...sides,
    plan: diffPlans(base.queries, candidate.queries),
    cpu: diffCpu(base.cpu, candidate.cpu),
    javascript: Math.min(share(sides.base), share(sides.candidate)) < JAVASCRIPT_BOUND,
  };
}

/** Profiles each target on both sides (one pair of fresh workers per suite) and diffs the profiles. */
export async function diagnose(targets: readonly DiagnoseTarget[], options: DiagnoseOptions): Promise<Diagnosis[]> {
  const progress = options.onProgress ?? (() => undefined);
  const out = new Map<string, Diagnosis>();
  for (const t of targets)
    if (!t.file) out.set(t.id, { id: t.id, reason: t.reason, error: 'not compared side by side: only a benchmark measured on both sides can be diagnosed' });
  const files = [...new Set(targets.flatMap((t) => (t.file ? [t.file] : [])))];
  for (const file of files) {
    const here = targets.filter((t) => t.file === file);
    progress(`diagnosing ${here.map((t) => t.id).join(', ')}: profiling each side once more`);
    const pair = new WorkerPair(options, true);
    const { base, candidate } = pair.get();
    try {
      const opened = await Promise.allSettled([
        base.open(`${options.base.projectDir}/${file}`, options.profile, options.settings, options.timeoutMs),
        candidate.open(`${options.candidate.projectDir}/${file}`, options.profile, options.settings, options.timeoutMs),
      ]);
      const problem = opened
        .map((o, i) => {
          const side = i === 0 ? 'base' : 'candidate';
          if (o.status === 'rejected') return `the ${side} could not set up ${file}: ${(o.reason as Error).message.split('\n')[0]}`;
          return o.value.profiles ? undefined : `the ${side}'s bench worker predates profiling (its build is older than this diagnosis)`;
        })
        .find(Boolean);
      for (const t of here) {
        if (problem) {
          out.set(t.id, { id: t.id, reason: t.reason, error: problem });
          continue;
        }
        try {
          const cpuMs = options.cpuMs ?? 300;
          const baseProfile = await base.profile(t.name, cpuMs, options.timeoutMs);
          const candidateProfile = await candidate.profile(t.name, cpuMs, options.timeoutMs);
          out.set(t.id, diagnosisOf(t, baseProfile, candidateProfile));
        } catch (error) {
          out.set(t.id, { id: t.id, reason: t.reason, error: `profiling failed: ${(error as Error).message.split('\n')[0]}` });
          if (!base.alive || !candidate.alive) break;
        }
      }
    } finally {
      await pair.end();
    }
    for (const t of here) out.set(t.id, out.get(t.id) ?? { id: t.id, reason: t.reason, error: 'not profiled: a worker died before its turn' });
  }
  return targets.map((t) => out.get(t.id) as Diagnosis);
}
