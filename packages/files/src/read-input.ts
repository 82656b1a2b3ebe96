import { closeSync, constants, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { onCleanup } from './cleanup.js';
import { recoverCommits } from './commit-journal.js';
import { InputFileError } from './errors.js';
import { errorCode, fsReason } from './fs-reason.js';
import { sleep } from './wait.js';

export type PathKind = 'missing' | 'file' | 'folder' | 'pipe' | 'device' | 'socket';

/** What `path` names now (links followed): a FIFO or process substitution (`<(cmd)`, /dev/fd/N) is a pipe. */
export function pathKind(path: string): PathKind {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    // A name too long, a loop of links, a folder that cannot be searched: no file can be read or written there.
    const { reason, category } = fsReason(error);
    throw new InputFileError(path, `${path}: ${reason}`, { category, hint: 'pass another path', cause: error });
  }
  if (stat.isFile()) return 'file';
  if (stat.isDirectory()) return 'folder';
  if (stat.isFIFO()) return 'pipe';
  if (stat.isSocket()) return 'socket';
  return 'device';
}

// How long a pipe may stay without a writer before it counts as empty: a FIFO's writer may open it just after we do.
const WRITER_GRACE_MS = 2000;

/**
 * Reads a pipe until its writer closes it, chunk by chunk. Opened without blocking, so a FIFO whose
 * writer is gone ends (empty) instead of hanging the process; waits between reads let signals in.
 */
async function drainPipe(path: string, onChunk: (chunk: Buffer) => void): Promise<number> {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const buffer = Buffer.allocUnsafe(1 << 16);
    const started = Date.now();
    let total = 0;
    let idle = 0;
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buffer, 0, buffer.length, null);
      } catch (error) {
        if (errorCode(error) !== 'EAGAIN') throw error;
        await sleep(Math.min(50, ++idle));
        continue;
      }
      if (n === 0) {
        if (total === 0 && Date.now() - started < WRITER_GRACE_MS) {
          await sleep(Math.min(50, ++idle));
          continue;
        }
        return total;
      }
      idle = 0;
      total += n;
      onChunk(Buffer.from(buffer.subarray(0, n)));
    }
  } finally {
    closeSync(fd);
  }
}

function checkReadable(path: string, name: string, kind: PathKind): void {
  switch (kind) {
    case 'missing':
      throw new InputFileError(path, `${name} ${path} does not exist`, { hint: `check the path of ${name}` });
    case 'folder':
      throw new InputFileError(path, `${name} ${path} is a folder, not a file`, { hint: 'pass a file path' });
    case 'device':
    case 'socket':
      throw new InputFileError(path, `${name} ${path} is a ${kind}, not a file`, { hint: 'save the data to a file and pass that file' });
    default:
  }
}

function emptyPipe(path: string, name: string): InputFileError {
  return new InputFileError(path, `${name} ${path} is a pipe that gave no data (its writer finished before, or never started)`, {
    hint: 'save the data to a file and pass that file, or start the writer and read the pipe once',
  });
}

function readError(path: string, name: string, error: unknown): InputFileError {
  const { reason, category } = fsReason(error);
  return new InputFileError(path, `${name} ${path} cannot be read: ${reason}`, {
    category,
    hint: `check the path of ${name} and its permissions`,
    cause: error,
  });
}

/** The bytes of an input: a regular file, or a pipe (FIFO, `<(cmd)`) read until its writer closes it. */
export async function readInput(path: string, name: string): Promise<Buffer> {
  const kind = pathKind(path);
  checkReadable(path, name, kind);
  if (kind === 'file') recoverCommits(dirname(path));
  try {
    if (kind === 'file') return readFileSync(path);
    const chunks: Buffer[] = [];
    if ((await drainPipe(path, (chunk) => chunks.push(chunk))) === 0) throw emptyPipe(path, name);
    return Buffer.concat(chunks);
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    throw readError(path, name, error);
  }
}

export interface RegularInput {
  /** A regular file holding the input's bytes: the input itself, or a copy of a pipe's. */
  path: string;
  copied: boolean;
  /** Removes the copy (also done on SIGINT/SIGTERM and at exit). */
  dispose: () => void;
}

/**
 * The input as a regular file, for readers that need one (DuckDB sniffs a CSV and reads it again): a
 * pipe is copied to a temporary file first, under its own name so that extensions still tell the format.
 */
export async function regularInput(path: string, name: string): Promise<RegularInput> {
  const kind = pathKind(path);
  checkReadable(path, name, kind);
  if (kind === 'file') {
    recoverCommits(dirname(path));
    return { path, copied: false, dispose: () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), 'frozen-duckdb-input-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const stop = onCleanup(remove);
  process.once('exit', remove);
  const dispose = () => {
    process.removeListener('exit', remove);
    void stop();
  };
  const copy = join(dir, basename(path) || 'input');
  try {
    const fd = openSync(copy, 'wx');
    let total: number;
    try {
      total = await drainPipe(path, (chunk) => {
        for (let at = 0; at < chunk.length;) at += writeSync(fd, chunk, at, chunk.length - at);
      });
    } finally {
      closeSync(fd);
    }
    if (total === 0) throw emptyPipe(path, name);
    return { path: copy, copied: true, dispose };
  } catch (error) {
    dispose();
    if (error instanceof InputFileError) throw error;
    throw readError(path, name, error);
  }
}

/** Checks that a folder input (a dataset folder, an export) exists and is a folder; names it and the fix otherwise. */
export function checkInputFolder(path: string, name: string): void {
  const kind = pathKind(path);
  if (kind === 'folder') {
    // A set of files a killed writer left half replaced is put back whole before anything reads it.
    recoverCommits(path);
    return;
  }
  if (kind === 'missing') throw new InputFileError(path, `${name} ${path} does not exist`, { hint: `check the path of ${name}` });
  throw new InputFileError(path, `${name} ${path} is not a folder`, { hint: 'pass the folder that holds the files' });
}

/** A file's size in bytes, 0 when it does not exist. */
export function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
