import {
  benchmarksFromVersion1,
  COMPARISON_SCHEMA,
  COMPARISON_VERSION,
  DEFAULT_THRESHOLD,
  type BenchmarkComparison,
  type Diagnosis,
  type InstructionComparison,
  type InstructionDecision,
  type Verdict,
} from '@frozen-duckdb/regress';

/** What `compare` concluded for one benchmark, as regress defines it. */
export type ComparedStatus = BenchmarkComparison['status'];

/** One round: the benchmark timed on each side back to back, milliseconds per iteration. */
export interface Round {
  base: number;
  candidate: number;
}

/** candidate / base with its interval; JSON turns an infinite bound into null. */
export interface ComparisonEstimate {
  ratio: number;
  low: number | null;
  high: number | null;
  confidence: number;
  blocks: number;
  rounds: number;
}

export interface ComparedBenchmark {
  id: string;
  threshold: number;
  status: ComparedStatus;
  /** How the estimate was judged (version 2); absent for errors, skipped suites and version 1 files. */
  verdict?: Verdict | undefined;
  /** An error, a skip reason, or a version 1 file's verdict sentence. */
  message?: string | undefined;
  estimate?: ComparisonEstimate;
  baseMs?: number;
  candidateMs?: number;
  iterationsPerBatch?: number;
  /** One array of rounds per pair of fresh processes. */
  blocks: readonly (readonly Round[])[];
}

/** What the report reads of `frozen-duckdb compare --json` (schema frozen-duckdb/comparison; version 1 files are upgraded). */
export interface ComparisonDocument {
  schema: string;
  version: number;
  outcome: 'pass' | 'fail' | 'inconclusive';
  summary: string;
  benchmarks: ComparedBenchmark[];
  suite?: { estimate: ComparisonEstimate; verdict: { decision: string; threshold?: number } };
  blocks: number;
  elapsedMs: number;
  budgetMs: number;
  exhausted: boolean;
  baseCommit: string;
  candidateCommit: string;
  candidateDirty: boolean;
  added: { id: string }[];
  removed: { id: string }[];
  /** Why benchmarks got slower (profiles of both sides, diffed); absent in files written before it existed. */
  diagnoses?: Diagnosis[];
  /** Instruction counts of both sides and their own verdicts (`--measure instructions`); absent otherwise. */
  instructions?: InstructionComparison;
}

