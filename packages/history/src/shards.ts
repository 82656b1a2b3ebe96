import { createHash } from 'node:crypto';
import { extent, parseShard, type BenchResults, type SuiteResult } from '@frozen-duckdb/bench';
import { benchSettings } from './from-bench.js';
import { HistoryImportError } from './errors.js';

/** A results file read for import. */
export interface ResultsFile {
  source: string;
  text: string;
  results: BenchResults;
}

/** Bench results files that make one run: a whole run, or the shards of one. */
export interface RunGroup {
  members: ResultsFile[];
  /** The merged results (the file itself for a whole run). */
  results: BenchResults;
  /** 'i/n,j/n' for merged shards; null for a whole run. */
  shard: string | null;
  /** Shards of i/n that no file brought, as 'i/n'. */
  missing: string[];
  /** Stable over re-imports of the same files. */
  id: string;
}

/**
 * Which shard files belong to one run: same commit and dirty flag, same machine (CPU, cores, OS,
 * Node; DuckDB where known), same profile and settings (processes, filter, DuckDB settings,
 * sampling) and the same shard count n. Files without a shard are runs of their own.
 */
export function shardKey(r: BenchResults): string {
  const f = r.fingerprint;
  const n = parseShard(r.settings.shard ?? '')?.count ?? null;
  return JSON.stringify([
    f.git?.commit ?? null,
    f.git?.dirty ?? null,
    f.cpuModel,
    f.cores,
    f.os.platform,
    f.os.arch,
    f.node,
    r.settings.profile,
    benchSettings(r),
    n,
  ]);
}

/** Groups results files into runs and merges each group of shards; throws HistoryImportError on a conflict. */
export function groupShards(files: readonly ResultsFile[]): RunGroup[] {
  const groups: RunGroup[] = [];
  const sharded = new Map<string, ResultsFile[]>();
  for (const file of files) {
    if (file.results.settings.shard === null || file.results.settings.shard === undefined) {
      groups.push({ members: [file], results: file.results, shard: null, missing: [], id: idOf([file]) });
      continue;
    }
    if (!parseShard(file.results.settings.shard)) {
      throw new HistoryImportError(
        file.source,
        `shard ${JSON.stringify(file.results.settings.shard)} is not i/n`,
        'pass results written by `bench --shard i/n --json FILE`',
      );
    }
    const key = shardKey(file.results);
    sharded.set(key, [...(sharded.get(key) ?? []), file]);
  }
  for (const members of sharded.values()) groups.push(mergeShards(members));
  return groups.sort((a, b) => a.results.createdAt.localeCompare(b.results.createdAt));
}

/** One run from the shards of one (already grouped by shardKey). */
export function mergeShards(members: readonly ResultsFile[]): RunGroup {
  const byIndex = new Map<number, ResultsFile>();
  let count = 0;
  for (const file of members) {
    const shard = parseShard(file.results.settings.shard ?? '');
    if (!shard) throw new HistoryImportError(file.source, 'has no shard', 'merge only `bench --shard i/n` results');
    count = shard.count;
    const twin = byIndex.get(shard.index);
    if (twin) {
      throw new HistoryImportError(
        file.source,
        `shard ${shard.index}/${shard.count} of commit ${commitOf(file.results)} is also in ${twin.source}`,
        'import the files of each CI run in a separate `history import` call',
      );
    }
    byIndex.set(shard.index, file);
  }
  const ordered = [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, f]) => f);
  const duckdbs = new Set(ordered.map((f) => f.results.fingerprint.duckdb).filter((d): d is string => d !== null));
  if (duckdbs.size > 1) {
    throw new HistoryImportError(
      ordered.map((f) => f.source).join(', '),
      `shards ran different DuckDB versions (${[...duckdbs].join(', ')})`,
      'import them separately: they are not one run',
    );
  }
  const seen = new Map<string, string>();
  for (const file of ordered) {
    for (const b of file.results.benchmarks) {
      const other = seen.get(b.id);
      if (other)
        throw new HistoryImportError(file.source, `benchmark ${b.id} is also in ${other}: shards must not overlap`, 'pass shards of one `--shard i/n` split');
      seen.set(b.id, file.source);
    }
  }
  const first = ordered[0] as ResultsFile;
  const withDuckdb = ordered.find((f) => f.results.fingerprint.duckdb !== null) ?? first;
  const results: BenchResults = {
    ...first.results,
    createdAt: ordered.map((f) => f.results.createdAt).sort()[0] as string,
    // The shards ran side by side in separate jobs: the run took as long as the longest.
    durationMs: extent(ordered.map((f) => f.results.durationMs)).max,
    fingerprint: withDuckdb.results.fingerprint,
    settings: { ...first.results.settings, shard: null },
    suites: mergeSuites(ordered.flatMap((f) => f.results.suites)),
    benchmarks: ordered.flatMap((f) => f.results.benchmarks),
  };
  const indices = [...byIndex.keys()].sort((a, b) => a - b);
  return {
    members: ordered,
    results,
    shard: indices.map((i) => `${i}/${count}`).join(','),
    missing: Array.from({ length: count }, (_, i) => i + 1)
      .filter((i) => !byIndex.has(i))
      .map((i) => `${i}/${count}`),
    id: idOf(ordered),
  };
}

/** A suite split over shards ran its setup in each: one entry with every setup time. */
function mergeSuites(suites: readonly SuiteResult[]): SuiteResult[] {
  const byFile = new Map<string, SuiteResult>();
  for (const s of suites) {
    const known = byFile.get(s.file);
    if (!known) {
      byFile.set(s.file, { ...s, setupMs: [...s.setupMs], notes: [...s.notes] });
      continue;
    }
    known.setupMs.push(...s.setupMs);
    for (const note of s.notes) if (!known.notes.some((n) => n.label === note.label)) known.notes.push(note);
    if (s.error && !known.error) known.error = s.error;
  }
  return [...byFile.values()];
}

function commitOf(r: BenchResults): string {
  return r.fingerprint.git?.commit.slice(0, 12) ?? '(no git)';
}

/** Derived from the files' content: importing the same files again adds nothing. */
function idOf(files: readonly ResultsFile[]): string {
  const hash = createHash('sha256');
  for (const text of files.map((f) => createHash('sha256').update(f.text).digest('hex')).sort()) hash.update(text);
  return `imp-${hash.digest('hex').slice(0, 24)}`;
}
