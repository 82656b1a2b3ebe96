import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pendingDir } from './paths.js';
import { runRecordProblem, type RunRecord } from './record.js';

/**
 * Stages a run as a JSON file next to the database (`history.pending/`), written whole or not
 * at all; the next process that opens the database for writing, or for reading, merges it.
 */
export function stageRun(historyPath: string, record: RunRecord): string {
  const dir = pendingDir(historyPath);
  mkdirSync(dir, { recursive: true });
  const stamp = record.run.createdAt.replace(/[:.]/g, '-');
  const name = `${stamp}-${record.run.kind}-${record.run.id}.json`;
  const path = join(dir, name);
  const temp = join(dir, `.${name}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, JSON.stringify(record));
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
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
  return names.filter((n) => !n.startsWith('.') && n.endsWith('.json')).sort().map((n) => join(dir, n));
}

/** Reads a staged run; a damaged one gives its problem instead. */
export function readPending(path: string): { record: RunRecord } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { problem: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const problem = runRecordProblem(value);
  return problem ? { problem } : { record: value as RunRecord };
}
