export {
  defineSuite,
  PROFILES,
  type Suite,
  type SuiteDefinition,
  type SuiteContext,
  type BenchmarkFn,
  type BenchmarkSpec,
  type Params,
  type ParamValue,
  type Profile,
} from './suite.js';
export type { BenchmarkInfo } from './expand.js';
export { runBenchmarks, listSuites, type RunOptions, type ProgressEvent } from './runner.js';
export { BenchWorker, workerScript, type WorkerOptions } from './worker/client.js';
export type { RunSampling, RunMeasurement, ListedSuite, OpenedSuite, SetupShare, SetupReport, BenchmarkProfile } from './worker/protocol.js';
export { summarizeCpuProfile, type CpuSummary, type CpuFunction, type V8CpuProfile } from './worker/cpu-profile.js';
export { SAMPLING, DEFAULT_SETTINGS } from './profiles.js';
export { parseShard, compileFilter, shardGroups, type Shard } from './select.js';
export { mean, variance, median, quantile, madNormal, extent } from './statistics.js';
export type { SampleStats } from './statistics.js';
export type { Warning } from './warnings.js';
export { fingerprint, type Fingerprint } from './fingerprint.js';
export { parseResults, RESULTS_SCHEMA, type BenchResults, type BenchmarkResult, type SuiteResult, type ProcessMeasurement } from './results.js';
export { discoverSuites, checkSuiteFiles, SKIPPED_FOLDERS } from './discover.js';
export { findBaseline, BASELINE_FILE } from './baseline.js';
export { reporters, consoleReport, jsonReport, markdownReport, bmfReport, gabReport } from './reporters/index.js';
export { progressPrinter, clearProgress } from './progress.js';
export { textTable } from './table.js';
export { BenchUsageError, ResultsFormatError, WorkerFailure, isSuiteSkipped } from './errors.js';
export { SLOWDOWN_ENV } from './worker/slowdown.js';
export { truthScript, type TruthSpec, type TruthRun } from './truth/protocol.js';
export {
  COUNTED_ITERATIONS,
  COUNTING_ENV,
  COUNTING_SETTINGS,
  INSTRUCTIONS_CAVEAT,
  MARKER_FUNCTION,
  callgrindLaunch,
  dumpTotals,
  isCountedFunction,
  type CallgrindSetup,
} from './instructions/callgrind.js';
export { countSuite, isCounted, CALLGRIND_SLOWDOWN, type InstructionResult, type CountSuiteOptions } from './instructions/count-suite.js';
export type { InstructionCount } from './instructions/count.js';
