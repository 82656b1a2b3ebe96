import { lstatSync, mkdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { OutputFileError } from './errors.js';
import { errorCode, fsReason, type FsReason } from './fs-reason.js';

/** The nearest path at or above `path` that exists (a folder, or a file where a folder was expected), and the names below it that do not. */
export function nearestExisting(path: string): { existing: string; missing: string[] } {
  let current = resolve(path);
  const missing: string[] = [];
  for (;;) {
    try {
      statSync(current);
      return { existing: current, missing };
    } catch (error) {
      const code = errorCode(error);
      // ENOTDIR: a file sits higher up; keep climbing to find it.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      const parent = dirname(current);
      if (parent === current) return { existing: current, missing };
      missing.unshift(basename(current));
      current = parent;
    }
  }
}

/**
 * Where a write to `path` lands: through symbolic links, also one whose target does not exist yet (the
 * write creates that target, as a shell's `>` does, and the link keeps pointing at it).
 */
export function linkTarget(path: string): string {
  let current = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    try {
      if (!lstatSync(current).isSymbolicLink()) return current;
      current = resolve(dirname(current), readlinkSync(current));
    } catch {
      return current;
    }
  }
  return current;
}

/** Whether anything is at `path` (links followed); false also when it cannot be looked at. */
export function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Why a new entry cannot be made in an existing folder (ENOENT there means the folder takes no new files, as /proc does). */
export function createReason(error: unknown, folder: string): FsReason {
  return errorCode(error) === 'ENOENT' ? { reason: `files cannot be created in ${folder}`, category: 'environment' } : fsReason(error);
}

/**
 * `mkdir -p` that says why it could not, and never hangs: Node's recursive mkdir loops for ever where
 * mkdir answers ENOENT inside an existing folder (/proc). Returns a function that removes the folders
 * it made, for a run that fails later.
 */
export function makeFolders(dir: string): () => void {
  const { existing, missing } = nearestExisting(dir);
  if (!isFolder(existing)) {
    throw new OutputFileError(dir, `${existing} is a file, not a folder`, {
      category: 'usage',
      hint: 'pass a path whose folders are folders, or move that file away',
    });
  }
  let current = existing;
  let first: string | undefined;
  for (const name of missing) {
    const parent = current;
    current = join(current, name);
    try {
      mkdirSync(current);
      first ??= current;
    } catch (error) {
      // Made meanwhile by another process: fine.
      if (errorCode(error) === 'EEXIST' && isFolder(current)) continue;
      if (first) rmSync(first, { recursive: true, force: true });
      const { reason, category } = createReason(error, parent);
      throw new OutputFileError(dir, reason, { category, cause: error });
    }
  }
  return () => {
    if (first) rmSync(first, { recursive: true, force: true });
  };
}
