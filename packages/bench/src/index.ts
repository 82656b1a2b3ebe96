export { defineSuite, isSuite, PROFILES, type Suite, type SuiteDefinition, type SuiteContext, type BenchmarkFn, type BenchmarkSpec, type Params, type ParamValue, type Profile } from './suite.js';
export { expandSuite, combinations, expandedName, type BenchmarkInfo } from './expand.js';
export { runBenchmarks, listSuites, selectBenchmarks, markVsBest, type RunOptions, type ProgressEvent } from './runner.js';
export { BenchWorker, workerScript, type WorkerOptions } from './worker/client.js';
export type { RunSampling, RunMeasurement, ListedSuite, OpenedSuite } from './worker/protocol.js';
export { SAMPLING, DEFAULT_SETTINGS, type Sampling } from './profiles.js';
export { parseShard, compileFilter, shardSlice, type Shard } from './select.js';
export {
  summarize,
  mean,
  variance,
  median,
  quantile,
  quantileSorted,
  mad,
  madNormal,
  geometricMean,
  relativeSpread,
  spreadRatio,
  bimodalityCoefficient,
  type SampleStats,
} from './statistics.js';
export { warningsFor, WARNING_TEXT, type Warning } from './warnings.js';
export { fingerprint, gitState, type Fingerprint } from './fingerprint.js';
export { parseResults, RESULTS_SCHEMA, RESULTS_VERSION, type BenchResults, type BenchmarkResult, type SuiteResult, type ProcessMeasurement } from './results.js';
export { discoverSuites } from './discover.js';
export { findBaseline, BASELINE_FILE } from './baseline.js';
export { reporters, consoleReport, jsonReport, markdownReport, bmfReport, gabReport, type Reporter } from './reporters/index.js';
export { progressPrinter, clearProgress } from './progress.js';
export { writeFileAtomic, checkOutputFile, OutputFileError } from './write-file.js';
export { textTable, type TableOptions, type Align } from './table.js';
export { BenchUsageError, SuiteLoadError, ResultsFormatError, WorkerFailure, SuiteSkipped, isSuiteSkipped, type FailureKind } from './errors.js';
export { SLOWDOWN_ENV } from './worker/slowdown.js';
