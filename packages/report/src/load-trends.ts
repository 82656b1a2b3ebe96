import { existsSync, statSync } from 'node:fs';
import { History } from '@frozen-duckdb/history';
import { ReportInputError } from './errors.js';
import type { TrendSeries } from './trend-series.js';

export interface LoadedTrends {
  series: TrendSeries[];
  /** What the history said on opening (staged runs it could not merge). */
  warnings: string[];
}

/** Every trend series in a history database, opened read-only; a missing file is named with the fix. */
export async function loadTrends(path: string): Promise<LoadedTrends> {
  if (!existsSync(path) || statSync(path).isDirectory()) {
    throw new ReportInputError(
      path,
      `history database ${path} does not exist`,
      'run `frozen-duckdb bench` (or compare, baseline record) to record runs there, pass --history with the path of an existing one, or draw only a comparison with --comparison FILE',
    );
  }
  const history = await History.open(path, { readOnly: true });
  try {
    return { series: await history.trends(), warnings: history.warnings };
  } finally {
    await history.close();
  }
}
