import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeFolders, pathKind, writeFileAtomic } from '@frozen-duckdb/files';
import { pendingDir } from './paths.js';
import { runRecordProblem, type RunRecord } from './record.js';

/**
 * Stages a run as a JSON file next to the database (`history.pending/`), written whole or not
 * at all; the next process that opens the database for writing, or for reading, merges it.
 */
export function stageRun(historyPath: string, record: RunRecord): string {
  const dir = pendingDir(historyPath);
  makeFolders(dir);
  const stamp = record.run.createdAt.replace(/[:.]/g, '-');
  const path = join(dir, `${stamp}-${record.run.kind}-${record.run.id}.json`);
  writeFileAtomic(path, JSON.stringify(record));
  return path;
}

/** Staged runs waiting to be merged, oldest first (temp files of a write in progress are not listed). */
export function listPending(historyPath: string): string[] {
  const dir = pendingDir(historyPath);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => !n.startsWith('.') && n.endsWith('.json'))
    .sort()
    .map((n) => join(dir, n));
}

/** Reads a staged run; a damaged one gives its problem instead. */
export function readPending(path: string): { record: RunRecord } | { problem: string } {
  // A folder or a pipe by that name is no staged run (and a pipe would block the read).
  const kind = pathKind(path);
  if (kind !== 'file') return { problem: `it is a ${kind}, not a file` };
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { problem: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const problem = runRecordProblem(value);
  return problem ? { problem } : { record: value as RunRecord };
}
