export { DEFAULT_HISTORY, HISTORY_ENV, HISTORY_WAIT_ENV, resolveHistoryPath, historyDisabledByEnv, workspaceRoot, pendingDir } from './paths.js';
export { History, waitLimitMs, type HistoryOpenOptions, type TrendFilter, type MachineSummary } from './history.js';
export { appendRun, appendWarning, type AppendOutcome } from './append.js';
export { buildSeries, configOf, type TrendPoint, type ChangePoint, type TrendSeries, type TrendRow } from './trends.js';
export { detectChangePoints, type Shift, type ChangePointOptions } from './change-points.js';
export {
  RUN_RECORD_SCHEMA,
  RUN_RECORD_VERSION,
  type RunKind,
  type RunOutcome,
  type RunRecord,
  type RunRow,
  type ResultRow,
  type SampleBlock,
  type FingerprintRow,
} from './record.js';
export { benchRecord, measuredOutcome, type BenchRunInput, type GateVerdicts } from './from-bench.js';
export { compareRecord, parseComparison, type ComparisonDoc, type ComparisonLike, type CompareRunInput } from './from-comparison.js';
export { fingerprintHash, fingerprintRow, fingerprintOfResults, currentMachine, localFingerprint } from './fingerprint.js';
export { trendsText, machineLine } from './format.js';
export { stageRun, listPending } from './pending.js';
export { HISTORY_SCHEMA, HISTORY_SCHEMA_VERSION, TABLES, type TableName } from './schema.js';
export { checkParquetExport, parquetExportFiles, type ParquetExport, type ParquetImport } from './parquet.js';
export { HistorySchemaError, HistoryBusyError, HistoryMissingError, HistoryImportError, HistoryUsageError } from './errors.js';
export { planImport, type ImportPlan } from './import-files.js';
export { groupShards, mergeShards, shardKey, type ResultsFile, type RunGroup } from './shards.js';
