/**
 * The build promises of the original tool, measured on this workspace: a first build of everything
 * in 10 s or less, the same with the Nx cache in 1 s or less, one package rebuilt after an edit in
 * 1 s or less, and one package's tests. Every run works on a copy of the workspace in the suite's
 * temp folder, so the workspace itself (its dist folders, its Nx cache) is never touched.
 */
import { createHash, randomUUID } from 'node:crypto';
import { appendFileSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineSuite } from '@frozen-duckdb/bench';
import { runNx } from './run-command.js';
import { copyWorkspace, workspaceToMeasure } from './workspace-copy.js';

/** The package edited and tested: every other package depends on it, and its tests are quick. */
const PACKAGE = '@frozen-duckdb/core';
const EDITED_FILE = 'packages/core/src/sql.ts';
/** A build can take several times the quick profile's 60 s round limit on a loaded machine. */
const TIMEOUT_MS = 300_000;

interface Workspace {
  dir: string;
  /** The edited file's original text, restored before every benchmark but the edit itself. */
  original: string;
  /** Nx's cache directory for this copy (NX_CACHE_DIRECTORY). */
  env: NodeJS.ProcessEnv;
}

/**
 * One Nx cache per measured workspace, kept between runs: a worker's setup then restores the first
 * build from it in seconds instead of building, which a side-by-side comparison (a fresh worker pair
 * per block) needs. The cold build skips it; every edit is new, so nothing measured comes from it.
 */
function cacheFor(source: string): string {
  const key = createHash('sha256').update(realpathSync(source)).digest('hex').slice(0, 16);
  return join(tmpdir(), 'frozen-duckdb-build-bench', key, 'nx-cache');
}

/** Removes every project's dist folder in the copy (tsc's build info with it), so tsc starts from nothing. */
function removeOutputs(dir: string): void {
  const roots = ['packages', 'tools'].flatMap((group) => listDir(join(dir, group)).map((name) => join(dir, group, name)));
  for (const root of [...roots, join(dir, 'benchmarks')]) rmSync(join(root, 'dist'), { recursive: true, force: true });
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function restore(ws: Workspace): void {
  writeFileSync(join(ws.dir, EDITED_FILE), ws.original);
}

export default defineSuite<Workspace>({
  name: 'build',
  async setup(ctx) {
    const source = workspaceToMeasure(fileURLToPath(new URL('.', import.meta.url)));
    const dir = join(ctx.tmpDir, 'workspace');
    ctx.note('files copied', copyWorkspace(source, dir), 'files');
    const env = { NX_CACHE_DIRECTORY: cacheFor(source) };
    // The first build also computes Nx's project graph: every benchmark starts from a known graph.
    await runNx(dir, ['run-many', '-t', 'build', '--outputStyle=static'], env);
    return { dir, original: readFileSync(join(dir, EDITED_FILE), 'utf8'), env };
  },
  benchmarks: {
    'cold build, all projects': {
      timeout: TIMEOUT_MS,
      beforeEach: (ctx) => {
        restore(ctx.data);
        removeOutputs(ctx.data.dir);
      },
      run: (ctx) => runNx(ctx.data.dir, ['run-many', '-t', 'build', '--skip-nx-cache', '--outputStyle=static'], ctx.data.env),
    },
    'cached build, all projects': {
      timeout: TIMEOUT_MS,
      // Untimed: bring the cache and the outputs up to date with the restored sources.
      beforeEach: async (ctx) => {
        restore(ctx.data);
        await runNx(ctx.data.dir, ['run-many', '-t', 'build', '--outputStyle=static'], ctx.data.env);
      },
      run: (ctx) => runNx(ctx.data.dir, ['run-many', '-t', 'build', '--outputStyle=static'], ctx.data.env),
    },
    'incremental rebuild, one package': {
      timeout: TIMEOUT_MS,
      // A comment never written before: Nx hashes contents, so a touch alone would be a cache hit.
      beforeEach: async (ctx) => {
        restore(ctx.data);
        await runNx(ctx.data.dir, ['run', `${PACKAGE}:build`, '--outputStyle=static'], ctx.data.env);
        appendFileSync(join(ctx.data.dir, EDITED_FILE), `// build-bench edit ${randomUUID()}\n`);
      },
      run: (ctx) => runNx(ctx.data.dir, ['run', `${PACKAGE}:build`, '--outputStyle=static'], ctx.data.env),
    },
    'tests, one package': {
      timeout: TIMEOUT_MS,
      beforeEach: async (ctx) => {
        restore(ctx.data);
        await runNx(ctx.data.dir, ['run', `${PACKAGE}:build`, '--outputStyle=static'], ctx.data.env);
      },
      run: (ctx) => runNx(ctx.data.dir, ['run', `${PACKAGE}:test`, '--skip-nx-cache', '--outputStyle=static'], ctx.data.env),
    },
  },
  // A cold build takes 20-30 s here: resolving 10% side by side would take more process pairs than a
  // CI budget holds, and a build 20% slower is the change worth failing for.
  thresholds: { default: 0.2 },
});
