/**
 * A worker process: loads suite files (TypeScript included), opens DuckDB through core with the
 * pinned settings, runs the suite's setup, and measures the benchmarks it is asked for.
 * Started by BenchWorker with an IPC channel; never imported by the runner's own process.
 */
import { rmSync } from 'node:fs';
import type { Database } from '@frozen-duckdb/core';
import { expandSuite, type ExpandedBenchmark } from '../expand.js';
import { type Suite, type SuiteContext } from '../suite.js';
import { loadSuite } from './load-suite.js';
import { measure } from './measure.js';
import { CALLGRIND_DIR_ENV } from '../instructions/callgrind.js';
import { countInstructions } from '../instructions/count.js';
import { profileBenchmark } from './profile-benchmark.js';
import type { ListedSuite, Reply, Request, SetupReport, SetupShare } from './protocol.js';
import { refusedShare, restoreSetup, saveSetup, sharedFilesDir, startSharedSetup, stateBefore, type Note, type Restored } from './setup-snapshot.js';
import { benchmarkCalls, openDatabase, ownFolders, suiteContext } from './suite-host.js';
import { isSuiteSkipped } from '../errors.js';

interface OpenState {
  suite: Suite;
  benchmarks: Map<string, ExpandedBenchmark>;
  ctx: SuiteContext<unknown>;
  db: Database;
  /** DuckDB's spill folder, this process's own. */
  spillDir: string;
  /** ctx.tmpDir is the side's shared folder (a snapshot's files): kept when this process closes. */
  sharedFiles: boolean;
}

let state: OpenState | undefined;

function listed(suite: Suite, file: string): ListedSuite {
  return { name: suite.name, file, benchmarks: expandSuite(suite).map((b) => b.info) };
}

async function open(
  file: string,
  profile: 'quick' | 'full',
  settings: Record<string, string>,
  share: SetupShare | undefined,
): Promise<Reply & { type: 'opened' | 'skipped' }> {
  const suite = await loadSuite(file);
  const expanded = expandSuite(suite);
  const started = performance.now();
  let opened = await openDatabase(settings);
  let restored: Restored | undefined;
  let refused = share ? (suite.shareSetup === false ? 'the suite sets shareSetup: false' : refusedShare(share.dir, share.key)) : undefined;
  if (share && !refused) {
    const outcome = await restoreSetup(opened.connection, share.dir, share.key).catch((error: unknown) => ({
      problem: `the restore failed: ${(error as Error).message.split('\n')[0]}`,
    }));
    if (outcome !== 'none' && 'problem' in outcome) refused = outcome.problem;
    else if (outcome !== 'none') restored = outcome.restored;
    if (outcome !== 'none' && !restored) {
      // Whatever a failed restore copied in goes with its database.
      closeDatabase(opened);
      opened = await openDatabase(settings);
    }
  }
  const { db, connection, spillDir } = opened;
  // Setup writes into the shared folder when it is the one saving the snapshot: later processes read those paths.
  const saving = share !== undefined && !restored && !refused;
  if (saving) startSharedSetup(share.dir);
  // Otherwise the process's own folder, the one DuckDB spills into: one folder per worker to remove.
  const tmpDir = restored || saving ? sharedFilesDir((share as SetupShare).dir) : spillDir;
  const notes: Note[] = restored ? [...restored.notes] : [];
  const ctx = suiteContext(opened, profile, tmpDir, restored?.data, notes);
  state = { suite, benchmarks: new Map(expanded.map((b) => [b.info.name, b])), ctx, db, spillDir, sharedFiles: restored !== undefined || saving };
  const report: SetupReport = { how: restored ? 'restored' : 'ran', ...(refused ? { refused } : {}) };
  if (!restored) {
    const before = saving ? await stateBefore(connection) : undefined;
    const setupStarted = performance.now();
    try {
      if (suite.setup) ctx.data = await suite.setup(ctx as SuiteContext<undefined>);
    } catch (error) {
      if (!isSuiteSkipped(error)) throw error;
      // Nothing ran: release what open() took, without the suite's teardown.
      state = undefined;
      closeDatabase(opened);
      rmSync(tmpDir, { recursive: true, force: true });
      return { id: 0, type: 'skipped', reason: error.reason };
    }
    if (saving && before) {
      const saved = await saveSetup(connection, share.dir, share.key, before, { data: ctx.data, setupMs: performance.now() - setupStarted, notes });
      report.snapshotMs = saved.snapshotMs;
      if (saved.refused) {
        report.refused = saved.refused;
        // Nothing shared after all: this process's files are its own again, removed when it closes.
        state.sharedFiles = false;
        ownFolders.add(tmpDir);
      }
    }
  }
  const setupMs = performance.now() - started - (report.snapshotMs ?? 0);
  const duckdbVersion = String(await connection.scalar('SELECT version()'));
  return {
    id: 0,
    type: 'opened',
    suite: { ...listed(suite, file), duckdbVersion, settings: { ...db.settings }, setupMs, setup: report, notes, profiles: true, counts: true },
  };
}

