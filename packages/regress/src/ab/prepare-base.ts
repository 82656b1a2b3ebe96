import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { FrozenDuckDBError } from '@frozen-duckdb/core';
import { onCleanup } from '@frozen-duckdb/files';

/** The base commit could not be installed or built: nothing was compared. */
export class BaseBuildError extends FrozenDuckDBError {
  constructor(commit: string, step: string, output: string) {
    const tail = output.trim().split('\n').slice(-15).join('\n');
    super(`the base commit ${commit.slice(0, 12)} failed to ${step}${tail ? `:\n${tail}` : ''}`, {
      category: 'environment',
      hint: 'a comparison needs a base that builds; pick another --base, or fix the base branch',
    });
  }
}

export interface PreparedTree {
  /** How node_modules was provided: linked to the candidate's (same lockfile) or installed. */
  install: 'linked' | 'npm ci';
  installMs: number;
  buildMs: number;
  /**
   * `nx`: the build ran with the checkout's Nx cache (its entries and the database that indexes
   * them), so a package whose inputs are the same on both sides was restored, not rebuilt.
   * `none`: a build from nothing (no Nx workspace, no cache in the checkout, or the shared cache failed).
   */
  buildCache: 'nx' | 'none';
}

const LOCKFILE = 'package-lock.json';
const NX_ENV = { NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true' };

/**
 * Makes a worktree runnable: node_modules reused from the candidate when the lockfiles are
 * identical (every package linked, workspace packages pointed at the worktree's own sources),
 * `npm ci` otherwise; then the workspace's build script, reusing the checkout's Nx cache.
 * Every step is a child process that SIGINT/SIGTERM stop at once.
 */
export async function prepareTree(worktree: string, candidateRoot: string, commit: string, buildScript = 'build'): Promise<PreparedTree> {
  const started = performance.now();
  const sameLock =
    existsSync(join(worktree, LOCKFILE)) &&
    existsSync(join(candidateRoot, LOCKFILE)) &&
    readFileSync(join(worktree, LOCKFILE)).equals(readFileSync(join(candidateRoot, LOCKFILE))) &&
    existsSync(join(candidateRoot, 'node_modules'));
  if (sameLock) {
    linkNodeModules(join(candidateRoot, 'node_modules'), join(worktree, 'node_modules'), candidateRoot);
  } else {
    const install = await run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], worktree, {});
    if (install.code !== 0) throw new BaseBuildError(commit, 'install (npm ci)', install.output);
  }
  const installMs = performance.now() - started;
  const manifest = JSON.parse(readFileSync(join(worktree, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  let buildCache: PreparedTree['buildCache'] = 'none';
  if (manifest.scripts?.[buildScript]) {
    buildCache = shareNxCache(candidateRoot, worktree) ? 'nx' : 'none';
    let build = await run('npm', ['run', buildScript], worktree, NX_ENV);
    if (build.code !== 0 && buildCache === 'nx') {
      // A copy of the cache database taken while the checkout's Nx wrote it can be unreadable:
      // never let the shortcut decide, build again from nothing.
      unshareNxCache(worktree);
      buildCache = 'none';
      build = await run('npm', ['run', buildScript], worktree, NX_ENV);
    }
    if (build.code !== 0) throw new BaseBuildError(commit, `build (npm run ${buildScript})`, build.output);
  }
  return { install: sameLock ? 'linked' : 'npm ci', installMs, buildMs: performance.now() - started - installMs, buildCache };
}

/** Runs a command to its end; SIGINT/SIGTERM of this process kill it (and what it started) at once. */
function run(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    // Its own process group, so a stop reaches npm's children (tsc, nx) too.
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    const keep = (data: Buffer) => {
      output = (output + data.toString()).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const stop = onCleanup(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    });
    child.on('error', (error) => {
      void stop();
      done({ code: 1, output: `${output}\n${error.message}` });
    });
    child.on('close', (code, signal) => {
      void stop();
      done({ code: code ?? 1, output: signal ? `${output}\nstopped by ${signal}` : output });
    });
  });
}

interface NxPlaces {
  cache: string;
  workspaceData: string;
}

