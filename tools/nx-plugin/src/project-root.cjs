'use strict';
// Which Nx project a suite file belongs to: the nearest folder with a project.json or package.json.

const { existsSync } = require('node:fs');
const { join, posix } = require('node:path');

/** Folders the CLI never searches for suites; a suite there would get targets that find nothing. */
const SKIPPED = new Set(['node_modules', 'dist', 'coverage', 'tmp']);

/**
 * The project root (relative, posix) that owns `file`, or undefined when the file is in a folder the
 * CLI skips or no project folder holds it. The workspace root counts only with its own project.json:
 * its package.json is the workspace's, not a project's.
 * @param {string} file workspace-relative path, as Nx passes it
 * @param {string} workspaceRoot
 * @returns {string | undefined}
 */
function projectRootOf(file, workspaceRoot) {
  const parts = file.split('/');
  if (parts.slice(0, -1).some((part) => SKIPPED.has(part) || part.startsWith('.'))) return undefined;
  for (let dir = posix.dirname(file); ; dir = posix.dirname(dir)) {
    if (dir === '.' || dir === '') return existsSync(join(workspaceRoot, 'project.json')) ? '.' : undefined;
    if (existsSync(join(workspaceRoot, dir, 'project.json')) || existsSync(join(workspaceRoot, dir, 'package.json'))) return dir;
  }
}

/**
 * Suite files grouped by the project that owns them, in a stable order.
 * @param {readonly string[]} files
 * @param {string} workspaceRoot
 * @returns {Map<string, string[]>} project root -> its suite files
 */
function groupByProject(files, workspaceRoot) {
  /** @type {Map<string, string[]>} */
  const byRoot = new Map();
  for (const file of [...files].sort()) {
    const root = projectRootOf(file, workspaceRoot);
    if (root === undefined) continue;
    const list = byRoot.get(root) ?? [];
    list.push(file);
    byRoot.set(root, list);
  }
  return byRoot;
}

module.exports = { projectRootOf, groupByProject, SKIPPED };
