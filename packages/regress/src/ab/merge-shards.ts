import { existsSync, readFileSync, statSync } from 'node:fs';
import { extent } from '@frozen-duckdb/bench';
import { ShardMergeError } from '../errors.js';
import { COMPARISON_SCHEMA, COMPARISON_VERSION } from '../report/comparison-json.js';
import type { InstructionComparison } from '../measures/instruction-verdict.js';
import type { CompareResult } from './compare.js';
import { contentionOf, suiteVerdict } from './paired-run.js';

/** One shard's comparison as `compare --shard i/n --json FILE` wrote it. */
export interface ShardFile {
  path: string;
  result: CompareResult;
}

/** Reads a shard's comparison file; the error names the file and what is wrong with it. */
export function readShardFile(path: string): ShardFile {
  if (!existsSync(path)) throw new ShardMergeError(`${path} does not exist`);
  if (!statSync(path).isFile()) throw new ShardMergeError(`${path} is not a file`);
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new ShardMergeError(`${path} is not JSON: ${(error as Error).message}`);
  }
  if (value?.schema !== COMPARISON_SCHEMA || value.version !== COMPARISON_VERSION) {
    throw new ShardMergeError(
      `${path} is not a comparison of this version (schema ${JSON.stringify(value?.schema)}, version ${JSON.stringify(value?.version)})`,
    );
  }
  if (
    !Array.isArray(value.benchmarks) ||
    typeof value.baseCommit !== 'string' ||
    typeof value.candidateCommit !== 'string' ||
    typeof value.settings !== 'object'
  ) {
    throw new ShardMergeError(`${path} lacks the benchmarks, commits or settings of a comparison: it is damaged`);
  }
  const shard = value.shard as { index?: unknown; count?: unknown } | null | undefined;
  if (!shard || !Number.isInteger(shard.index) || !Number.isInteger(shard.count)) {
    throw new ShardMergeError(`${path} is not a shard: it was written without --shard`, 'a comparison of every suite needs no merging');
  }
  return { path, result: value as unknown as CompareResult };
}

/**
 * Joins the shards of one comparison into one result: every shard exactly once, measured
 * between the same two commits with the same settings; the suite's geometric mean is taken
 * again over all of them, so the verdict is the one an unsharded run would give.
 */
export function mergeShards(files: readonly ShardFile[]): CompareResult {
  const [first] = files;
  if (!first) throw new ShardMergeError('no shard files given');
  const count = (first.result.shard as { count: number }).count;
  const byIndex = new Map<number, string>();
  for (const { path, result } of files) {
    const shard = result.shard as { index: number; count: number };
    if (shard.count !== count) throw new ShardMergeError(`${path} is shard ${shard.index}/${shard.count}, but ${first.path} is one of ${count}`);
    const seen = byIndex.get(shard.index);
    if (seen) throw new ShardMergeError(`shard ${shard.index}/${count} appears twice: ${seen} and ${path}`);
    byIndex.set(shard.index, path);
    for (const [what, mine, theirs] of [
      ['base commit', result.baseCommit, first.result.baseCommit],
      [
        'candidate commit',
        `${result.candidateCommit}${result.candidateDirty ? ' (dirty)' : ''}`,
        `${first.result.candidateCommit}${first.result.candidateDirty ? ' (dirty)' : ''}`,
      ],
      ['settings', JSON.stringify(result.settings), JSON.stringify(first.result.settings)],
    ] as const) {
      if (mine !== theirs) throw new ShardMergeError(`${path} and ${first.path} are not shards of one comparison: their ${what} differ (${mine} vs ${theirs})`);
    }
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length)
    throw new ShardMergeError(
      `shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing (given: ${[...byIndex].map(([i, p]) => `${p} ${i}/${count}`).join(', ')})`,
    );
  const ordered = [...files].sort((a, b) => (a.result.shard as { index: number }).index - (b.result.shard as { index: number }).index);
  const benchmarks = ordered.flatMap((f) => f.result.benchmarks);
  const ids = new Map<string, string>();
  for (const f of ordered) {
    for (const b of f.result.benchmarks) {
      const other = ids.get(b.id);
      if (other) throw new ShardMergeError(`benchmark ${b.id} was compared in two shards: ${other} and ${f.path}`);
      ids.set(b.id, f.path);
    }
  }
  const unique = <T extends { id: string }>(items: T[]) => [...new Map(items.map((b) => [b.id, b])).values()];
  const settings = first.result.settings;
  return {
    ...first.result,
    benchmarks,
    suite: suiteVerdict(benchmarks, { flag: settings.threshold ?? undefined }),
    blocks: extent(ordered.map((f) => f.result.blocks)).max,
    elapsedMs: extent(ordered.map((f) => f.result.elapsedMs)).max,
    exhausted: ordered.some((f) => f.result.exhausted),
    contention: contentionOf(benchmarks),
    timings: ordered.flatMap((f) => f.result.timings ?? []),
    added: unique(ordered.flatMap((f) => f.result.added)),
    removed: unique(ordered.flatMap((f) => f.result.removed)),
    diagnoses: ordered.flatMap((f) => f.result.diagnoses ?? []),
    ...mergedInstructions(ordered.map((f) => f.result)),
    shard: null,
  };
}

/** The shards' instruction verdicts in one list, when the comparison counted them (`--measure instructions`). */
function mergedInstructions(results: readonly CompareResult[]): { instructions?: InstructionComparison } {
  const counted = results.flatMap((r) => (r.instructions ? [r.instructions] : []));
  const [first] = counted;
  return first ? { instructions: { ...first, verdicts: counted.flatMap((c) => c.verdicts) } } : {};
}
