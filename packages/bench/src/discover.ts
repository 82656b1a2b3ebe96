import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BenchUsageError } from './errors.js';

/** Folders never searched for suites (hidden ones neither). */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', 'dist', 'coverage', 'tmp']);

/** The `*.bench.ts` files under a project folder, sorted; skips node_modules, dist and hidden folders. */
export function discoverSuites(projectDir: string): string[] {
  let stat;
  try {
    stat = statSync(projectDir);
  } catch {
    throw new BenchUsageError(`project folder ${projectDir} does not exist`, 'pass the folder that holds your *.bench.ts files');
  }
  if (!stat.isDirectory()) {
    throw new BenchUsageError(`${projectDir} is not a folder`, 'pass the folder that holds your *.bench.ts files');
  }
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) walk(join(dir, entry.name));
      } else if (/\.bench\.(ts|mts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        found.push(join(dir, entry.name));
      }
    }
  };
  walk(projectDir);
  return found.sort((a, b) => relative(projectDir, a).localeCompare(relative(projectDir, b)));
}
