import { accessSync, constants, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FrozenDuckDBError } from '@frozen-duckdb/core';

/** An output file (--json, --markdown, ...) that cannot be written: names the file, the reason and the fix. */
export class OutputFileError extends FrozenDuckDBError {
  readonly path: string;

  constructor(path: string, reason: string, category: 'usage' | 'environment' = 'environment') {
    super(`cannot write ${path}: ${reason}`, {
      category,
      hint: category === 'usage' ? 'pass a file path in a folder that exists' : 'free some space or choose a folder you can write to',
    });
    this.path = path;
  }
}

function reasonOf(error: unknown): { reason: string; category: 'usage' | 'environment' } {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return { reason: 'its folder does not exist', category: 'usage' };
    case 'ENOTDIR': return { reason: 'a part of its path is a file, not a folder', category: 'usage' };
    case 'EISDIR': return { reason: 'it is a folder', category: 'usage' };
    case 'ENAMETOOLONG': return { reason: 'the name is too long', category: 'usage' };
    case 'ENOSPC': return { reason: 'the disk is full', category: 'environment' };
    case 'EDQUOT': return { reason: 'the disk quota is used up', category: 'environment' };
    case 'EROFS': return { reason: 'the file system is read-only', category: 'environment' };
    case 'EACCES':
    case 'EPERM': return { reason: 'permission denied', category: 'environment' };
    default: return { reason: error instanceof Error ? error.message : String(error), category: 'environment' };
  }
}

/**
 * Fails before any work when `path` cannot be written: its folder is missing, read-only or not a
 * folder, or the path is a folder itself. Measuring for minutes and then losing the results to a
 * typo in --json is the failure this prevents.
 */
export function checkOutputFile(path: string): void {
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      const { reason, category } = reasonOf(error);
      throw new OutputFileError(path, reason, category);
    }
  }
  const dir = dirname(path);
  try {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    const { reason, category } = reasonOf(error);
    throw new OutputFileError(path, reason, category);
  }
}

/**
 * Writes a file whole or not at all: a temp file in the same folder, then rename. A pipe or device
 * (/dev/stdout, a FIFO) is written in place, and a symbolic link keeps pointing at the file it names.
 */
export function writeFileAtomic(path: string, text: string): void {
  let target = path;
  try {
    const stat = statSync(path);
    if (!stat.isFile() && !stat.isDirectory()) {
      writeFileSync(path, text);
      return;
    }
    target = realpathSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      const { reason, category } = reasonOf(error);
      throw new OutputFileError(path, reason, category);
    }
  }
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    const { reason, category } = reasonOf(error);
    throw new OutputFileError(path, reason, category);
  }
}
