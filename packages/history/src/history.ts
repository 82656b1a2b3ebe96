import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { compileFilter } from '@frozen-duckdb/bench';
import { ClosedError, Database, quoteLiteral, type Connection } from '@frozen-duckdb/core';
import {
  acquireLock,
  AtomicOutputs,
  backoffMs,
  createReason,
  errorCode,
  FileArgumentError,
  fileSize,
  makeFolders,
  pathKind,
  sleep,
  writeFileAtomic,
  type LockAttempt,
} from '@frozen-duckdb/files';
import { HistoryBusyError, HistoryMissingError, HistorySchemaError, HistoryUsageError } from './errors.js';
import { exportParquet, importParquet, type ParquetExport, type ParquetImport } from './parquet.js';
import { HISTORY_WAIT_ENV, lockPath } from './paths.js';
import { listPending, readPending } from './pending.js';
import { deleteRuns, type PruneCriteria, type PruneResult } from './prune.js';
import type { FingerprintRow, RunKind, RunRecord } from './record.js';
import { createSchema, inspectSchema, migrateSchema, TABLES, type TableName } from './schema.js';
import { insertRun, ISO_TIMESTAMP } from './store.js';
import { buildSeries, type TrendRow, type TrendSeries } from './trends.js';
import type { ChangePointOptions } from './change-points.js';
import { currentMachine, fingerprintRow } from './fingerprint.js';

export interface HistoryOpenOptions {
  /** Read without writing (several readers may share the file). Staged runs are still merged first when the file is free. */
  readOnly?: boolean;
  /** How long to wait for another process holding the database (default $FROZEN_DUCKDB_HISTORY_WAIT_MS, else 30 s). */
  waitMs?: number;
}

export interface TrendFilter extends ChangePointOptions {
  /** A RegExp, or a pattern matched case-insensitively against `suite/name`. */
  benchmark?: RegExp | string;
  /** Only this machine (a fingerprint hash, or its first characters). */
  fingerprint?: string;
  /** Which runs make points (default bench and record: a comparison's medians are timed in interleaved batches). */
  kinds?: RunKind[];
  /** Only the last N points of each series (change points are found within them). */
  limit?: number;
}

export interface MachineSummary extends FingerprintRow {
  runs: number;
  lastRun: string;
}

const ATTACHED = 'history';
const COMPACTED = 'history_compacted';
const DEFAULT_WAIT_MS = 30_000;

/** How long to wait for a busy database: the option, else $FROZEN_DUCKDB_HISTORY_WAIT_MS, else 30 s. */
export function waitLimitMs(option?: number, env: NodeJS.ProcessEnv = process.env): number {
  if (option !== undefined) return option;
  const fromEnv = Number(env[HISTORY_WAIT_ENV]);
  return env[HISTORY_WAIT_ENV] !== undefined && Number.isFinite(fromEnv) && fromEnv >= 0 ? fromEnv : DEFAULT_WAIT_MS;
}

const isLockConflict = (error: unknown) => /Could not set lock|Conflicting lock/i.test(error instanceof Error ? error.message : String(error));

/**
 * The history database: runs, fingerprints, results and samples in one DuckDB file. DuckDB lets one
 * process write a file at a time, so writers take `<file>.lock` (waiting, taking over a dead
 * holder's) and retry DuckDB's own lock until a deadline; `appendRun` stages a run that could not get in.
 */
export class History {
  readonly path: string;
  readonly readOnly: boolean;
  /** Staged runs merged when opening. */
  readonly merged: number;
  /** What a caller should tell the user: staged runs that could not be merged, and why. */
  readonly warnings: string[];
  private database: Database | undefined;
  private readonly connection: Connection;
  private readonly release: (() => void) | undefined;
  private queue: Promise<void> = Promise.resolve();

  private constructor(
    path: string,
    readOnly: boolean,
    database: Database,
    connection: Connection,
    release: (() => void) | undefined,
    merged: number,
    warnings: string[],
  ) {
    this.path = path;
    this.readOnly = readOnly;
    this.database = database;
    this.connection = connection;
    this.release = release;
    this.merged = merged;
    this.warnings = warnings;
  }

