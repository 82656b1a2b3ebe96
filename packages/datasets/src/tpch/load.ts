import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { quoteLiteral, type Connection } from '@frozen-duckdb/core';
import { checkInputFolder, literalReaderPath, pathKind } from '@frozen-duckdb/files';
import { DatasetInputError } from '../errors.js';
import { tpchCreateSql } from './generator-sql.js';
import { TPCH_SCHEMA, TPCH_TABLES, type TpchTable } from './spec.js';

export type TpchFileFormat = 'tbl' | 'csv' | 'parquet';

const EXTENSIONS: readonly TpchFileFormat[] = ['tbl', 'csv', 'parquet'];

export interface LoadedTable {
  table: TpchTable;
  path: string;
  format: TpchFileFormat;
  rows: number;
}

/** Finds `<table>.tbl`, `.csv` or `.parquet` for each of the 8 tables; names the missing ones. */
export function findTpchFiles(dir: string): { table: TpchTable; path: string; format: TpchFileFormat }[] {
  checkInputFolder(dir, 'data folder');
  const found = [];
  const missing: string[] = [];
  for (const table of TPCH_TABLES) {
    const format = EXTENSIONS.find((ext) => existsSync(join(dir, `${table}.${ext}`)));
    if (!format) {
      missing.push(table);
      continue;
    }
    const path = join(dir, `${table}.${format}`);
    // A folder or a pipe by that name would fail deep in DuckDB, or block its read.
    const kind = pathKind(path);
    if (kind !== 'file') throw new DatasetInputError(`${path} is a ${kind}, not a file`, `put TPC-H's ${table} table there as a file`);
    found.push({ table, path, format });
  }
  if (missing.length > 0) {
    const present = readdirSync(dir).slice(0, 8).join(', ') || 'nothing';
    throw new DatasetInputError(
      `data folder ${dir} lacks ${missing.join(', ')} (looked for <table>.tbl, .csv or .parquet; found ${present})`,
      "put one file per table there, named after it (dbgen's lineitem.tbl, or lineitem.csv / lineitem.parquet)",
    );
  }
  return found;
}

function columnsStruct(table: TpchTable): string {
  return `{${TPCH_SCHEMA[table].map(([name, type]) => `${quoteLiteral(name)}: ${quoteLiteral(type)}`).join(', ')}}`;
}

function readSql(table: TpchTable, path: string, format: TpchFileFormat): string {
  // The folder's name is the user's: `tp[ab]` names one folder, not a pattern over two.
  const file = quoteLiteral(literalReaderPath(path));
  switch (format) {
    // dbgen's text: '|'-separated, no header, no quoting, a trailing '|' that DuckDB ignores given the columns.
    case 'tbl':
      return `read_csv(${file}, delim = '|', header = false, quote = '', escape = '', columns = ${columnsStruct(table)})`;
    case 'csv':
      return `read_csv(${file}, header = true)`;
    case 'parquet':
      return `read_parquet(${file})`;
  }
}

/** Creates the 8 tables from a folder of dbgen `.tbl` files or CSV/Parquet files with the standard columns. */
export async function loadTpchFolder(connection: Connection, dir: string): Promise<LoadedTable[]> {
  const files = findTpchFiles(dir);
  const loaded: LoadedTable[] = [];
  for (const { table, path, format } of files) {
    const source = readSql(table, path, format);
    if (format !== 'tbl') await checkColumns(connection, table, path, source);
    await connection.run(tpchCreateSql(table, { replace: true }));
    try {
      const rows = await connection.run(`INSERT INTO ${table} BY NAME SELECT * FROM ${source}`);
      loaded.push({ table, path, format, rows });
    } catch (error) {
      const message = (error as { duckdbMessage?: string }).duckdbMessage ?? String(error);
      throw new DatasetInputError(
        `${path} could not be loaded as ${table}: ${message.split('\n')[0]}`,
        `check that ${path} is a ${format === 'tbl' ? "dbgen .tbl file ('|'-separated)" : `${format} file`} of TPC-H's ${table} table`,
        error,
      );
    }
  }
  return loaded;
}

async function checkColumns(connection: Connection, table: TpchTable, path: string, source: string): Promise<void> {
  let names: string[];
  try {
    names = (await connection.columns(`DESCRIBE SELECT * FROM ${source}`)).columns.column_name as string[];
  } catch (error) {
    const message = (error as { duckdbMessage?: string }).duckdbMessage ?? String(error);
    throw new DatasetInputError(`${path} cannot be read: ${message.split('\n')[0]}`, `check that ${path} is a valid file`, error);
  }
  const missing = TPCH_SCHEMA[table].map(([name]) => name).filter((name) => !names.includes(name));
  if (missing.length > 0) {
    throw new DatasetInputError(
      `${path} lacks the column(s) ${missing.join(', ')} of ${table} (it has ${names.join(', ')})`,
      'use the standard TPC-H column names (a header line in CSV files)',
    );
  }
}
