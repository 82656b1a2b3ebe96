import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseResults, RESULTS_SCHEMA } from '@frozen-duckdb/bench';
import { InputFileError, readInput } from '@frozen-duckdb/files';
import { COMPARISON_SCHEMA } from '@frozen-duckdb/regress';
import { HistoryImportError } from './errors.js';
import { benchRecord, measuredOutcome } from './from-bench.js';
import { compareRecord, contentId, parseComparison } from './from-comparison.js';
import { runRecordProblem, type RunRecord } from './record.js';
import { groupShards, type ResultsFile } from './shards.js';

export interface ImportPlan {
  records: RunRecord[];
  /** What the user should know: shards merged, shards missing. */
  notes: string[];
}

/** A record's problem as the import error naming the file(s) it came from. */
function checked(record: RunRecord, source: string): RunRecord {
  const problem = runRecordProblem(record);
  if (problem)
    throw new HistoryImportError(source, `cannot be recorded: ${problem}`, 'pass files written by `bench --json FILE` or `compare --json FILE`, unedited');
  return record;
}

/**
 * Reads `bench --json` and `compare --json` files (or pipes: `<(cmd)`) into runs: shards of one run
 * merge into one (see shardKey), whole runs and comparisons stay one run per file. Throws
 * HistoryImportError naming the file for anything else; nothing is written until every file is read.
 */
export async function planImport(paths: readonly string[]): Promise<ImportPlan> {
  const results: ResultsFile[] = [];
  const records: RunRecord[] = [];
  const notes: string[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = (await readInput(path, 'file')).toString('utf8');
    } catch (error) {
      if (!(error instanceof InputFileError)) throw error;
      throw new HistoryImportError(
        path,
        error.message.replace(`file ${path} `, '').replace(`${path}: `, ''),
        'check the path: history import takes the files that `bench --json` and `compare --json` write',
      );
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new HistoryImportError(
        path,
        `is not JSON (${error instanceof Error ? error.message : String(error)})`,
        'pass files written by `bench --json FILE` or `compare --json FILE`; for a Parquet export use `history import --parquet DIR`',
      );
    }
    const schema = (value as { schema?: unknown } | null)?.schema;
    if (schema === RESULTS_SCHEMA) {
      results.push({ source: path, text, results: parseResults(text, path) });
    } else if (schema === COMPARISON_SCHEMA) {
      const doc = parseComparison(value, path);
      const record = compareRecord({
        comparison: doc,
        outcome: doc.outcome,
        fingerprint: null,
        // The file is written as the comparison ends (a pipe has no such time: now).
        endedAt: statSync(path).isFile() ? statSync(path).mtime : new Date(),
        source: `import ${basename(path)}`,
        id: contentId('cmp', text),
      });
      records.push(checked(record, path));
    } else {
      throw new HistoryImportError(
        path,
        `schema ${JSON.stringify(schema ?? null)} is neither '${RESULTS_SCHEMA}' nor '${COMPARISON_SCHEMA}'`,
        'pass files written by `bench --json FILE` or `compare --json FILE`',
      );
    }
  }
  for (const group of groupShards(results)) {
    const names = group.members.map((m) => basename(m.source));
    if (group.shard !== null) {
      notes.push(`merged shards ${group.shard} (${names.join(', ')}) into one run` + (group.missing.length ? `; ${group.missing.join(', ')} missing` : ''));
    }
    const record = benchRecord({
      kind: 'bench',
      results: group.results,
      outcome: measuredOutcome(group.results),
      source: `import ${names.join(' ')}`,
      id: group.id,
      shard: group.shard,
    });
    records.push(checked(record, group.members.map((m) => m.source).join(', ')));
  }
  return { records: records.sort((a, b) => a.run.createdAt.localeCompare(b.run.createdAt)), notes };
}
