// What the report reads of @frozen-duckdb/history's trends (the SESSION2 interface); history's own
// TrendSeries has these fields and more, and a test holds the two together.
export type RunKind = 'bench' | 'compare' | 'record';

export interface TrendPoint {
  runId: string;
  kind: RunKind;
  commit: string;
  createdAt: string;
  medianMs: number;
  /** Measured with uncommitted changes. */
  dirty?: boolean;
  /** The run's quartiles, ms, when it kept its samples. */
  p25Ms?: number | null;
  p75Ms?: number | null;
}

export interface ChangePoint {
  /** Index in `points` of the first run at the new level. */
  index: number;
  commit: string;
  before: number;
  after: number;
  ratio: number;
}

export interface TrendSeries {
  benchmarkId: string;
  fingerprint: string;
  /** Data profile (quick, full) and pinned DuckDB settings: runs with others are other series. */
  profile?: string;
  config?: string;
  points: TrendPoint[];
  changePoints: ChangePoint[];
}
