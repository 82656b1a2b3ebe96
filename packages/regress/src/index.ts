export type { Estimate } from './stats/paired.js';
export type { Verdict } from './stats/decide.js';
export { DEFAULT_THRESHOLD, type ThresholdPolicy } from './gate/threshold.js';
export { comparisonReason, comparisonWhy } from './report/verdict-words.js';
export { baselineProblems, sameMachine, type Baseline, type BaselineEntry, type MachineFingerprint } from './baseline/schema.js';
export { readBaseline, writeBaseline } from './baseline/baseline-file.js';
export { Repository } from './git/repository.js';
export { BaselineError, GitError, ShardMergeError } from './errors.js';
export { mergeShards, readShardFile, type ShardFile } from './ab/merge-shards.js';
export { baselineFromResults, machineOf } from './baseline/from-results.js';
export type { BenchmarkComparison } from './ab/paired-run.js';
export { compare, type CompareOptions, type CompareResult, type ComparisonSettings } from './ab/compare.js';
export { gateOutcome, type GateOutcome } from './ab/outcome.js';
export { comparisonConsole } from './report/comparison-console.js';
export { comparisonMarkdown } from './report/comparison-markdown.js';
export { comparisonJson, benchmarksFromVersion1, COMPARISON_SCHEMA, COMPARISON_VERSION } from './report/comparison-json.js';
export { calibrate, type CalibrateOptions, type CalibrationReport } from './calibrate/calibrate.js';
export { calibrationMarkdown, changesCalibrationMarkdown } from './calibrate/report.js';
export { calibrateChanges, type ChangesCalibrationOptions, type ChangesCalibrationReport } from './calibrate/calibrate-changes.js';
export { gateAgainstBaseline, type BaselineGate, type ConfirmOptions } from './gate/against-baseline.js';
export { baselineGateConsole, baselineGateMarkdown } from './report/baseline-gate.js';
export { DIAGNOSE_NONE, DIAGNOSE_REGRESSIONS, type DiagnoseSelection, type Diagnosis, type SideProfile } from './diagnose/diagnose.js';
export type { PlanDiff, QueryDiff, DiffNode, Contributor } from './diagnose/plan-diff.js';
export type { CpuDiff, FunctionDiff } from './diagnose/cpu-diff.js';
export { contributorText, functionText, sidesText, queryChangeText, javascriptLeads } from './report/diagnosis-words.js';
export {
  DEFAULT_INSTRUCTION_THRESHOLD,
  instructionVerdict,
  instructionRegressions,
  type InstructionComparison,
  type InstructionVerdict,
  type InstructionDecision,
} from './measures/instruction-verdict.js';
export { instructionChange, instructionRows, instructionNotes, INSTRUCTION_HEADER } from './report/instruction-words.js';
