import type { Connection } from '@frozen-duckdb/core';
import { MAX_SEED } from './draws.js';
import { DatasetInputError } from '../errors.js';
import {
  TEXT_POOL_LENGTH,
  TEXT_POOL_VARIABLE,
  VSTRING_POOL_LENGTH,
  VSTRING_POOL_VARIABLE,
  rangeKeys,
  tableKeys,
  tpchCreateSql,
  tpchTableSql,
  type KeySource,
} from './generator-sql.js';
import { MIN_SCALE, TPCH_TABLES, tpchCounts, type TpchTable } from './spec.js';
import { textPool, vStringPool } from './text.js';

// At SF 0.01 queries 18-20 select a handful of rows; with this seed each of the 22 finds some.
export const DEFAULT_SEED = 7;

export interface GenerateTpchOptions {
  scale: number;
  /** Seed of the built-in generator (0..65535, default 7). Giving one skips the tpch extension. */
  seed?: number;
  /** Use the tpch extension's dbgen when it loads (default true; never when a seed is given). */
  useExtension?: boolean;
  /** Called before and after each table. */
  onTable?: (event: TableEvent) => void;
  /** File databases: CHECKPOINT after each table and report the bytes it added to the file. */
  measureStorage?: boolean;
}

export type TableEvent = { phase: 'start'; table: string } | { phase: 'done'; table: string; rows: number; ms: number; bytes?: number };

export interface GeneratedTable {
  table: TpchTable;
  rows: number;
  ms: number;
  /** Bytes the table takes in the database file (with measureStorage). */
  bytes?: number;
}

/** Blocks in use times the block size: the bytes a file database holds (0 in memory). */
export async function usedBytes(connection: Connection): Promise<number> {
  const row = (
    await connection.query<{ used_blocks: bigint; block_size: bigint }>(
      'SELECT used_blocks, block_size FROM pragma_database_size() WHERE database_name = current_database()',
    )
  )[0];
  return row ? Number(row.used_blocks) * Number(row.block_size) : 0;
}

export interface GenerateTpchResult {
  generator: 'dbgen' | 'built-in';
  tables: GeneratedTable[];
}

/** Checks scale and seed; throws a usage error naming the bad one. */
export function checkTpchOptions(scale: number, seed: number | undefined): void {
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new DatasetInputError(`scale factor must be a positive number; got ${scale}`, 'pass --scale 0.01, 0.1, 1, 10, ...');
  }
  if (scale < MIN_SCALE) {
    throw new DatasetInputError(
      `scale factor ${scale} is below ${MIN_SCALE}: fewer than 10 suppliers cannot give each part 4 distinct ones`,
      `pass --scale ${MIN_SCALE} or more`,
    );
  }
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED)) {
    throw new DatasetInputError(`seed must be a whole number from 0 to ${MAX_SEED}; got ${seed}`, 'pass --seed 0..65535');
  }
}

/** Sets the session variables the generator's comments and addresses are cut from. */
export async function prepareTextPools(connection: Connection, seed: number): Promise<void> {
  await connection.run(`SET VARIABLE ${TEXT_POOL_VARIABLE} = $1`, [textPool(seed, TEXT_POOL_LENGTH)]);
  await connection.run(`SET VARIABLE ${VSTRING_POOL_VARIABLE} = $1`, [vStringPool(seed, VSTRING_POOL_LENGTH)]);
}

/** Frees the text pools (1 MB) once the tables are made. */
export async function releaseTextPools(connection: Connection): Promise<void> {
  await connection.run(`RESET VARIABLE ${TEXT_POOL_VARIABLE}`);
  await connection.run(`RESET VARIABLE ${VSTRING_POOL_VARIABLE}`);
}

const KEYS_TABLE = 'tpch_keys';

/**
 * A temporary table of row indexes 0..n for the largest table: DuckDB scans a table with many threads,
 * while range() feeds one. 8 bytes a row, 12 MB at scale 1.
 */
export async function prepareKeys(connection: Connection, scale: number): Promise<KeySource> {
  const n = tpchCounts(scale);
  const rows = Math.max(n.orders, n.partsupp, n.customer);
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${KEYS_TABLE} AS SELECT range AS k FROM range(${rows})`);
  return tableKeys(KEYS_TABLE);
}

/** Drops the keys table of prepareKeys. */
export async function dropKeys(connection: Connection): Promise<void> {
  await connection.run(`DROP TABLE IF EXISTS temp.${KEYS_TABLE}`);
}

/** The SELECT that generates one table; run prepareTextPools on the same connection first. */
export function tpchSelect(table: TpchTable, scale: number, seed = DEFAULT_SEED, keys: KeySource = rangeKeys): string {
  return tpchTableSql(table, scale, seed, keys);
}

/**
 * Creates the 8 TPC-H tables at `scale` in the connection's current database (replacing any of the same
 * name): with the tpch extension's dbgen when it loads, else with the built-in generator.
 */
export async function generateTpch(connection: Connection, options: GenerateTpchOptions): Promise<GenerateTpchResult> {
  checkTpchOptions(options.scale, options.seed);
  const onTable = options.onTable ?? (() => {});
  if (options.seed === undefined && options.useExtension !== false) {
    const loaded = await connection.tryLoadExtension('tpch');
    if (loaded.ok) return { generator: 'dbgen', tables: await runDbgen(connection, options.scale, onTable) };
  }
  const seed = options.seed ?? DEFAULT_SEED;
  await prepareTextPools(connection, seed);
  const keys = await prepareKeys(connection, options.scale);
  const tables: GeneratedTable[] = [];
  let bytesBefore = options.measureStorage ? await usedBytes(connection) : 0;
  for (const table of TPCH_TABLES) {
    onTable({ phase: 'start', table });
    const started = performance.now();
    await connection.run(tpchCreateSql(table, { replace: true }));
    const rows = await connection.run(`INSERT INTO ${table} ${tpchTableSql(table, options.scale, seed, keys)}`);
    const generated: GeneratedTable = { table, rows, ms: 0 };
    if (options.measureStorage) {
      await connection.run('CHECKPOINT');
      const bytesAfter = await usedBytes(connection);
      generated.bytes = bytesAfter - bytesBefore;
      bytesBefore = bytesAfter;
    }
    generated.ms = performance.now() - started;
    tables.push(generated);
    onTable({ phase: 'done', ...generated });
  }
  await dropKeys(connection);
  await releaseTextPools(connection);
  return { generator: 'built-in', tables };
}

async function runDbgen(connection: Connection, scale: number, onTable: (event: TableEvent) => void): Promise<GeneratedTable[]> {
  for (const table of TPCH_TABLES) await connection.run(`DROP TABLE IF EXISTS ${table}`);
  onTable({ phase: 'start', table: 'all tables (dbgen)' });
  const started = performance.now();
  await connection.run(`CALL dbgen(sf = ${scale})`);
  const ms = performance.now() - started;
  const tables: GeneratedTable[] = [];
  for (const table of TPCH_TABLES) {
    const rows = Number(await connection.scalar(`SELECT count(*) FROM ${table}`));
    tables.push({ table, rows, ms: 0 });
    onTable({ phase: 'done', table, rows, ms: 0 });
  }
  if (tables[0]) tables[0].ms = ms;
  return tables;
}
