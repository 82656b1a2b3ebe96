import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { libraryVersion } from '@frozen-duckdb/core';
import { dumpTotals } from './callgrind.js';

/** What one benchmark's counted calls did inside DuckDB's C API. */
export interface InstructionCount {
  /** Instructions per call (mean over the counted calls). */
  perIteration: number;
  /** Counted calls (after one uncounted warm-up call). */
  iterations: number;
  /** Each counted call's instructions, to show that they agree. */
  calls: number[];
}

/** The dumps callgrind wrote for this process so far, oldest first. */
function dumps(dir: string): string[] {
  const prefix = `callgrind.out.${process.pid}.`;
  return readdirSync(dir)
    .filter((name) => name.startsWith(prefix))
    .sort((a, b) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)))
    .map((name) => join(dir, name));
}

/** The instructions of the newest dump; every dump read is removed. */
function takeNewest(dir: string): number {
  const files = dumps(dir);
  const newest = files.at(-1);
  if (!newest) throw new Error(`no callgrind dump in ${dir}: this worker is not running under callgrind`);
  const instructions = dumpTotals(readFileSync(newest, 'utf8')).Ir;
  for (const file of files) rmSync(file, { force: true });
  if (instructions === undefined) throw new Error(`${newest} counts no Ir event`);
  return instructions;
}

/**
 * A full garbage collection, then two turns of the event loop for the finalizers it queued (Node runs
 * native finalizers after the collection, not in it): what earlier calls left behind is freed now,
 * before the marker, instead of at some point inside the next counted call.
 */
async function collectGarbage(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return;
  gc();
  await new Promise((done) => setImmediate(done));
  await new Promise((done) => setImmediate(done));
}

/**
 * Counts one benchmark in a worker running under callgrind (see callgrind.ts): one warm-up call, then
 * `iterations` counted calls. Each call sits between two markers; a marker dumps what ran since the
 * one before, so the hook and the warm-up fall in dumps that are dropped.
 */
export async function countInstructions(target: { fn: () => unknown; beforeEach?: () => unknown }, iterations: number, dir: string): Promise<InstructionCount> {
  const calls: number[] = [];
  for (let call = 0; call <= iterations; call++) {
    if (target.beforeEach) await target.beforeEach();
    await collectGarbage();
    libraryVersion();
    await target.fn();
    libraryVersion();
    const instructions = takeNewest(dir);
    if (call > 0) calls.push(instructions);
  }
  return { perIteration: calls.reduce((s, n) => s + n, 0) / calls.length, iterations, calls };
}
