import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BenchUsageError } from '@frozen-duckdb/bench';

/** The two files that make a change: the suite before it and after it. */
export const CHANGE_FILES = { base: 'base.ts', variant: 'variant.ts' } as const;

/**
 * One real change of a corpus: a folder holding `base.ts` and `variant.ts` (the same suite before
 * and after the change) and any files they import from the folder. Files at the corpus's top
 * level (shared data helpers) sit one folder up from every change, as they do in the corpus.
 */
export interface Change {
  name: string;
  /** Files of the change folder other than base.ts and variant.ts, by name. */
  files: Record<string, string>;
  base: string;
  variant: string;
}

export interface ChangesCorpus {
  dir: string;
  /** The corpus's top-level files, by name: shared by every change. */
  shared: Record<string, string>;
  changes: Change[];
}

/** What a path is, or undefined when it cannot be read (a vanished or forbidden entry, as in /proc). */
function kindOf(path: string): 'file' | 'folder' | undefined {
  try {
    const stat = statSync(path);
    return stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : undefined;
  } catch {
    return undefined;
  }
}

const textFiles = (dir: string, skip: ReadonlySet<string> = new Set()) =>
  Object.fromEntries(
    readdirSync(dir)
      .filter((name) => !skip.has(name) && !name.startsWith('.') && kindOf(join(dir, name)) === 'file' && /\.(ts|js|mts|mjs|json|csv|sql)$/.test(name))
      .sort()
      .map((name) => [name, readFileSync(join(dir, name), 'utf8')]),
  );

/** Reads a corpus folder; a folder without changes, or a change missing one of its two files, is a usage error. */
export function readChangesCorpus(dir: string, only?: RegExp): ChangesCorpus {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch (error) {
    throw new BenchUsageError(
      `--changes ${dir}: ${(error as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'not a folder' : 'no such folder'}`,
      'pass a folder of changes, one subfolder per change holding base.ts and variant.ts',
    );
  }
  const folders = entries.filter((name) => !name.startsWith('.') && name !== 'node_modules' && kindOf(join(dir, name)) === 'folder');
  const changes: Change[] = [];
  for (const name of folders) {
    const folder = join(dir, name);
    let inside: string[];
    try {
      inside = readdirSync(folder);
    } catch {
      continue;
    }
    const missing = Object.values(CHANGE_FILES).filter((file) => !inside.includes(file));
    // A folder of data (no TypeScript at all) is not a change; one with code but no pair is a mistake.
    if (missing.length === 2 && inside.every((f) => !f.endsWith('.ts'))) continue;
    if (missing.length) {
      throw new BenchUsageError(
        `--changes ${dir}: the change ${name} has no ${missing.join(' and no ')}`,
        'a change folder holds base.ts (the suite before the change) and variant.ts (after it)',
      );
    }
    if (only && !only.test(name)) continue;
    changes.push({
      name,
      files: textFiles(folder, new Set(Object.values(CHANGE_FILES))),
      base: readFileSync(join(folder, CHANGE_FILES.base), 'utf8'),
      variant: readFileSync(join(folder, CHANGE_FILES.variant), 'utf8'),
    });
  }
  if (changes.length === 0) {
    throw new BenchUsageError(
      `--changes ${dir}: no change folders${only ? ` match ${only.source}` : ''}`,
      'a corpus has one subfolder per change, each holding base.ts and variant.ts',
    );
  }
  return { dir, shared: textFiles(dir, new Set(['truth.json'])), changes };
}

/** A hash of everything a change's timing depends on in the corpus: a truth measured for other files is stale. */
export function changeHash(corpus: ChangesCorpus, change: Change): string {
  const hash = createHash('sha256');
  for (const [name, text] of [...Object.entries(corpus.shared), ...Object.entries(change.files), ['base', change.base], ['variant', change.variant]]) {
    hash.update(`${name}\0${text}\0`);
  }
  return hash.digest('hex').slice(0, 16);
}
