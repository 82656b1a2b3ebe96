// What the report reads of @frozen-duckdb/history's trends: the same fields, derived from history's
// own types so the two cannot drift. Quartiles, `dirty`, profile and config may be absent in trend
// data written by older runs, so the report treats them as optional.
import type { ChangePoint as HistoryChangePoint, TrendPoint as HistoryPoint, TrendSeries as HistorySeries } from '@frozen-duckdb/history';

export type RunKind = HistoryPoint['kind'];

export type TrendPoint = Pick<HistoryPoint, 'runId' | 'kind' | 'commit' | 'createdAt' | 'medianMs'> & Partial<Pick<HistoryPoint, 'dirty' | 'p25Ms' | 'p75Ms'>>;

export type ChangePoint = Pick<HistoryChangePoint, 'index' | 'commit' | 'before' | 'after' | 'ratio'>;

export type TrendSeries = Pick<HistorySeries, 'benchmarkId' | 'fingerprint'> &
  Partial<Pick<HistorySeries, 'profile' | 'config'>> & {
    points: TrendPoint[];
    changePoints: ChangePoint[];
  };
