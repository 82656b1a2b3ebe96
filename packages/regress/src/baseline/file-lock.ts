import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { LockedError } from '../errors.js';

/**
 * Runs `fn` holding `path.lock` (created exclusively, holding our pid). A lock whose process is
 * gone is taken over; a live one raises LockedError.
 */
export async function withFileLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${path}.lock`;
  acquire(lock, path);
  const release = () => rmSync(lock, { force: true });
  process.once('exit', release);
  try {
    return await fn();
  } finally {
    process.removeListener('exit', release);
    release();
  }
}

function acquire(lock: string, path: string): void {
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number(readFileSync(lock, 'utf8'));
    if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) throw new LockedError(path, `pid ${holder}`);
    rmSync(lock, { force: true });
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