/** Where an Nx workspace keeps its cache entries and the database that indexes them; undefined without nx.json. */
function nxPlaces(root: string): NxPlaces | undefined {
  if (!existsSync(join(root, 'nx.json'))) return undefined;
  let cacheDirectory = '.nx/cache';
  try {
    const configured = (JSON.parse(readFileSync(join(root, 'nx.json'), 'utf8')) as { cacheDirectory?: unknown }).cacheDirectory;
    if (typeof configured === 'string' && configured !== '') cacheDirectory = configured;
  } catch {
    return undefined;
  }
  return { cache: resolve(root, cacheDirectory), workspaceData: join(root, '.nx', 'workspace-data') };
}

/**
 * Lets the worktree's Nx find what the checkout already built. Nx finds a cache entry through
 * a database in its workspace-data folder, keyed by the hash of the task's inputs: a copy of
 * that database and links to the entries let the worktree restore every task whose inputs are
 * the same as the checkout's, while a package that differs hashes differently and is built
 * from its own sources. New entries go to the worktree's own folder, removed with it.
 */
function shareNxCache(candidateRoot: string, worktree: string): boolean {
  // A user who points Nx at one place for both already shares it; so does one without a cache here.
  if (process.env.NX_CACHE_DIRECTORY || process.env.NX_WORKSPACE_DATA_DIRECTORY) return false;
  const from = nxPlaces(candidateRoot);
  const to = nxPlaces(worktree);
  if (!from || !to || !existsSync(from.cache) || !existsSync(from.workspaceData)) return false;
  const databases = readdirSync(from.workspaceData).filter((f) => /\.db(-wal|-shm)?$/.test(f));
  if (!databases.some((f) => f.endsWith('.db'))) return false;
  try {
    mkdirSync(to.cache, { recursive: true });
    mkdirSync(to.workspaceData, { recursive: true });
    for (const entry of readdirSync(from.cache)) {
      if (!existsSync(join(to.cache, entry))) symlinkSync(join(from.cache, entry), join(to.cache, entry));
    }
    for (const db of databases) copyFileSync(join(from.workspaceData, db), join(to.workspaceData, db));
    return true;
  } catch {
    unshareNxCache(worktree);
    return false;
  }
}

function unshareNxCache(worktree: string): void {
  const places = nxPlaces(worktree);
  if (!places) return;
  rmSync(places.cache, { recursive: true, force: true });
  rmSync(places.workspaceData, { recursive: true, force: true });
}

/**
 * Mirrors `source` (the candidate's node_modules) into `target`: packages become links to the
 * candidate's copies, but links into the workspace (npm workspaces) are recreated as they are,
 * relative, so the base's own packages resolve to the worktree's sources, not the candidate's.
 */
function linkNodeModules(source: string, target: string, candidateRoot: string): void {
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(source)) {
    if (entry === '.cache' || entry === '.package-lock.json') continue;
    const from = join(source, entry);
    const to = join(target, entry);
    if (existsSync(to)) continue;
    const stat = lstatSync(from);
    if (entry.startsWith('@') && stat.isDirectory()) {
      linkNodeModules(from, to, candidateRoot);
    } else if (stat.isSymbolicLink()) {
      const link = readlinkSync(from);
      const resolved = resolve(dirname(from), link);
      const insideWorkspace = !relative(candidateRoot, resolved).startsWith('..') && !resolved.includes(`${'node_modules'}`);
      symlinkSync(insideWorkspace ? link : resolved, to);
      // npm nests a workspace package's own versions of its dependencies in its folder (not in git): the same lockfile, the same folder.
      const nested = join(resolved, 'node_modules');
      const mirror = resolve(dirname(to), link, 'node_modules');
      if (insideWorkspace && existsSync(nested) && existsSync(dirname(mirror)) && !existsSync(mirror)) symlinkSync(nested, mirror);
    } else {
      symlinkSync(from, to);
    }
  }
}

/** The bench worker script a project would run: its own installed @frozen-duckdb/bench. */
export function workerScriptFor(projectDir: string): string | undefined {
  try {
    const entry = createRequire(join(projectDir, 'package.json')).resolve('@frozen-duckdb/bench');
    const script = join(dirname(entry), 'worker', 'entry.js');
    return existsSync(script) ? script : undefined;
  } catch {
    return undefined;
  }
}
