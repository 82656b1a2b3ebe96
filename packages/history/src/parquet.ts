import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { quoteLiteral, type Connection } from '@frozen-duckdb/core';
import { HistoryImportError } from './errors.js';
import { HISTORY_SCHEMA, HISTORY_SCHEMA_VERSION, TABLES, type TableName } from './schema.js';

export interface ParquetExport {
  dir: string;
  files: Record<TableName, string>;
  rows: Record<TableName, number>;
}

export interface ParquetImport {
  dir: string;
  runsAdded: number;
  runsSkipped: number;
  rows: Record<TableName, number>;
}

// Sorted so that two exports of the same history are the same files.
const ORDER: Record<TableName, string> = {
  meta: 'key',
  fingerprints: 'hash',
  runs: 'created_at, id',
  results: 'run_id, benchmark',
  samples: 'run_id, benchmark, block, seq',
};

/** Every table as `<dir>/<table>.parquet` (zstd), each written to a temp name and renamed. */
export async function exportParquet(connection: Connection, dir: string): Promise<ParquetExport> {
  mkdirSync(dir, { recursive: true });
  const files = {} as Record<TableName, string>;
  const rows = {} as Record<TableName, number>;
  for (const table of TABLES) {
    const path = join(dir, `${table}.parquet`);
    const temp = join(dir, `.${table}.parquet.${process.pid}.tmp`);
    try {
      rows[table] = await connection.run(
        `COPY (SELECT * FROM ${table} ORDER BY ${ORDER[table]}) TO ${quoteLiteral(temp)} (FORMAT parquet, COMPRESSION zstd)`,
      );
      renameSync(temp, path);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
    files[table] = path;
  }
  return { dir, files, rows };
}

/** Throws HistoryImportError unless `dir` holds every table of an export: checked before a database is opened or made. */
export function checkParquetExport(dir: string): void {
  const missing = TABLES.filter((t) => !existsSync(join(dir, `${t}.parquet`)));
  if (missing.length) {
    throw new HistoryImportError(dir, `no ${missing.map((t) => `${t}.parquet`).join(', ')} there`, 'pass a folder written by `frozen-duckdb history export --parquet DIR`');
  }
}

/**
 * Merges an export into the open history in one transaction: runs whose id is already here are
 * skipped with their rows (importing twice adds nothing); meta stays this file's own.
 */
export async function importParquet(connection: Connection, dir: string): Promise<ParquetImport> {
  const file = (table: TableName) => join(dir, `${table}.parquet`);
  checkParquetExport(dir);
  const read = (table: TableName) => `read_parquet(${quoteLiteral(file(table))})`;
  const meta = new Map(
    (await connection.query<{ key: string; value: string }>(`SELECT key, value FROM ${read('meta')}`)).map((r) => [r.key, r.value]),
  );
  if (meta.get('schema') !== HISTORY_SCHEMA) {
    throw new HistoryImportError(dir, `meta.parquet names schema ${JSON.stringify(meta.get('schema') ?? null)}, not '${HISTORY_SCHEMA}'`, 'pass a folder written by `frozen-duckdb history export --parquet DIR`');
  }
  const version = Number(meta.get('version'));
  if (version !== HISTORY_SCHEMA_VERSION) {
    throw new HistoryImportError(dir, `exported with history schema version ${meta.get('version')} (this version reads ${HISTORY_SCHEMA_VERSION})`, 'import it with the frozen-duckdb version that exported it');
  }
  const rows = {} as Record<TableName, number>;
  await connection.run('BEGIN TRANSACTION');
  try {
    await connection.run(`CREATE OR REPLACE TEMP TABLE incoming_runs AS SELECT * FROM ${read('runs')} WHERE id NOT IN (SELECT id FROM runs)`);
    const total = Number(await connection.scalar(`SELECT count(*) FROM ${read('runs')}`));
    rows.meta = 0;
    rows.fingerprints = await connection.run(
      `INSERT INTO fingerprints BY NAME SELECT * FROM ${read('fingerprints')} WHERE hash NOT IN (SELECT hash FROM fingerprints)`,
    );
    rows.runs = await connection.run('INSERT INTO runs BY NAME SELECT * FROM incoming_runs');
    for (const table of ['results', 'samples'] as const) {
      rows[table] = await connection.run(`INSERT INTO ${table} BY NAME SELECT * FROM ${read(table)} WHERE run_id IN (SELECT id FROM incoming_runs)`);
    }
    await connection.run('DROP TABLE incoming_runs');
    await connection.run('COMMIT');
    return { dir, runsAdded: rows.runs, runsSkipped: total - rows.runs, rows };
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
