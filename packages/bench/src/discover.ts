import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BenchUsageError } from './errors.js';

/** Folders never searched for suites (hidden ones neither). */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', 'dist', 'coverage', 'tmp']);

/**
 * The `*.bench.ts` files under a project folder, sorted; skips node_modules, dist and hidden
 * folders. With `only` (paths relative to the folder), just those of them that exist.
 */
export function discoverSuites(projectDir: string, only?: readonly string[]): string[] {
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
  const wanted = only && new Set(only.map((f) => relative(projectDir, join(projectDir, f))));
  return found.filter((f) => !wanted || wanted.has(relative(projectDir, f))).sort((a, b) => relative(projectDir, a).localeCompare(relative(projectDir, b)));
}

/** Refuses --file paths that are not suite files of the project, naming them. */
export function checkSuiteFiles(projectDir: string, files: readonly string[]): void {
  const found = new Set(discoverSuites(projectDir).map((f) => relative(projectDir, f)));
  const missing = files.filter((f) => !found.has(relative(projectDir, join(projectDir, f))));
  if (missing.length) {
    throw new BenchUsageError(
      `--file ${missing.join(', ')}: no such suite file under ${projectDir}`,
      'give paths of *.bench.ts files relative to the project folder',
    );
  }
}
