import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The prefix of a worker's temporary folders: with its pid, so that whoever outlives it can find them. */
export function workerTempPrefix(pid: number): string {
  return `frozen-duckdb-bench-${pid}-`;
}

/** Removes the temporary folders of worker `pid` (DuckDB spill files included): for a worker killed before it could. */
export function removeWorkerTempDirs(pid: number, dir = tmpdir()): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  const prefix = workerTempPrefix(pid);
  for (const entry of entries) if (entry.startsWith(prefix)) rmSync(join(dir, entry), { recursive: true, force: true });
}
