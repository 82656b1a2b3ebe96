import { join } from 'node:path';
import { Database, quoteLiteral, type Connection } from '@frozen-duckdb/core';
import { checkInputFolder, literalReaderPath, makeFolders, outputFault, pathKind, withAtomicOutputs } from '@frozen-duckdb/files';
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

/** The files an export of the history writes into `dir`, one per table. */
export function parquetExportFiles(dir: string): Record<TableName, string> {
  return Object.fromEntries(TABLES.map((t) => [t, join(dir, `${t}.parquet`)])) as Record<TableName, string>;
}

/** Every table as `<dir>/<table>.parquet` (zstd): all of them replace the old export, or none does. */
export async function exportParquet(connection: Connection, dir: string): Promise<ParquetExport> {
  const undoFolder = makeFolders(dir);
  const files = parquetExportFiles(dir);
  const rows = {} as Record<TableName, number>;
  try {
    await withAtomicOutputs(async (outputs) => {
      for (const table of TABLES) {
        const temp = outputs.temp(files[table]);
        rows[table] = await connection.run(
          `COPY (SELECT * FROM ${table} ORDER BY ${ORDER[table]}) TO ${quoteLiteral(temp)} (FORMAT parquet, COMPRESSION zstd)`,
        );
      }
    });
  } catch (error) {
    undoFolder();
    throw outputFault(error, dir) ?? error;
  }
  return { dir, files, rows };
}

const EXPORT_HINT = 'pass a folder written by `frozen-duckdb history export --parquet DIR`';

/** The reader for one table of an export: the folder's name is read literally (`exp[12]` is one folder). */
function reader(dir: string, table: TableName): string {
  return `read_parquet(${quoteLiteral(literalReaderPath(join(dir, `${table}.parquet`)))})`;
}

/**
 * Throws HistoryImportError unless `dir` holds every table of an export, each a Parquet file DuckDB
 * reads, with this history's schema and version: checked before a database is opened or made.
 */
export async function checkParquetExport(dir: string): Promise<void> {
  try {
    checkInputFolder(dir, '--parquet');
  } catch (error) {
    throw new HistoryImportError(dir, error instanceof Error ? error.message : String(error), EXPORT_HINT);
  }
  const missing = TABLES.filter((t) => pathKind(join(dir, `${t}.parquet`)) !== 'file');
  if (missing.length) throw new HistoryImportError(dir, `no ${missing.map((t) => `${t}.parquet`).join(', ')} file there`, EXPORT_HINT);
  const db = await Database.open(':memory:');
  try {
    await checkExportTables(await db.connect(), dir);
  } finally {
    db.close();
  }
}

/** Reads each table's schema and the meta rows of an export; a file that is no Parquet, or another schema, is named. */
async function checkExportTables(connection: Connection, dir: string): Promise<void> {
  for (const table of TABLES) {
    try {
      await connection.run(`DESCRIBE SELECT * FROM ${reader(dir, table)}`);
    } catch (error) {
      const message = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
      throw new HistoryImportError(join(dir, `${table}.parquet`), `is not a Parquet file DuckDB can read (${message})`, EXPORT_HINT);
    }
  }
  const meta = new Map(
    (
      await connection.query<{ key: string; value: string }>(`SELECT key::VARCHAR AS key, value::VARCHAR AS value FROM ${reader(dir, 'meta')}`).catch(() => [])
    ).map((r) => [r.key, r.value]),
  );
  if (meta.get('schema') !== HISTORY_SCHEMA) {
    throw new HistoryImportError(dir, `meta.parquet names schema ${JSON.stringify(meta.get('schema') ?? null)}, not '${HISTORY_SCHEMA}'`, EXPORT_HINT);
  }
  const version = Number(meta.get('version'));
  if (version !== HISTORY_SCHEMA_VERSION) {
    throw new HistoryImportError(
      dir,
      `exported with history schema version ${meta.get('version')} (this version reads ${HISTORY_SCHEMA_VERSION})`,
      'import it with the frozen-duckdb version that exported it',
    );
  }
}

/**
 * Merges an export into the open history in one transaction: runs whose id is already here are
 * skipped with their rows (importing twice adds nothing); meta stays this file's own.
 */
export async function importParquet(connection: Connection, dir: string): Promise<ParquetImport> {
  await checkParquetExport(dir);
  const read = (table: TableName) => reader(dir, table);
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
    // Readable Parquet whose rows do not fit the tables (a hand-made or edited export): named, nothing added.
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    throw new HistoryImportError(dir, `cannot be imported, nothing was added: ${message}`, EXPORT_HINT, error);
  }
}
