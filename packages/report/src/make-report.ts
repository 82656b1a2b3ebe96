import { existsSync } from 'node:fs';
import type { ComparisonDocument } from './comparison-document.js';
import { ReportUsageError } from './errors.js';
import { loadTrends } from './load-trends.js';
import { renderReport } from './page.js';
import { readComparison } from './read-comparison.js';
import type { TrendSeries } from './trend-series.js';

export interface MakeReportOptions {
  /** The history database; `required` when the user named it (else it is drawn only if it exists). */
  history?: { path: string; required: boolean };
  /** A `frozen-duckdb compare --json` file. */
  comparison?: string;
  /** Only benchmarks whose suite/name matches. */
  benchmark?: RegExp;
  now?: Date;
}

export interface MadeReport {
  html: string;
  comparison?: { path: string; outcome: ComparisonDocument['outcome']; benchmarks: number };
  trends?: { path: string; series: number; points: number };
  warnings: string[];
}

/** Gathers the inputs (comparison file, history database), checks them, and renders the page. */
export async function makeReport(options: MakeReportOptions): Promise<MadeReport> {
  const { benchmark } = options;
  // The comparison is checked first: a bad file fails before the database is opened.
  const document = options.comparison === undefined ? undefined : await readComparison(options.comparison);
  const historyPath = options.history && (options.history.required || existsSync(options.history.path)) ? options.history.path : undefined;
  if (!document && historyPath === undefined) {
    throw new ReportUsageError(
      `nothing to report: no --comparison file, and no history database${options.history ? ` at ${options.history.path}` : ''}`,
      'pass --comparison FILE (written by `frozen-duckdb compare --base REF --json FILE`) and/or --history PATH (written by bench, compare and baseline record)',
    );
  }
  const loaded = historyPath === undefined ? undefined : await loadTrends(historyPath);
  const series: TrendSeries[] | undefined = loaded && (benchmark ? loaded.series.filter((s) => benchmark.test(s.benchmarkId)) : loaded.series);
  if (benchmark) {
    const ids = new Set([...(loaded?.series ?? []).map((s) => s.benchmarkId), ...(document?.benchmarks ?? []).map((b) => b.id)]);
    const matched = [...ids].filter((id) => benchmark.test(id));
    if (ids.size && !matched.length) {
      const some = [...ids].sort().slice(0, 8).join(', ');
      throw new ReportUsageError(
        `--benchmark ${benchmark.source} matches none of the ${ids.size} benchmarks in the report's inputs`,
        `the ids look like suite/name: ${some}${ids.size > 8 ? `, and ${ids.size - 8} more` : ''}`,
      );
    }
  }
  const html = renderReport({
    generatedAt: (options.now ?? new Date()).toISOString(),
    ...(document && options.comparison !== undefined
      ? { comparison: { source: options.comparison, document, ...(benchmark ? { filter: benchmark } : {}) } }
      : {}),
    ...(series && historyPath !== undefined ? { trends: { source: historyPath, series, ...(benchmark ? { filter: benchmark.source } : {}) } } : {}),
  });
  const shown = document ? (benchmark ? document.benchmarks.filter((b) => benchmark.test(b.id)).length : document.benchmarks.length) : 0;
  return {
    html,
    ...(document && options.comparison !== undefined ? { comparison: { path: options.comparison, outcome: document.outcome, benchmarks: shown } } : {}),
    ...(series && historyPath !== undefined
      ? { trends: { path: historyPath, series: series.length, points: series.reduce((n, s) => n + s.points.length, 0) } }
      : {}),
    warnings: loaded?.warnings ?? [],
  };
}
