// A throwaway project in a real git repository, for the tests that run bench, compare or the gate on one:
// imported by a relative path, like run-cli.ts. Its node_modules links this checkout's bench and core, so
// its suites import '@frozen-duckdb/bench' as a user's would, and the empty lockfile lets a base worktree
// reuse those links instead of running npm ci.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { WORKSPACE } from './run-cli.js';

/** git in `cwd`, its output trimmed; a failure throws with git's message. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
}

export interface ScratchProjectOptions {
  /** Lines of .gitignore besides node_modules/. */
  ignore?: string[];
  /** npm scripts of its package.json (a build script makes compare build the base). */
  scripts?: Record<string, string>;
  /** An empty nx.json: the project's folder is a workspace root. */
  nx?: boolean;
  /** Files by path relative to the project, folders made as needed. */
  files?: Record<string, string>;
  /** Link this checkout's packages into node_modules (default: bench and core). */
  links?: string[];
  /** Where to make it (default: a new temporary folder named after `prefix`). */
  dir?: string;
}

/**
 * A git repository (branch main, an identity set, nothing committed) holding a private ESM package with
 * an empty lockfile, the given files, and node_modules links to this checkout's packages.
 */
export function scratchProject(prefix: string, options: ScratchProjectOptions = {}): string {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'user.name', 'test');
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'demo', private: true, type: 'module', ...(options.scripts ? { scripts: options.scripts } : {}) }),
    'package-lock.json': JSON.stringify({ name: 'demo', lockfileVersion: 3, packages: {} }),
    '.gitignore': ['node_modules/', ...(options.ignore ?? [])].join('\n') + '\n',
    ...(options.nx ? { 'nx.json': '{}' } : {}),
    ...options.files,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  mkdirSync(join(dir, 'node_modules', '@frozen-duckdb'), { recursive: true });
  for (const pkg of options.links ?? ['bench', 'core']) symlinkSync(join(WORKSPACE, 'packages', pkg), join(dir, 'node_modules', '@frozen-duckdb', pkg));
  return dir;
}

/** Stages everything and commits it; returns the new commit's hash. */
export function commitAll(dir: string, message: string): string {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}
