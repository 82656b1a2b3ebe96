import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/** Words for the error codes a user meets when a folder cannot be written. */
const REASONS: Record<string, string> = {
  ENOTDIR: 'a part of the path is a file, not a folder',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'the disk is full',
  // Node's recursive mkdir reports ENOENT when a parent cannot be created (a read-only file system, too).
  ENOENT: 'it cannot be created here (read-only file system, or a parent that cannot be made)',
};

/**
 * Node's or DuckDB's error for a disk that is full or read-only while writing into `dir`, as the error
 * that names the folder and what to do (exit 2); undefined for any other error.
 */
export function diskFault(error: unknown, dir: string): OutputNotWritableError | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = (error as { duckdbMessage?: string } | undefined)?.duckdbMessage ?? (error instanceof Error ? error.message : String(error));
  if (code === 'ENOSPC' || code === 'EDQUOT' || /No space left on device|Disk quota exceeded/i.test(message)) {
    return new OutputNotWritableError(dir, 'the disk is full', 'free some space (the files written so far were removed), or write somewhere else');
  }
  if (code === 'EROFS' || /Read-only file system/i.test(message)) return new OutputNotWritableError(dir, REASONS['EROFS']!);
  return undefined;
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
    const code = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
    throw new OutputNotWritableError(dir, REASONS[code] ?? code);
  }
}

/**
 * Removes what a killed writer of `finalPath` left: its temporary file and DuckDB's .wal beside it, named
 * with the pid of a process that no longer runs. (A SIGKILL leaves them; so can DuckDB writing its WAL
 * again while the process exits on SIGINT.)
 */
function removeStaleTemps(finalPath: string): void {
  const prefix = `.${basename(finalPath)}.tmp-`;
  let entries: string[];
  try {
    entries = readdirSync(dirname(finalPath));
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.startsWith(prefix)) continue;
    const match = /^(\d+)-[0-9a-f]{8}(\.wal)?$/.exec(entry.slice(prefix.length));
    if (match && !isRunning(Number(match[1]))) rmSync(join(dirname(finalPath), entry), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Outputs being written now: their temporary files are removed however the process ends (SIGKILL aside). */
const unfinished = new Set<AtomicOutputs>();
let exitHooked = false;

function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', () => {
    for (const outputs of unfinished) outputs.abort();
  });
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.on(signal, () => {
      // Exit (which removes the temporary files above) unless another handler, e.g. the gate's cleanup, will.
      if (process.listenerCount(signal) === 1) process.exit(code);
    });
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
    removeStaleTemps(finalPath);
    const temp = join(dirname(finalPath), `.${basename(finalPath)}.tmp-${this.tag}`);
    this.pending.set(finalPath, temp);
    hookExit();
    unfinished.add(this);
    return temp;
  }

  /** Renames every temporary file to its final name. */
  commit(): void {
    for (const [finalPath, temp] of this.pending) renameSync(temp, finalPath);
    this.pending.clear();
    unfinished.delete(this);
  }

  /** Deletes every temporary file (and DuckDB's .wal beside it). */
  abort(): void {
    for (const temp of this.pending.values()) {
      rmSync(temp, { force: true, recursive: true });
      rmSync(`${temp}.wal`, { force: true });
    }
    this.pending.clear();
    unfinished.delete(this);
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
