import { existsSync, symlinkSync, writeFileSync } from 'node:fs';
import { makeFolders } from '@frozen-duckdb/files';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { simpleGit } from 'simple-git';
import type { Change, ChangesCorpus } from './changes-corpus.js';

/** The suite file of a change inside its repository: one *.bench.ts, so `compare --file` finds it. */
export const changeSuiteFile = (name: string) => `${name}/change.bench.ts`;

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    makeFolders(dirname(join(dir, path)));
    writeFileSync(join(dir, path), text);
  }
}

/** The folder of an installed package this process uses: the nearest package.json above its entry. */
function packageFolder(name: string): string {
  let dir = dirname(createRequire(import.meta.url).resolve(name));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/**
 * A private ESM package whose node_modules links this process's bench and core, and whose lockfile
 * is empty (so a base worktree links the same instead of installing): the change's suites import
 * '@frozen-duckdb/bench' as a user's would.
 */
function writeProject(dir: string, files: Record<string, string>): void {
  writeFiles(dir, {
    'package.json': JSON.stringify({ name: 'change', private: true, type: 'module' }),
    'package-lock.json': JSON.stringify({ name: 'change', lockfileVersion: 3, packages: {} }),
    '.gitignore': 'node_modules/\n',
    ...files,
  });
  makeFolders(join(dir, 'node_modules', '@frozen-duckdb'));
  for (const pkg of ['bench', 'core']) symlinkSync(packageFolder(`@frozen-duckdb/${pkg}`), join(dir, 'node_modules', '@frozen-duckdb', pkg));
}

/** The corpus layout of one change: shared files on top, the change's own files in its folder. */
function layout(corpus: ChangesCorpus, change: Change, suites: Record<string, string>): Record<string, string> {
  return {
    ...corpus.shared,
    ...Object.fromEntries(Object.entries(change.files).map(([name, text]) => [`${change.name}/${name}`, text])),
    ...Object.fromEntries(Object.entries(suites).map(([name, text]) => [`${change.name}/${name}`, text])),
  };
}

/** A git repository in `dir` with the change as two commits: the base, then the variant (HEAD). */
export async function changeRepository(corpus: ChangesCorpus, change: Change, dir: string): Promise<{ base: string; variant: string }> {
  writeProject(dir, layout(corpus, change, { 'change.bench.ts': change.base }));
  const git = simpleGit(dir);
  await git.init(['-q', '-b', 'main']);
  await git.addConfig('user.email', 'calibrate@frozen-duckdb.invalid').addConfig('user.name', 'frozen-duckdb calibrate');
  await git.add('-A').commit(`${change.name}: base`);
  const base = (await git.revparse(['HEAD'])).trim();
  writeFileSync(join(dir, changeSuiteFile(change.name)), change.variant);
  await git.add('-A').commit(`${change.name}: variant`);
  return { base, variant: (await git.revparse(['HEAD'])).trim() };
}

/** A folder with both suites of a change side by side, for the truth process: returns their paths. */
export function truthFolder(corpus: ChangesCorpus, change: Change, dir: string): { base: string; variant: string } {
  writeProject(dir, layout(corpus, change, { 'base.bench.ts': change.base, 'variant.bench.ts': change.variant }));
  return { base: join(dir, change.name, 'base.bench.ts'), variant: join(dir, change.name, 'variant.bench.ts') };
}
