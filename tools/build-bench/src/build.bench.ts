/**
 * The build promises of the original tool, measured on this workspace: a first build of everything
 * in 10 s or less, the same with the Nx cache in 1 s or less, one package rebuilt after an edit in
 * 1 s or less (core, which every package depends on, and cli, which nothing depends on), and one
 * package's tests. "Build" is the `build` target: each package's JavaScript (esbuild); the .d.ts
 * files come from the `declarations` target, which the type check and publishing run. Every run
 * works on a copy of the workspace in the suite's temp folder, so the workspace itself (its dist
 * folders, its Nx cache) is never touched.
 */
import { createHash, randomUUID } from 'node:crypto';
import { appendFileSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineSuite, type BenchmarkSpec } from '@frozen-duckdb/bench';
import { runNx } from './run-command.js';
import { copyWorkspace, workspaceToMeasure } from './workspace-copy.js';

/** The package edited and tested: every other package depends on it, and its tests are quick. */
const PACKAGE = '@frozen-duckdb/core';
/** The leaf package edited: nothing depends on it, and it depends on every other package. */
const LEAF = 'frozen-duckdb';
/** The file edited in each package, by Nx project name. */
const EDITED: Record<string, string> = { [PACKAGE]: 'packages/core/src/sql.ts', [LEAF]: 'packages/cli/src/exit-codes.ts' };
/** The guide's objectives, in milliseconds: a first build, and every build after it. */
const FIRST_BUILD_MS = 10_000;
const REBUILD_MS = 1_000;
/** A build can take several times the quick profile's 60 s round limit on a loaded machine. */
const TIMEOUT_MS = 300_000;

interface Workspace {
  dir: string;
  /** The edited files' original texts by path, restored before every benchmark. */
  originals: Record<string, string>;
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
  for (const [file, text] of Object.entries(ws.originals)) writeFileSync(join(ws.dir, file), text);
}

/**
 * One package rebuilt after a one-line edit: untimed, its outputs brought up to date, then a comment
 * never written before appended (Nx hashes contents, so a touch alone would be a cache hit).
 */
function incremental(project: string): BenchmarkSpec<Workspace> {
  const file = EDITED[project] as string;
  return {
    timeout: TIMEOUT_MS,
    target: REBUILD_MS,
    beforeEach: async (ctx) => {
      restore(ctx.data);
      await runNx(ctx.data.dir, ['run', `${project}:build`, '--outputStyle=static'], ctx.data.env);
      appendFileSync(join(ctx.data.dir, file), `// build-bench edit ${randomUUID()}\n`);
    },
    run: (ctx) => runNx(ctx.data.dir, ['run', `${project}:build`, '--outputStyle=static'], ctx.data.env),
  };
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
    const originals = Object.fromEntries(Object.values(EDITED).map((file) => [file, readFileSync(join(dir, file), 'utf8')]));
    return { dir, originals, env };
  },
  benchmarks: {
    'cold build, all projects': {
      timeout: TIMEOUT_MS,
      target: FIRST_BUILD_MS,
      beforeEach: (ctx) => {
        restore(ctx.data);
        removeOutputs(ctx.data.dir);
      },
      run: (ctx) => runNx(ctx.data.dir, ['run-many', '-t', 'build', '--skip-nx-cache', '--outputStyle=static'], ctx.data.env),
    },
    'cached build, all projects': {
      timeout: TIMEOUT_MS,
      target: REBUILD_MS,
      // Untimed: bring the cache and the outputs up to date with the restored sources.
      beforeEach: async (ctx) => {
        restore(ctx.data);
        await runNx(ctx.data.dir, ['run-many', '-t', 'build', '--outputStyle=static'], ctx.data.env);
      },
      run: (ctx) => runNx(ctx.data.dir, ['run-many', '-t', 'build', '--outputStyle=static'], ctx.data.env),
    },
    // The name recorded in the baseline before the leaf package was measured too: it is core's.
    'incremental rebuild, one package': incremental(PACKAGE),
    'incremental rebuild, leaf package': incremental(LEAF),
    'tests, one package': {
      timeout: TIMEOUT_MS,
      beforeEach: async (ctx) => {
        restore(ctx.data);
        await runNx(ctx.data.dir, ['run', `${PACKAGE}:build`, '--outputStyle=static'], ctx.data.env);
      },
      run: (ctx) => runNx(ctx.data.dir, ['run', `${PACKAGE}:test`, '--skip-nx-cache', '--outputStyle=static'], ctx.data.env),
    },
  },
  // The guide's 10%: with esbuild a cold build takes seconds, not the 20-30 s of a chain of tsc
  // processes, so side-by-side pairs fit the suite's budget. `frozen-duckdb calibrate tools/build-bench`
  // measures whether this machine resolves it (docs/build-times.md).
  thresholds: { default: 0.1 },
});