  /**
   * Opens (creating it for writing when absent) the history at `path`. A file that is not a
   * history database, or one from a newer version, is refused with HistorySchemaError and left as it is.
   */
  static async open(path: string, options: HistoryOpenOptions = {}): Promise<History> {
    const file = resolve(path);
    const waitMs = waitLimitMs(options.waitMs);
    const deadline = Date.now() + waitMs;
    const warnings: string[] = [];
    const kind = pathKind(file);
    // A folder or a pipe by that name: DuckDB would fail with its own words, or block on the pipe.
    if (kind !== 'missing' && kind !== 'file') {
      throw new HistoryUsageError(
        `the history database ${file} is a ${kind}, not a file`,
        'point --history (or $FROZEN_DUCKDB_HISTORY) at a file: a new one is created on the first run',
      );
    }
    if (options.readOnly) {
      if (kind === 'missing') throw new HistoryMissingError(file);
      let merged = 0;
      if (listPending(file).length) {
        // Staged runs belong in the file before anyone reads it; a busy file is read without them.
        try {
          const writer = await History.open(file, { waitMs: Math.max(0, deadline - Date.now()) });
          merged = writer.merged;
          warnings.push(...writer.warnings);
          await writer.close();
        } catch (error) {
          if (!(error instanceof HistoryBusyError)) throw error;
          warnings.push(`${listPending(file).length} staged run(s) not merged yet: ${error.message}`);
        }
      }
      const { database, connection } = await attach(file, true, deadline, waitMs);
      return new History(file, true, database, connection, undefined, merged, warnings);
    }
    let lock: LockAttempt;
    try {
      ensureFolder(dirname(file));
      lock = await acquireLock(lockPath(file), deadline);
    } catch (error) {
      // A path under a file, a read-only folder: the user's to fix, not a stack trace.
      if (error instanceof FileArgumentError || errorCode(error) === undefined) throw error;
      throw new HistoryUsageError(
        `cannot write the history database ${file}: ${createReason(error, dirname(file)).reason}`,
        'point --history (or $FROZEN_DUCKDB_HISTORY) at a file in a folder you can write to',
      );
    }
    if ('busy' in lock) throw new HistoryBusyError(file, waitMs, lock.busy);
    try {
      const { database, connection } = await attach(file, false, deadline, waitMs);
      const merged = await mergePending(file, connection, warnings).catch((error) => {
        database.close();
        throw error;
      });
      return new History(file, false, database, connection, lock.release, merged, warnings);
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  /** The underlying connection, USE-ing the history catalog, for queries the API does not cover. */
  get sql(): Connection {
    this.requireOpen();
    return this.connection;
  }

  /** Appends a run; false when a run with its id is there already. Calls may overlap: they run one at a time. */
  async append(record: RunRecord): Promise<boolean> {
    this.requireWritable();
    return this.serialized(() => insertRun(this.connection, record));
  }

  /** Per benchmark, machine, profile and settings: medians run by run, changes, and change points. */
  async trends(filter: TrendFilter = {}): Promise<TrendSeries[]> {
    this.requireOpen();
    const kinds = filter.kinds ?? ['bench', 'record'];
    let pattern: RegExp | undefined;
    if (filter.benchmark instanceof RegExp) pattern = filter.benchmark;
    else if (typeof filter.benchmark === 'string') {
      pattern = compileFilter(filter.benchmark);
      if (!pattern)
        throw new HistoryUsageError(
          `benchmark pattern ${JSON.stringify(filter.benchmark)} is not a valid regular expression`,
          'pass a regular expression such as "tpch/q0[1-5]"',
        );
    }
    const rows = await this.connection.query<Omit<TrendRow, 'dirty'> & { dirty: boolean | null }>(
      `SELECT r.id AS "runId", r.kind, r.commit, r.dirty, ${ISO_TIMESTAMP('r.created_at')} AS "createdAt", r.fingerprint,
              r.profile, r.settings, x.benchmark, x.median_ms AS "medianMs", x.p25_ms AS "p25Ms", x.p75_ms AS "p75Ms"
         FROM runs r JOIN results x ON x.run_id = r.id
        WHERE x.status = 'ok' AND x.median_ms IS NOT NULL AND r.fingerprint IS NOT NULL
          AND list_contains(?::VARCHAR[], r.kind)
          ${filter.fingerprint ? 'AND starts_with(r.fingerprint, ?)' : ''}
        ORDER BY r.created_at, r.id`,
      filter.fingerprint ? [kinds, filter.fingerprint] : [kinds],
    );
    const kept = pattern ? rows.filter((r) => (pattern as RegExp).test(r.benchmark)) : rows;
    return buildSeries(kept, filter);
  }

  /** The machines in the history with their run counts, most recent first. */
  async machines(): Promise<MachineSummary[]> {
    this.requireOpen();
    return this.connection.query<MachineSummary & Record<string, never>>(
      `SELECT f.hash, f.cpu_model AS "cpuModel", f.cores, f.memory_bytes::DOUBLE AS "memoryBytes", f.os, f.node, f.duckdb,
              count(r.id)::INTEGER AS runs, ${ISO_TIMESTAMP('max(r.created_at)')} AS "lastRun"
         FROM fingerprints f JOIN runs r ON r.fingerprint = f.hash
        GROUP BY ALL ORDER BY max(r.created_at) DESC`,
    ) as Promise<MachineSummary[]>;
  }

  /** This machine's fingerprint, with the DuckDB version this process runs. */
  async thisMachine(): Promise<FingerprintRow> {
    this.requireOpen();
    return fingerprintRow(currentMachine(String(await this.connection.scalar('SELECT version()'))));
  }

  /** Rows per table. */
  async counts(): Promise<Record<TableName, number>> {
    this.requireOpen();
    const out = {} as Record<TableName, number>;
    for (const table of TABLES) out[table] = Number(await this.connection.scalar(`SELECT count(*) FROM ${table}`));
    return out;
  }

  /** The bytes the history takes on disk: the file and a write-ahead log beside it. */
  fileBytes(): number {
    return fileSize(this.path) + fileSize(`${this.path}.wal`);
  }

  /** Deletes whole runs (results, samples, machines no run names any more); `compact` gives their space back. */
  async prune(criteria: PruneCriteria): Promise<PruneResult> {
    this.requireWritable();
    return this.serialized(() => deleteRuns(this.connection, criteria));
  }

  /**
   * Gives the space of deleted rows back to the file system. DuckDB's CHECKPOINT only marks their blocks
   * free (the file keeps its size), so the history is copied into a new file beside it, checked row for
   * row, and renamed over the old one: killed at any point, the old file or the new one is there whole.
   */
  async compact(): Promise<{ beforeBytes: number; afterBytes: number }> {
    this.requireWritable();
    return this.serialized(async () => {
      await this.connection.run(`CHECKPOINT ${ATTACHED}`);
      const beforeBytes = this.fileBytes();
      const rows = await this.counts();
      const outputs = new AtomicOutputs();
      const temp = outputs.temp(this.path);
      try {
        await this.connection.run(`ATTACH ${quoteLiteral(temp)} AS ${COMPACTED}`);
        await this.connection.run(`COPY FROM DATABASE ${ATTACHED} TO ${COMPACTED}`);
        for (const table of TABLES) {
          const copied = Number(await this.connection.scalar(`SELECT count(*) FROM ${COMPACTED}.${table}`));
          if (copied !== rows[table]) throw new Error(`the copy of table ${table} has ${copied} rows, not ${rows[table]}; the history was left as it was`);
        }
        await this.connection.run(`DETACH ${COMPACTED}`);
        await this.connection.run('USE memory');
        await this.connection.run(`DETACH ${ATTACHED}`);
        outputs.commit();
      } catch (error) {
        await this.connection.run(`DETACH DATABASE IF EXISTS ${COMPACTED}`).catch(() => undefined);
        outputs.abort();
        throw error;
      } finally {
        // The old file or the new one, whichever is in place: this History stays usable.
        await this.connection.run(`ATTACH IF NOT EXISTS ${quoteLiteral(this.path)} AS ${ATTACHED}`);
        await this.connection.run(`USE ${ATTACHED}`);
      }
      return { beforeBytes, afterBytes: this.fileBytes() };
    });
  }

  /** Writes every table as `<dir>/<table>.parquet` (each file whole or not at all). */
  async exportParquet(dir: string): Promise<ParquetExport> {
    this.requireOpen();
    return exportParquet(this.connection, resolve(dir));
  }

  /** Adds the runs of a Parquet export that are not here yet, with their results, samples and machines. */
  async importParquet(dir: string): Promise<ParquetImport> {
    this.requireWritable();
    return this.serialized(() => importParquet(this.connection, resolve(dir)));
  }

  /** Closes the database and releases the writers' lock. */
  async close(): Promise<void> {
    if (!this.database) return;
    try {
      this.database.close();
    } finally {
      this.database = undefined;
      this.release?.();
    }
  }

  // One connection, one transaction at a time: writes wait for the one before.
  private serialized<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  private requireOpen(): void {
    if (!this.database) throw new ClosedError('history');
  }

  private requireWritable(): void {
    this.requireOpen();
    if (this.readOnly) throw new HistoryUsageError(`${this.path} was opened read-only`, 'open it without readOnly to write');
  }
}

/**
 * Attaches the file to an in-memory DuckDB, checking its schema read-only first so that a foreign
 * or newer file is refused without a byte written; retries while another process holds it.
 */
async function attach(file: string, readOnly: boolean, deadline: number, waitMs: number): Promise<{ database: Database; connection: Connection }> {
  const database = await Database.open(':memory:');
  try {
    const connection = await database.connect();
    for (let attempt = 0; ; attempt++) {
      try {
        await attachOnce(connection, file, readOnly);
        return { database, connection };
      } catch (error) {
        await connection.run(`DETACH DATABASE IF EXISTS ${ATTACHED}`).catch(() => undefined);
        if (!isLockConflict(error)) throw error;
        if (Date.now() >= deadline) {
          const holder = /PID (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
          throw new HistoryBusyError(file, waitMs, holder ? `DuckDB lock held by pid ${holder}` : 'DuckDB lock held');
        }
        await sleep(Math.min(backoffMs(attempt), Math.max(1, deadline - Date.now())));
      }
    }
  } catch (error) {
    database.close();
    throw error;
  }
}

async function attachOnce(connection: Connection, file: string, readOnly: boolean): Promise<void> {
  const exists = existsSync(file);
  if (exists) {
    await connection.run(`ATTACH ${quoteLiteral(file)} AS ${ATTACHED} (READ_ONLY)`).catch((error) => {
      if (isLockConflict(error)) throw error;
      throw new HistorySchemaError(
        file,
        `DuckDB cannot open it (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
        'point --history (or $FROZEN_DUCKDB_HISTORY) at a history database or at a new file',
      );
    });
    const state = await inspectSchema(connection, ATTACHED, file);
    if (readOnly) {
      if (state.state === 'empty')
        throw new HistorySchemaError(
          file,
          'is an empty DuckDB database, not a history yet',
          'write a run into it first (bench, compare, baseline record or history import)',
        );
      await connection.run(`USE ${ATTACHED}`);
      return;
    }
    await connection.run(`DETACH DATABASE ${ATTACHED}`);
  }
  try {
    await connection.run(`ATTACH ${quoteLiteral(file)} AS ${ATTACHED}`);
    await connection.run(`USE ${ATTACHED}`);
    // Another writer may have created the schema between the two attaches: look again under the write lock.
    const state = await inspectSchema(connection, ATTACHED, file);
    if (state.state !== 'current') {
      await connection.run('BEGIN TRANSACTION');
      try {
        if (state.state === 'empty') await createSchema(connection);
        else await migrateSchema(connection, state.version);
        await connection.run('COMMIT');
      } catch (error) {
        await connection.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    }
  } catch (error) {
    // A file this call created but could not finish (a full disk) would stay unreadable: remove it.
    if (!exists && !isLockConflict(error)) {
      await connection.run('USE memory').catch(() => undefined);
      await connection.run(`DETACH DATABASE IF EXISTS ${ATTACHED}`).catch(() => undefined);
      for (const leftover of [file, `${file}.wal`]) rmSync(leftover, { force: true });
    }
    throw error;
  }
}

/** Creates the history's folder with a .gitignore in it: a new `.bench/` must not make a checkout dirty. */
function ensureFolder(dir: string): void {
  if (existsSync(dir)) return;
  makeFolders(dir);
  writeFileAtomic(join(dir, '.gitignore'), '# made by frozen-duckdb: the run history stays out of git\n*\n');
}

/**
 * Moves staged runs into the database (each in its own transaction), then deletes their files. One
 * that cannot go in (damaged, or refused by the database) is set aside as `<file>.rejected` with a
 * warning, so that it neither blocks the others nor every later open.
 */
async function mergePending(file: string, connection: Connection, warnings: string[]): Promise<number> {
  let merged = 0;
  for (const path of listPending(file)) {
    const read = readPending(path);
    let problem = 'problem' in read ? read.problem : undefined;
    if ('record' in read) {
      try {
        await insertRun(connection, read.record);
      } catch (error) {
        problem = `the database refused it (${error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error)})`;
      }
    }
    if (problem === undefined) {
      rmSync(path, { force: true });
      merged++;
      continue;
    }
    const aside = `${path}.rejected`;
    try {
      renameSync(path, aside);
      warnings.push(`staged run ${path} was not merged: ${problem}; set aside as ${aside}`);
    } catch {
      warnings.push(`staged run ${path} was not merged: ${problem} (left in place)`);
    }
  }
  return merged;
}
