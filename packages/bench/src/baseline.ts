import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findWorkspaceRoot } from '@frozen-duckdb/core';

export const BASELINE_FILE = '.performance_baseline';

/** The workspace's `.performance_baseline` seen from a project folder: searched upwards to the workspace root. */
export function findBaseline(projectDir: string): { path: string; exists: boolean } {
  const root = findWorkspaceRoot(projectDir);
  for (let dir = projectDir; ; dir = dirname(dir)) {
    const candidate = join(dir, BASELINE_FILE);
    if (existsSync(candidate)) return { path: candidate, exists: true };
    if (dir === root || dirname(dir) === dir) return { path: join(root ?? projectDir, BASELINE_FILE), exists: false };
  }
}
