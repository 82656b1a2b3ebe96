export { renderReport, type ReportInput } from './page.js';
export { comparisonSection, type ComparisonInput } from './comparison-section.js';
export { trendSection, type TrendInput } from './trend-section.js';
export {
  comparisonProblems,
  filterComparison,
  type ComparisonDocument,
  type ComparedBenchmark,
  type ComparisonEstimate,
  type Round,
} from './comparison-document.js';
export type { TrendSeries, TrendPoint, ChangePoint, RunKind } from './trend-series.js';
export { readComparison } from './read-comparison.js';
export { writeReport } from './write-report.js';
export { escapeHtml, html, raw, Html } from './html.js';
export { makeReport, type MakeReportOptions, type MadeReport } from './make-report.js';
export { loadTrends, type LoadedTrends } from './load-trends.js';
export { ReportInputError, ReportUsageError } from './errors.js';
