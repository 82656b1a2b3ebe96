import { createHash, randomUUID } from 'node:crypto';
import { benchmarksFromVersion1, COMPARISON_SCHEMA, COMPARISON_VERSION, comparisonReason, type CompareResult } from '@frozen-duckdb/regress';
import { HistoryImportError } from './errors.js';
import {
  emptyResult,
  RUN_RECORD_SCHEMA,
  RUN_RECORD_VERSION,
  type FingerprintRow,
  type ResultRow,
  type RunOutcome,
  type RunRecord,
  type SampleBlock,
} from './record.js';

/** The comparison fields the history keeps (a `compare --json` file holds them, and more). */
export type ComparisonLike = Pick<
  CompareResult,
  'benchmarks' | 'baseCommit' | 'candidateCommit' | 'candidateDirty' | 'elapsedMs' | 'budgetMs' | 'blocks' | 'exhausted'
> &
  Partial<Pick<CompareResult, 'suite' | 'instructions'>>;

/** A parsed `compare --json` file (schema frozen-duckdb/comparison), read as the current version. */
export interface ComparisonDoc extends ComparisonLike {
  schema: typeof COMPARISON_SCHEMA;
  version: typeof COMPARISON_VERSION;
  outcome: RunOutcome;
  summary: string;
}

export interface CompareRunInput {
  comparison: ComparisonLike;
  outcome: RunOutcome | null;
  /** The machine it ran on; null when unknown (a file imported from elsewhere). */
  fingerprint: FingerprintRow | null;
  /** When the comparison ended (default now): it started elapsedMs earlier. */
  endedAt?: Date;
  profile?: string | null;
  settings?: Record<string, unknown>;
  source: string;
  id?: string;
  project?: string | null;
}

/** A history record from a side-by-side comparison: verdicts, ratios and every paired round. */
export function compareRecord(input: CompareRunInput): RunRecord {
  const c = input.comparison;
  const rows: ResultRow[] = [];
  const samples: SampleBlock[] = [];
  for (const b of c.benchmarks) {
    const row = emptyResult(b.id, b.status);
    row.suite = b.suite;
    row.name = b.name;
    row.medianMs = b.candidateMs ?? null;
    row.baseMs = b.baseMs ?? null;
    row.ratio = b.estimate?.ratio ?? null;
    row.ratioLow = b.estimate?.low ?? null;
    row.ratioHigh = b.estimate?.high ?? null;
    row.threshold = b.threshold;
    row.verdict = b.status;
    row.reason = comparisonReason(b);
    row.iterations = b.iterationsPerBatch;
    row.n = b.blocks.reduce((n, block) => n + block.length, 0);
    const counts = c.instructions?.verdicts.find((v) => v.id === b.id);
    row.instructions = counts?.candidate ?? null;
    row.baseInstructions = counts?.base ?? null;
    rows.push(row);
    b.blocks.forEach((block, i) => samples.push({ benchmark: b.id, block: i, ms: block.map((r) => r.candidate), baseMs: block.map((r) => r.base) }));
  }
  const ended = input.endedAt ?? new Date();
  return {
    schema: RUN_RECORD_SCHEMA,
    version: RUN_RECORD_VERSION,
    run: {
      id: input.id ?? randomUUID(),
      kind: 'compare',
      createdAt: new Date(ended.getTime() - c.elapsedMs).toISOString(),
      commit: c.candidateCommit,
      baseCommit: c.baseCommit,
      dirty: c.candidateDirty,
      fingerprint: input.fingerprint?.hash ?? null,
      profile: input.profile ?? null,
      settings: { budgetMs: c.budgetMs, blocks: c.blocks, exhausted: c.exhausted, ...(input.settings ?? {}) },
      shard: null,
      outcome: input.outcome,
      durationMs: c.elapsedMs,
      project: input.project ?? null,
      source: input.source,
    },
    fingerprint: input.fingerprint,
    results: rows,
    samples,
  };
}

