import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { isProcessAlive } from '@frozen-duckdb/regress';

interface Holder {
  pid: number;
  host: string;
  token: string;
}

/** Waits between attempts: short and jittered, so waiting writers do not retry in step. */
export function backoffMs(attempt: number): number {
  return Math.min(250, 20 * 2 ** Math.min(attempt, 4)) * (0.5 + Math.random());
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/**
 * Takes the writers' lock file (created exclusively, naming our pid and host), waiting until
 * `deadline` (epoch ms). A lock left by a process that is gone is taken over. Returns the release
 * function, or the holder's description when the deadline passed.
 */
export async function acquireLock(path: string, deadline: number): Promise<{ release: () => void } | { busy: string }> {
  const me: Holder = { pid: process.pid, host: hostname(), token: randomUUID() };
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, JSON.stringify(me), { flag: 'wx' });
      const release = () => {
        // Only our own lock: a takeover after a long stall must not lose the new holder's.
        if (readHolder(path)?.token === me.token) rmSync(path, { force: true });
      };
      process.once('exit', release);
      return {
        release: () => {
          process.removeListener('exit', release);
          release();
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(path);
    if (isStale(path, holder)) {
      rmSync(path, { force: true });
      continue;
    }
    if (Date.now() >= deadline) return { busy: holder ? `lock held by pid ${holder.pid} on ${holder.host}` : 'lock being taken' };
    await sleep(Math.min(backoffMs(attempt), Math.max(1, deadline - Date.now())));
  }
}

function readHolder(path: string): Holder | undefined {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
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
