export { mean, median, quantile, variance, mad, geometricMean, relativeSpread } from './stats/summary.js';
export { studentTCdf, studentTQuantile } from './stats/student-t.js';
export { pairedEstimate, combineEstimates, logRatios, blockLogRatio, type PairedRound, type Block, type Estimate } from './stats/paired.js';
export { decide, gateRule, describeEstimate, type GateRule, type Decision, type Verdict } from './stats/decide.js';
export {
  BASELINE_SCHEMA,
  BASELINE_VERSION,
  baselineProblems,
  sameMachine,
  type Baseline,
  type BaselineEntry,
  type MachineFingerprint,
} from './baseline/schema.js';
export { BASELINE_FILE, readBaseline, writeBaseline } from './baseline/baseline-file.js';
export { Repository, type Worktree } from './git/repository.js';
export { BaselineError, GitError } from './errors.js';
export { baselineFromResults, machineOf } from './baseline/from-results.js';
export { screen, type Screening, type ScreenedBenchmark, type ScreenStatus } from './baseline/screen.js';
export { runPaired, type PairedOptions, type PairedResult, type PairedSuite, type SideSpec, type BenchmarkComparison } from './ab/paired-run.js';
export { compare, prepareBase, type CompareOptions, type CompareResult, type PreparedBase } from './ab/compare.js';
export { prepareTree, workerScriptFor, BaseBuildError, type PreparedTree } from './ab/prepare-base.js';
export { gateOutcome, type GateOutcome } from './ab/outcome.js';
export { comparisonConsole } from './report/comparison-console.js';
export { comparisonMarkdown } from './report/comparison-markdown.js';
export { comparisonJson, COMPARISON_SCHEMA } from './report/comparison-json.js';
export { calibrate, type CalibrateOptions, type CalibrationReport } from './calibrate/calibrate.js';
export { summarizeCalibration, type CalibrationTrial, type BenchmarkCalibration, type LevelSummary } from './calibrate/summarize.js';
export { calibrationMarkdown } from './calibrate/report.js';
export { gateAgainstBaseline, type BaselineGate, type GateRow, type FinalStatus, type ConfirmOptions } from './gate/against-baseline.js';
export { baselineGateConsole, baselineGateMarkdown } from './report/baseline-gate.js';
