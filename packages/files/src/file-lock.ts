import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { onCleanup } from './cleanup.js';
import { LockedError, OutputFileError } from './errors.js';
import { createReason } from './folders.js';
import { errorCode } from './fs-reason.js';
import { isProcessAlive } from './process-alive.js';
import { backoffMs, sleep } from './wait.js';

interface Holder {
  pid: number;
  host: string;
  token: string;
}

export type LockAttempt = { release: () => void } | { busy: string };

/**
 * Takes the lock file `lockPath` (created exclusively, naming our pid and host), waiting until
 * `deadline` (epoch ms; now: one attempt). A lock left by a process that is gone is taken over. The
 * lock goes however the process ends (SIGKILL aside: then the next taker finds its process gone).
 * Returns the release function, or the holder's description when the deadline passed; a lock file
 * that cannot be made at all (a read-only folder) throws the fs error.
 */
export async function acquireLock(lockPath: string, deadline = 0): Promise<LockAttempt> {
  const me: Holder = { pid: process.pid, host: hostname(), token: randomUUID() };
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(lockPath, JSON.stringify(me), { flag: 'wx' });
      // Only our own lock: a takeover after a long stall must not lose the new holder's.
      const release = () => {
        if (readHolder(lockPath)?.token === me.token) rmSync(lockPath, { force: true });
      };
      const stop = onCleanup(release);
      process.once('exit', release);
      return {
        release: () => {
          process.removeListener('exit', release);
          void stop();
        },
      };
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    const holder = readHolder(lockPath);
    if (isStale(lockPath, holder)) {
      rmSync(lockPath, { force: true });
      continue;
    }
    if (Date.now() >= deadline) return { busy: holder ? `lock held by pid ${holder.pid} on ${holder.host}` : 'lock being taken' };
    await sleep(Math.min(backoffMs(attempt), Math.max(1, deadline - Date.now())));
  }
}

/**
 * Runs `fn` holding `<path>.lock`; another live holder raises LockedError at once (or after `waitMs`),
 * a lock file that cannot be made raises OutputFileError naming the folder.
 */
export async function withFileLock<T>(path: string, fn: () => Promise<T>, options: { waitMs?: number } = {}): Promise<T> {
  const lockPath = `${path}.lock`;
  let lock: LockAttempt;
  try {
    lock = await acquireLock(lockPath, Date.now() + (options.waitMs ?? 0));
  } catch (error) {
    const { reason, category } = createReason(error, dirname(lockPath));
    throw new OutputFileError(path, `cannot create its lock file ${lockPath}: ${reason}`, {
      category,
      hint: 'run it where you can write (a read-only checkout cannot take the lock)',
      cause: error,
    });
  }
  if ('busy' in lock) throw new LockedError(path, lock.busy);
  try {
    return await fn();
  } finally {
    lock.release();
  }
}

function readHolder(path: string): Holder | undefined {
  try {
    const text = readFileSync(path, 'utf8');
    // Older versions wrote the pid alone.
    if (/^\d+$/.test(text.trim())) return { pid: Number(text), host: hostname(), token: '' };
    const value = JSON.parse(text) as Partial<Holder>;
    return typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string' ? (value as Holder) : undefined;
  } catch {
    return undefined;
  }
}

/** A lock whose process is gone (same host), or that stayed unreadable for seconds (its writer died creating it). */
function isStale(path: string, holder: Holder | undefined): boolean {
  if (holder) return holder.host === hostname() && !isProcessAlive(holder.pid);
  try {
    return Date.now() - statSync(path).mtimeMs > 5000;
  } catch {
    return false;
  }
}