// Every status `compare` writes. Keyed by regress's own type, so a status added there does not
// compile here until it is listed (a suite that skips itself gave 'skipped', which this refused).
const STATUS_NAMES: Record<ComparedStatus, true> = { ok: true, faster: true, regressed: true, inconclusive: true, error: true, skipped: true };
const STATUSES = new Set(Object.keys(STATUS_NAMES));
const OUTCOMES = new Set(['pass', 'fail', 'inconclusive']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
// A round's time per iteration: zero or negative is no measurement, and the chart's log ratios need it positive.
const isTime = (v: unknown): v is number => isNumber(v) && v > 0;

/** The problems with a parsed value, empty when the report can draw it. */
export function comparisonProblems(value: unknown): string[] {
  if (!isObject(value)) return ['it is not a JSON object'];
  if (value.schema === undefined) return [`it has no "schema" field (a comparison's is "${COMPARISON_SCHEMA}")`];
  if (value.schema !== COMPARISON_SCHEMA) return [`its schema is ${JSON.stringify(value.schema)}, not "${COMPARISON_SCHEMA}"`];
  if (value.version !== 1 && value.version !== COMPARISON_VERSION) {
    return [`its version ${JSON.stringify(value.version)} is not supported (this report reads 1 and ${COMPARISON_VERSION})`];
  }
  const problems: string[] = [];
  if (!OUTCOMES.has(value.outcome as string)) problems.push('outcome is missing');
  for (const field of ['baseCommit', 'candidateCommit', 'summary']) {
    if (typeof value[field] !== 'string') problems.push(`${field} is missing`);
  }
  for (const field of ['blocks', 'elapsedMs']) {
    if (!isNumber(value[field])) problems.push(`${field} is not a number`);
  }
  for (const field of ['added', 'removed']) {
    if (!Array.isArray(value[field]) || !(value[field] as unknown[]).every((b) => isObject(b) && typeof b.id === 'string')) {
      problems.push(`${field} is not a list of benchmarks`);
    }
  }
  if (value.diagnoses !== undefined && !(Array.isArray(value.diagnoses) && value.diagnoses.every((d) => isObject(d) && typeof d.id === 'string'))) {
    problems.push('diagnoses is not a list of benchmark diagnoses');
  }
  if (value.instructions !== undefined) problems.push(...instructionProblems(value.instructions));
  if (!Array.isArray(value.benchmarks)) return [...problems, 'benchmarks is not a list'];
  value.benchmarks.forEach((b: unknown, i: number) => {
    const where = `benchmarks[${i}]`;
    if (!isObject(b) || typeof b.id !== 'string') return problems.push(`${where} has no id`);
    if (!STATUSES.has(b.status as string)) problems.push(`${where} (${b.id}) has an unknown status ${JSON.stringify(b.status)}`);
    if (!isNumber(b.threshold)) problems.push(`${where} (${b.id}) has no threshold`);
    if (b.estimate !== undefined && !(isObject(b.estimate) && isNumber(b.estimate.ratio))) problems.push(`${where} (${b.id}) has an estimate without a ratio`);
    const roundsOk =
      Array.isArray(b.blocks) && b.blocks.every((block) => Array.isArray(block) && block.every((r) => isObject(r) && isTime(r.base) && isTime(r.candidate)));
    if (!roundsOk) problems.push(`${where} (${b.id}) has blocks that are not lists of {base, candidate} rounds with positive times`);
    return undefined;
  });
  return problems;
}

// Keyed by regress's type, like STATUS_NAMES: a decision added there does not compile here until listed.
const INSTRUCTION_DECISION_NAMES: Record<InstructionDecision, true> = { ok: true, regressed: true, fewer: true, uncounted: true, error: true };
const INSTRUCTION_DECISIONS = new Set(Object.keys(INSTRUCTION_DECISION_NAMES));

/** The problems with a comparison's instruction section (`--measure instructions`). */
function instructionProblems(value: unknown): string[] {
  if (!isObject(value) || !isNumber(value.threshold) || !isNumber(value.iterations) || !Array.isArray(value.verdicts)) {
    return ['instructions is not {threshold, iterations, verdicts}'];
  }
  const count = (v: unknown) => v === undefined || isTime(v);
  return value.verdicts.flatMap((v: unknown, i: number) =>
    isObject(v) &&
    typeof v.id === 'string' &&
    INSTRUCTION_DECISIONS.has(v.decision as string) &&
    count(v.base) &&
    count(v.candidate) &&
    (v.ratio === undefined || isNumber(v.ratio))
      ? []
      : [`instructions.verdicts[${i}] is not a benchmark's instruction verdict (id, decision, counts)`],
  );
}

/** The document with only the benchmarks whose id matches (added and removed ones too). */
export function filterComparison(document: ComparisonDocument, pattern: RegExp): ComparisonDocument {
  const keep = (b: { id: string }) => pattern.test(b.id);
  return {
    ...document,
    benchmarks: document.benchmarks.filter(keep),
    added: document.added.filter(keep),
    removed: document.removed.filter(keep),
    ...(document.instructions ? { instructions: { ...document.instructions, verdicts: document.instructions.verdicts.filter(keep) } } : {}),
  };
}

/** A checked document as the current version: a version 1 file's verdict sentences become messages. */
export function upgradeComparison(document: ComparisonDocument): ComparisonDocument {
  if (document.version === COMPARISON_VERSION) return document;
  return {
    ...document,
    version: COMPARISON_VERSION,
    benchmarks: benchmarksFromVersion1(document.benchmarks as (ComparedBenchmark & { reason?: unknown })[]) as ComparedBenchmark[],
  };
}

/**
 * The threshold the suite's mean was judged against: its verdict carries it (version 2); a
 * version 1 file did not record it, so the benchmarks' most common one stands in.
 */
export function suiteThreshold(document: ComparisonDocument): number {
  if (document.suite?.verdict.threshold !== undefined) return document.suite.verdict.threshold;
  const counts = new Map<number, number>();
  for (const b of document.benchmarks) counts.set(b.threshold, (counts.get(b.threshold) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? DEFAULT_THRESHOLD;
}
