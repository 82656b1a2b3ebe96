import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const BASELINE_FILE = '.performance_baseline';

/** The workspace's `.performance_baseline` seen from a project folder: searched upwards to the workspace root (nx.json or .git). */
export function findBaseline(projectDir: string): { path: string; exists: boolean } {
  let dir = projectDir;
  for (;;) {
    const candidate = join(dir, BASELINE_FILE);
    if (existsSync(candidate)) return { path: candidate, exists: true };
    const isRoot = existsSync(join(dir, 'nx.json')) || existsSync(join(dir, '.git'));
    const parent = dirname(dir);
    if (isRoot || parent === dir) return { path: join(isRoot ? dir : projectDir, BASELINE_FILE), exists: false };
    dir = parent;
  }
}