function closeDatabase(opened: { db: Database; spillDir: string }): void {
  opened.db.close();
  rmSync(opened.spillDir, { recursive: true, force: true });
}

async function close(): Promise<void> {
  const current = state;
  state = undefined;
  if (!current) return;
  try {
    if (current.suite.teardown) await current.suite.teardown(current.ctx);
  } finally {
    closeDatabase(current);
    if (!current.sharedFiles) rmSync(current.ctx.tmpDir, { recursive: true, force: true });
  }
}

/** A benchmark of the open suite, by name. */
function openBenchmark(name: string): { benchmark: ExpandedBenchmark; ctx: SuiteContext<unknown> } {
  if (!state) throw new Error('no suite is open in this worker');
  const benchmark = state.benchmarks.get(name);
  if (!benchmark) throw new Error(`suite '${state.suite.name}' has no benchmark '${name}'`);
  return { benchmark, ctx: state.ctx };
}

async function handle(request: Request): Promise<Reply> {
  switch (request.type) {
    case 'list':
      return { id: request.id, type: 'listed', suite: listed(await loadSuite(request.file), request.file) };
    case 'open': {
      if (state) throw new Error('a suite is already open in this worker');
      return { ...(await open(request.file, request.profile, request.settings, request.share)), id: request.id };
    }
    case 'run': {
      const { benchmark, ctx } = openBenchmark(request.benchmark);
      const { connection } = ctx;
      const measurement = await measure(
        {
          ...benchmarkCalls(benchmark, ctx),
          duckdbBytes: async () => Number((await connection.scalar('SELECT sum(memory_usage_bytes)::BIGINT FROM duckdb_memory()')) ?? 0),
        },
        request.sampling,
      );
      return { id: request.id, type: 'measured', measurement };
    }
    case 'profile': {
      const { benchmark, ctx } = openBenchmark(request.benchmark);
      const profile = await profileBenchmark(
        {
          ...benchmarkCalls(benchmark, ctx),
          connection: ctx.connection,
          tempDir: (state as OpenState).spillDir,
        },
        request.cpuMs,
      );
      return { id: request.id, type: 'profiled', profile };
    }
    case 'count': {
      const dir = process.env[CALLGRIND_DIR_ENV];
      if (!dir) throw new Error('this worker was not started under callgrind: it cannot count instructions');
      const { benchmark, ctx } = openBenchmark(request.benchmark);
      return { id: request.id, type: 'counted', count: await countInstructions(benchmarkCalls(benchmark, ctx), request.iterations, dir) };
    }
    case 'close':
      await close();
      return { id: request.id, type: 'closed', ...(request.keep ? { kept: true } : {}) };
  }
}

function send(reply: Reply): Promise<void> {
  return new Promise((resolve) => process.send?.(reply, undefined, {}, () => resolve()));
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}

if (!process.send) {
  process.stderr.write('this file is a frozen-duckdb bench worker: it runs under the runner, with an IPC channel\n');
  process.exit(2);
}

// Requests run one at a time, in order; `unfinished` counts the one running and those waiting.
let queue: Promise<void> = Promise.resolve();
let unfinished = 0;
process.on('message', (request: Request) => {
  unfinished++;
  queue = queue.then(async () => {
    let reply: Reply;
    try {
      reply = await handle(request);
    } catch (error) {
      reply = { id: request.id, type: 'failed', message: describe(error) };
    }
    unfinished--;
    await send(reply);
    if (request.type === 'close' && !request.keep) process.disconnect();
  });
});
process.on('disconnect', () => {
  // The runner went away (or said goodbye). While a setup or a benchmark runs, DuckDB is busy in its own
  // threads and closing it can hang or crash the process: leave at once (the exit hook removes the temp folders).
  if (unfinished > 0) process.exit(0);
  // Otherwise release DuckDB and leave.
  void close().finally(() => process.exit(0));
});
