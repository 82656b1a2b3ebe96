import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { findWorkspaceRoot } from '@frozen-duckdb/core';

/** Folders never copied: installed packages, build outputs, caches and reports. */
const SKIPPED = new Set(['node_modules', '.git', '.nx', 'dist', 'reports', 'tmp', 'coverage', '.bench']);

/** The workspace to measure: the root at or above `start`, which must be there. */
export function workspaceToMeasure(start: string): string {
  const root = findWorkspaceRoot(start);
  if (root === undefined) throw new Error(`no nx.json at or above ${start}: build-bench measures an Nx workspace`);
  return root;
}

/**
 * The workspace's source files as they are on disk (tracked and untracked, without what git ignores),
 * relative to `root`. Outside a git repository: every file outside the skipped folders.
 */
export function workspaceFiles(root: string): string[] {
  const git = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
  if (git.status === 0) {
    // --cached lists files deleted in the working tree too; only what exists is copied.
    return [...new Set(git.stdout.split('\0').filter((f) => f !== ''))].filter((f) => !f.split('/').some((p) => SKIPPED.has(p)) && isFile(join(root, f)));
  }
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) walk(join(dir, entry.name));
      } else if (entry.isFile()) {
        files.push(relative(root, join(dir, entry.name)));
      }
    }
  };
  walk(root);
  return files.sort();
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Copies the workspace's sources to `target` and gives the copy a node_modules of links: installed
 * packages point at the source's (nothing is downloaded or installed), while links into the workspace
 * (npm workspaces: `@frozen-duckdb/core -> ../../packages/core`) are recreated relative, so that the
 * copy builds and imports its own packages. Returns the number of files copied.
 */
export function copyWorkspace(source: string, target: string): number {
  const files = workspaceFiles(source);
  for (const file of files) {
    mkdirSync(dirname(join(target, file)), { recursive: true });
    copyFileSync(join(source, file), join(target, file));
  }
  const modules = join(source, 'node_modules');
  if (existsSync(modules)) linkModules(modules, join(target, 'node_modules'));
  return files.length;
}

/** Mirrors one node_modules level: scopes and .bin are recursed into, symlinks keep their text, packages become links. */
function linkModules(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    if (entry === '.cache' || entry === '.package-lock.json') continue;
    const source = join(from, entry);
    const stat = lstatSync(source);
    if (stat.isSymbolicLink()) {
      symlinkSync(readlinkSync(source), join(to, entry));
    } else if (stat.isDirectory() && (entry.startsWith('@') || entry === '.bin')) {
      linkModules(source, join(to, entry));
    } else {
      symlinkSync(source, join(to, entry));
    }
  }
}
