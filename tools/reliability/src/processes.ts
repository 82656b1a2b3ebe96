import { readdirSync, readFileSync } from 'node:fs';

/** A unique environment entry: every process the CLI starts inherits it, so leftovers can be found after their parent died. */
export function newMark(label: string): { key: string; value: string } {
  return { key: 'FROZEN_DUCKDB_RELIABILITY_MARK', value: `${label}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}` };
}

/** Live processes (Linux /proc) whose environment carries the mark; zombies are dead and not counted. */
export function processesMarked(mark: { key: string; value: string }): number[] {
  const needle = `${mark.key}=${mark.value}\0`;
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const state = /^State:\s+(\S)/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1];
      if (state === 'Z' || state === 'X') continue;
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').includes(needle)) pids.push(Number(entry));
    } catch {
      // gone already
    }
  }
  return pids;
}

/** Waits up to `ms` for every marked process to end; returns those still alive. */
export async function waitForNoneMarked(mark: { key: string; value: string }, ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const alive = processesMarked(mark);
    if (alive.length === 0 || Date.now() > deadline) return alive;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Kills leftovers a failed test found, so that one failure does not slow the rest. */
export function killAll(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}
