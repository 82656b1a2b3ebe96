import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { onCleanup } from '../cleanup.js';
import { isProcessAlive } from '../process-alive.js';
import { BaselineError, LockedError } from '../errors.js';

/**
 * Runs `fn` holding `path.lock` (created exclusively, holding our pid). A lock whose process is
 * gone is taken over; a live one raises LockedError. The lock goes however the process ends:
 * normally, on an error, or on SIGINT/SIGTERM.
 */
export async function withFileLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${path}.lock`;
  acquire(lock, path);
  // Only our own lock is removed: a second process may have taken over one we lost.
  const release = () => {
    if (holderOf(lock) === process.pid) rmSync(lock, { force: true });
  };
  const stop = onCleanup(release);
  process.once('exit', release);
  try {
    return await fn();
  } finally {
    process.removeListener('exit', release);
    await stop();
  }
}

function holderOf(lock: string): number | undefined {
  try {
    return Number(readFileSync(lock, 'utf8'));
  } catch {
    return undefined;
  }
}

function create(lock: string, path: string): void {
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw error;
    // A read-only checkout or a folder we may not write: say so, not a stack trace.
    throw new BaselineError(path, `cannot create its lock file ${lock} (${code ?? String(error)})`, 'record from a checkout you can write to');
  }
}

function acquire(lock: string, path: string): void {
  try {
    create(lock, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = holderOf(lock);
    if (holder !== undefined && Number.isInteger(holder) && holder > 0 && isProcessAlive(holder)) throw new LockedError(path, `pid ${holder}`);
    rmSync(lock, { force: true });
    create(lock, path);
  }
}
