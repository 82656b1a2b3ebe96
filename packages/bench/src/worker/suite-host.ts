/**
 * What a process that hosts suites needs (the bench worker and the truth process): a database of its
 * own, folders removed however it ends, the context a suite's functions receive, and a benchmark's
 * calls. Imported only by those entry scripts: it installs an exit hook.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database, type Connection } from '@frozen-duckdb/core';
import { SuiteSkipped } from '../errors.js';
import type { ExpandedBenchmark } from '../expand.js';
import type { Profile, SuiteContext } from '../suite.js';
import type { Note } from './setup-snapshot.js';
import { workerTempPrefix } from './temp-dir.js';

// Removed however the process ends, a disconnect in the middle of a setup included; after a SIGKILL the runner removes them.
export const ownFolders = new Set<string>();
process.on('exit', () => {
  for (const dir of ownFolders) rmSync(dir, { recursive: true, force: true });
});

export interface OwnDatabase {
  db: Database;
  connection: Connection;
  /** DuckDB's spill folder, this process's own. */
  spillDir: string;
}

/** A fresh in-memory database with the pinned settings, spilling into this process's own folder. */
export async function openDatabase(settings: Record<string, string>): Promise<OwnDatabase> {
  const spillDir = mkdtempSync(join(tmpdir(), workerTempPrefix(process.pid)));
  ownFolders.add(spillDir);
  const db = await Database.open(':memory:', { settings: { temp_directory: join(spillDir, 'duckdb.tmp'), ...settings } });
  return { db, connection: await db.connect(), spillDir };
}

/** What setup, teardown and the benchmarks receive: notes go into `notes`, a skip throws SuiteSkipped. */
export function suiteContext(opened: OwnDatabase, profile: Profile, tmpDir: string, data: unknown, notes: Note[]): SuiteContext<unknown> {
  return {
    db: opened.db,
    connection: opened.connection,
    profile,
    settings: opened.db.settings,
    tmpDir,
    data,
    note(label, value, unit) {
      notes.push({ label, value, unit });
    },
    skip(reason) {
      throw new SuiteSkipped(reason);
    },
  };
}

/** A benchmark's timed call and its untimed hook, bound to a context. */
export function benchmarkCalls(benchmark: ExpandedBenchmark, ctx: SuiteContext<unknown>): { fn: () => unknown; beforeEach?: () => unknown } {
  const { run, beforeEach, params } = benchmark;
  return { fn: () => run(ctx, params), ...(beforeEach ? { beforeEach: () => beforeEach(ctx, params) } : {}) };
}
