import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DatasetInputError, OutputExistsError, OutputNotWritableError } from './errors.js';

/** Refuses to go on when any of `paths` exists and `force` is not set. */
export function checkNotExisting(paths: string[], force: boolean): void {
  if (force) return;
  const existing = paths.filter((p) => existsSync(p));
  if (existing.length > 0) throw new OutputExistsError(existing);
}

/** Checks that `path` exists (as a file, or a folder with `folder`); names it and the fix otherwise. */
export function checkInput(path: string, what: string, folder = false): void {
  if (!existsSync(path)) {
    throw new DatasetInputError(`${what} ${path} does not exist`, `check the path of ${what}`);
  }
  const isDir = statSync(path).isDirectory();
  if (folder && !isDir) throw new DatasetInputError(`${what} ${path} is not a folder`, `pass the folder that holds the files`);
  if (!folder && isDir) throw new DatasetInputError(`${what} ${path} is a folder, not a file`, 'pass a file path');
}

/**
 * Makes sure `dir` exists and can be written, by creating it (and its parents) and writing a probe file.
 * Throws OutputNotWritableError and leaves nothing behind otherwise. Returns a function that removes the
 * folders it created, for a run that fails later.
 */
export function ensureWritableFolder(dir: string): () => void {
  let created: string | undefined;
  const undo = () => {
    if (created) rmSync(created, { recursive: true, force: true });
  };
  try {
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw new Error('it is a file, not a folder');
    created = mkdirSync(dir, { recursive: true });
    const probe = join(dir, `.frozen-duckdb-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
    writeFileSync(probe, '');
    rmSync(probe);
    return undo;
  } catch (error) {
    undo();
    const reason = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
    throw new OutputNotWritableError(dir, reason === 'ENOTDIR' ? 'a part of the path is a file, not a folder' : reason);
  }
}

/**
 * Outputs written under temporary names in their final folder and renamed into place together at the end,
 * so that a failure leaves neither half-written files nor a mix of old and new ones.
 */
export class AtomicOutputs {
  private readonly pending = new Map<string, string>();
  private readonly tag = `${process.pid}-${randomBytes(4).toString('hex')}`;

  /** The temporary path to write instead of `finalPath`. */
  temp(finalPath: string): string {
    const temp = join(dirname(finalPath), `.${basename(finalPath)}.tmp-${this.tag}`);
    this.pending.set(finalPath, temp);
    return temp;
  }

  /** Renames every temporary file to its final name. */
  commit(): void {
    for (const [finalPath, temp] of this.pending) renameSync(temp, finalPath);
    this.pending.clear();
  }

  /** Deletes every temporary file (and DuckDB's .wal beside it). */
  abort(): void {
    for (const temp of this.pending.values()) {
      rmSync(temp, { force: true, recursive: true });
      rmSync(`${temp}.wal`, { force: true });
    }
    this.pending.clear();
  }
}

/** Runs `write` with atomic outputs: commit on success, abort (and rethrow) on failure. */
export async function withAtomicOutputs<T>(write: (outputs: AtomicOutputs) => Promise<T>): Promise<T> {
  const outputs = new AtomicOutputs();
  try {
    const result = await write(outputs);
    outputs.commit();
    return result;
  } catch (error) {
    outputs.abort();
    throw error;
  }
}

/** A file's size in bytes, 0 when it does not exist. */
export function fileSize(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}