/** Parses a `compare --json` file; throws HistoryImportError naming `source`. */
export function parseComparison(value: unknown, source: string): ComparisonDoc {
  const doc = value as Partial<ComparisonDoc> | null;
  if (!doc || typeof doc !== 'object' || doc.schema !== COMPARISON_SCHEMA) {
    throw new HistoryImportError(source, `schema is not '${COMPARISON_SCHEMA}'`, 'pass a file written by `frozen-duckdb compare --json FILE`');
  }
  const version = doc.version as number;
  if (version !== 1 && version !== COMPARISON_VERSION) {
    throw new HistoryImportError(
      source,
      `comparison version ${String(doc.version)} (this version reads 1 and ${COMPARISON_VERSION})`,
      'import it with the frozen-duckdb version that wrote it',
    );
  }
  if (!Array.isArray(doc.benchmarks) || typeof doc.baseCommit !== 'string' || typeof doc.candidateCommit !== 'string') {
    throw new HistoryImportError(source, 'benchmarks, baseCommit or candidateCommit is missing', 'the file is damaged: write it again with `compare --json`');
  }
  const problem = comparisonProblem(doc);
  if (problem) throw new HistoryImportError(source, problem, 'the file is damaged: write it again with `compare --json`');
  return version === 1 ? fromVersion1(doc) : (doc as ComparisonDoc);
}

function fromVersion1(doc: Partial<ComparisonDoc>): ComparisonDoc {
  const benchmarks = benchmarksFromVersion1(doc.benchmarks as unknown as Record<string, unknown>[]);
  return { ...doc, version: COMPARISON_VERSION, benchmarks } as unknown as ComparisonDoc;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const optionalFinite = (v: unknown) => v === undefined || v === null || finite(v);

/** The first field compareRecord would trip over (a wrong type, a missing list, a date out of range); undefined when none. */
function comparisonProblem(doc: Partial<ComparisonDoc>): string | undefined {
  if (!finite(doc.elapsedMs) || doc.elapsedMs < 0 || doc.elapsedMs > 1e12) return 'elapsedMs is not a duration';
  const seen = new Set<string>();
  for (const [i, b] of (doc.benchmarks as unknown[]).entries()) {
    const at = `benchmarks[${i}]`;
    if (typeof b !== 'object' || b === null) return `${at} is not an object`;
    const r = b as Record<string, unknown>;
    if (typeof r['id'] !== 'string' || typeof r['status'] !== 'string') return `${at} lacks id or status`;
    if (seen.has(r['id'])) return `benchmark '${r['id']}' appears twice`;
    seen.add(r['id']);
    for (const key of ['candidateMs', 'baseMs', 'threshold']) if (!optionalFinite(r[key])) return `${at}.${key} is not a number`;
    if (
      r['iterationsPerBatch'] !== undefined &&
      r['iterationsPerBatch'] !== null &&
      !(Number.isSafeInteger(r['iterationsPerBatch']) && (r['iterationsPerBatch'] as number) >= 0)
    )
      return `${at}.iterationsPerBatch is not a whole number`;
    const e = r['estimate'];
    if (e !== undefined && e !== null && (typeof e !== 'object' || !['ratio', 'low', 'high'].every((k) => optionalFinite((e as Record<string, unknown>)[k]))))
      return `${at}.estimate is not ratio, low and high`;
    const blocks = r['blocks'];
    if (
      !Array.isArray(blocks) ||
      !blocks.every(
        (block) => Array.isArray(block) && block.every((round) => typeof round === 'object' && round !== null && finite(round.base) && finite(round.candidate)),
      )
    ) {
      return `${at}.blocks is not a list of rounds { base, candidate }`;
    }
  }
  return undefined;
}

/** An id derived from a file's content: importing the same comparison twice adds it once. */
export function contentId(prefix: string, text: string): string {
  return `${prefix}-${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
}
