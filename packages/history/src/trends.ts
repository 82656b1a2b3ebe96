import { detectChangePoints, type ChangePointOptions } from './change-points.js';
import type { RunKind } from './record.js';

export interface TrendPoint {
  runId: string;
  kind: RunKind;
  commit: string;
  createdAt: string;
  medianMs: number;
  dirty: boolean;
  p25Ms: number | null;
  p75Ms: number | null;
  /** medianMs over the previous point's, minus 1 (0.05 = 5% slower); null for the first. */
  change: number | null;
}

export interface ChangePoint {
  /** Index in `points` of the first run at the new level. */
  index: number;
  /** That run's commit: the shift came in at or before it (after the previous point's). */
  commit: string;
  /** The commit of the last run at the old level. */
  previousCommit: string;
  createdAt: string;
  /** Median of the medians before and after, ms. */
  before: number;
  after: number;
  ratio: number;
  pValue: number;
}

export interface TrendSeries {
  benchmarkId: string;
  /** Machine fingerprint hash: absolute times only compare on one machine. */
  fingerprint: string;
  profile: string;
  /** The DuckDB settings the runs pinned (threads, memory_limit), as `k=v` text. */
  config: string;
  points: TrendPoint[];
  changePoints: ChangePoint[];
}

/** One row of the trend query: a benchmark's median in one run. */
export interface TrendRow {
  runId: string;
  kind: RunKind;
  commit: string | null;
  dirty: boolean | null;
  createdAt: string;
  fingerprint: string;
  profile: string | null;
  settings: string | null;
  benchmark: string;
  medianMs: number;
  p25Ms: number | null;
  p75Ms: number | null;
}

// Settings that do not change a timing: not part of a series' identity.
const IGNORED_SETTINGS = new Set(['autoinstall_known_extensions', 'temp_directory']);

/** `memory_limit=4GB threads=2` from a run's settings JSON: runs with other settings are other series. */
export function configOf(settings: string | null): string {
  if (!settings) return '';
  try {
    const duckdb = (JSON.parse(settings) as { duckdb?: Record<string, unknown> }).duckdb;
    if (!duckdb || typeof duckdb !== 'object') return '';
    return Object.entries(duckdb)
      .filter(([k]) => !IGNORED_SETTINGS.has(k))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ');
  } catch {
    return '';
  }
}

/**
 * Groups rows (in run order) into one series per benchmark, machine, profile and settings, with
 * each point's change against the previous and the change points over the whole series.
 */
export function buildSeries(rows: readonly TrendRow[], options: ChangePointOptions & { limit?: number } = {}): TrendSeries[] {
  const groups = new Map<string, TrendSeries>();
  for (const row of rows) {
    const profile = row.profile ?? '';
    const config = configOf(row.settings);
    const key = JSON.stringify([row.benchmark, row.fingerprint, profile, config]);
    let series = groups.get(key);
    if (!series) {
      series = { benchmarkId: row.benchmark, fingerprint: row.fingerprint, profile, config, points: [], changePoints: [] };
      groups.set(key, series);
    }
    series.points.push({
      runId: row.runId,
      kind: row.kind,
      commit: row.commit ?? 'unknown',
      createdAt: row.createdAt,
      medianMs: row.medianMs,
      dirty: row.dirty ?? false,
      p25Ms: row.p25Ms,
      p75Ms: row.p75Ms,
      change: null,
    });
  }
  const out = [...groups.values()];
  for (const series of out) {
    if (options.limit !== undefined && series.points.length > options.limit) series.points = series.points.slice(-options.limit);
    series.points.forEach((p, i) => {
      const previous = series.points[i - 1];
      p.change = previous && previous.medianMs > 0 ? p.medianMs / previous.medianMs - 1 : null;
    });
    series.changePoints = detectChangePoints(
      series.points.map((p) => p.medianMs),
      options,
    ).map((s) => {
      const point = series.points[s.index] as TrendPoint;
      return {
        index: s.index,
        commit: point.commit,
        previousCommit: (series.points[s.index - 1] as TrendPoint).commit,
        createdAt: point.createdAt,
        before: s.before,
        after: s.after,
        ratio: s.ratio,
        pValue: s.pValue,
      };
    });
  }
  return out.sort(
    (a, b) =>
      a.benchmarkId.localeCompare(b.benchmarkId) ||
      a.fingerprint.localeCompare(b.fingerprint) ||
      a.profile.localeCompare(b.profile) ||
      a.config.localeCompare(b.config),
  );
}
