import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Whether a process with this pid runs (EPERM: it runs, as another user). Locks, temp files and worktrees left by dead runs are taken over. */
export function isProcessAlive(pid: number): boolean {
  // 0 and negative numbers name process groups, not a process.
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * What runs that no longer exist left in `dir`: the entries `parse` recognises (it reads the pid from the
 * name), whose process is gone. Empty when the folder cannot be read.
 */
export function leftByDeadProcesses<T extends { pid: number }>(dir: string, parse: (name: string) => T | undefined): (T & { path: string })[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const found = parse(name);
    // A name that does not hold a real pid is nobody's leftover.
    if (!found || !Number.isInteger(found.pid) || found.pid <= 0 || isProcessAlive(found.pid)) return [];
    return [{ ...found, path: join(dir, name) }];
  });
}
