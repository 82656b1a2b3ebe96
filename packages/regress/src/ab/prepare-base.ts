import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { FrozenDuckDBError } from '@frozen-duckdb/core';

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
}

const LOCKFILE = 'package-lock.json';

/**
 * Makes a worktree runnable: node_modules reused from the candidate when the lockfiles are
 * identical (every package linked, workspace packages pointed at the worktree's own sources),
 * `npm ci` otherwise; then the workspace's build script.
 */
export function prepareTree(worktree: string, candidateRoot: string, commit: string, buildScript = 'build'): PreparedTree {
  const started = performance.now();
  const sameLock =
    existsSync(join(worktree, LOCKFILE)) &&
    existsSync(join(candidateRoot, LOCKFILE)) &&
    readFileSync(join(worktree, LOCKFILE)).equals(readFileSync(join(candidateRoot, LOCKFILE))) &&
    existsSync(join(candidateRoot, 'node_modules'));
  if (sameLock) {
    linkNodeModules(join(candidateRoot, 'node_modules'), join(worktree, 'node_modules'), candidateRoot);
  } else {
    const install = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: worktree, encoding: 'utf8' });
    if (install.status !== 0) throw new BaseBuildError(commit, 'install (npm ci)', `${install.stdout}\n${install.stderr}`);
  }
  const installMs = performance.now() - started;
  const manifest = JSON.parse(readFileSync(join(worktree, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  if (manifest.scripts?.[buildScript]) {
    const build = spawnSync('npm', ['run', buildScript], {
      cwd: worktree,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true' },
    });
    if (build.status !== 0) throw new BaseBuildError(commit, `build (npm run ${buildScript})`, `${build.stdout}\n${build.stderr}`);
  }
  return { install: sameLock ? 'linked' : 'npm ci', installMs, buildMs: performance.now() - started - installMs };
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
