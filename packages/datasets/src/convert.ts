import { basename, dirname, extname } from 'node:path';
import { Database, quoteIdentifier, quoteLiteral, type Connection } from '@frozen-duckdb/core';
import { findCsvProblem, type CsvProblem } from './csv-check.js';
import { DatasetInputError } from './errors.js';
import { checkInput, checkNotExisting, diskFault, ensureWritableFolder, fileSize, withAtomicOutputs } from './files.js';

export const CONVERT_FORMATS = ['csv', 'tsv', 'parquet', 'json', 'ndjson', 'duckdb'] as const;
export type ConvertFormat = (typeof CONVERT_FORMATS)[number];

export interface ConvertOptions {
  input: string;
  output: string;
  from?: ConvertFormat;
  to?: ConvertFormat;
  /** duckdb input: the table to read (needed when the file has several); duckdb output: the table to create. */
  table?: string;
  force?: boolean;
}

export interface ConvertResult {
  from: ConvertFormat;
  to: ConvertFormat;
  table: string | undefined;
  rows: number;
  inputBytes: number;
  outputBytes: number;
  /** inputBytes / outputBytes: above 1 the output is smaller. */
  ratio: number;
  ms: number;
}

/** The format a file name implies (.csv, .tsv, .parquet, .json, .ndjson/.jsonl, .duckdb/.db), if any. */
export function formatFromExtension(path: string): ConvertFormat | undefined {
  const ext = extname(path.toLowerCase().replace(/\.(gz|zst)$/, ''));
  const byExt: Record<string, ConvertFormat> = {
    '.csv': 'csv', '.tsv': 'tsv', '.parquet': 'parquet', '.json': 'json', '.ndjson': 'ndjson', '.jsonl': 'ndjson',
    '.duckdb': 'duckdb', '.db': 'duckdb',
  };
  return byExt[ext];
}

function resolveFormat(path: string, given: ConvertFormat | undefined, role: 'input' | 'output'): ConvertFormat {
  if (given !== undefined) {
    if (!CONVERT_FORMATS.includes(given)) {
      throw new DatasetInputError(`unknown ${role} format '${given}'`, `use one of ${CONVERT_FORMATS.join(', ')}`);
    }
    return given;
  }
  const format = formatFromExtension(path);
  if (!format) {
    throw new DatasetInputError(
      `cannot tell the format of ${role} ${path} from its extension`,
      `pass --${role === 'input' ? 'from' : 'to'} ${CONVERT_FORMATS.join('|')}`,
    );
  }
  return format;
}

function readSql(format: Exclude<ConvertFormat, 'duckdb'>, path: string): string {
  const file = quoteLiteral(path);
  switch (format) {
    // Delimiter and header fixed, so that a ragged file fails instead of being sniffed into one column.
    case 'csv': return `read_csv(${file}, delim = ',', header = true)`;
    case 'tsv': return `read_csv(${file}, delim = '\t', header = true)`;
    case 'parquet': return `read_parquet(${file})`;
    case 'json': return `read_json(${file}, format = 'auto')`;
    case 'ndjson': return `read_json(${file}, format = 'newline_delimited')`;
  }
}

function copyOptions(format: Exclude<ConvertFormat, 'duckdb'>): string {
  switch (format) {
    case 'csv': return '(FORMAT csv, HEADER true)';
    case 'tsv': return "(FORMAT csv, HEADER true, DELIMITER '\t')";
    case 'parquet': return "(FORMAT parquet, COMPRESSION 'zstd')";
    case 'json': return '(FORMAT json, ARRAY true)';
    case 'ndjson': return '(FORMAT json)';
  }
}

function duckdbMessage(error: unknown): string {
  const message = (error as { duckdbMessage?: string }).duckdbMessage ?? (error instanceof Error ? error.message : String(error));
  return message.split('\n')[0] ?? message;
}

/** Opens the input as a relation named `source` on the connection; returns the table read from a .duckdb. */
async function openSource(connection: Connection, options: ConvertOptions, from: ConvertFormat): Promise<string | undefined> {
  if (from === 'duckdb') {
    try {
      await connection.run(`ATTACH ${quoteLiteral(options.input)} AS src (READ_ONLY)`);
    } catch (error) {
      throw new DatasetInputError(`input ${options.input} is not a DuckDB database: ${duckdbMessage(error)}`, 'pass a .duckdb file, or --from with its real format', error);
    }
    const tables = (await connection.query<{ name: string }>(
      "SELECT table_name AS name FROM duckdb_tables() WHERE database_name = 'src' ORDER BY 1",
    )).map((r) => r.name);
    const table = options.table ?? (tables.length === 1 ? tables[0] : undefined);
    if (!table || !tables.includes(table)) {
      throw new DatasetInputError(
        options.table
          ? `input ${options.input} has no table '${options.table}' (it has ${tables.join(', ') || 'none'})`
          : `input ${options.input} has ${tables.length === 0 ? 'no tables' : `${tables.length} tables (${tables.join(', ')})`}; which one?`,
        tables.length ? `pass --table ${tables[0]}` : 'pass a database that holds a table',
      );
    }
    await connection.run(`CREATE VIEW source AS SELECT * FROM src.${quoteIdentifier(table)}`);
    return table;
  }
  const sql = readSql(from, options.input);
  try {
    await connection.run(`CREATE VIEW source AS SELECT * FROM ${sql}`);
    await connection.run('SELECT * FROM source LIMIT 0');
  } catch (error) {
    throw await inputError(options.input, from, error);
  }
  return undefined;
}

function csvProblemError(path: string, from: ConvertFormat, problem: CsvProblem, cause?: unknown): DatasetInputError {
  return new DatasetInputError(
    `input ${path} is not valid ${from.toUpperCase()}: ${problem.message}`,
    `fix line ${problem.line} of ${path} (every line needs as many fields as the header; quote fields that hold the delimiter)`,
    cause,
  );
}

async function inputError(path: string, from: ConvertFormat, error: unknown): Promise<DatasetInputError> {
  if (from === 'csv' || from === 'tsv') {
    const problem = await findCsvProblem(path, from === 'tsv' ? '\t' : ',');
    if (problem) return csvProblemError(path, from, problem, error);
  }
  return new DatasetInputError(`input ${path} cannot be read as ${from}: ${duckdbMessage(error)}`, `check that ${path} is a ${from} file, or pass --from with its real format`, error);
}

/** DuckDB's messages for unreadable input (CSV, JSON, Parquet errors), as opposed to output or I/O faults. */
function isInputFault(error: unknown): boolean {
  return /Invalid Input Error|Conversion Error|CSV|JSON|Parquet|parquet/.test(duckdbMessage(error));
}

/** Converts one file between CSV, TSV, Parquet, JSON, NDJSON and a DuckDB table; writes atomically. */
export async function convertFile(options: ConvertOptions): Promise<ConvertResult> {
  const started = performance.now();
  checkInput(options.input, 'input');
  const from = resolveFormat(options.input, options.from, 'input');
  const to = resolveFormat(options.output, options.to, 'output');
  if (options.table !== undefined && from !== 'duckdb' && to !== 'duckdb') {
    throw new DatasetInputError(`--table names a table of a DuckDB file, but ${from} -> ${to} has none`, 'drop --table, or convert from or to a .duckdb file');
  }
  checkNotExisting([options.output], options.force ?? false);
  const db = await Database.open(':memory:');
  let undoFolder = () => {};
  try {
    const connection = await db.connect();
    // DuckDB can read a ragged CSV leniently (rows dropped, one wide column): check its structure in
    // JavaScript while DuckDB converts, and throw the result away if a line is malformed.
    const scan = from === 'csv' || from === 'tsv' ? findCsvProblem(options.input, from === 'tsv' ? '\t' : ',') : Promise.resolve(undefined);
    scan.catch(() => undefined);
    const inputTable = await openSource(connection, options, from);
    undoFolder = ensureWritableFolder(dirname(options.output) || '.');
    const outputTable = to === 'duckdb' ? options.table ?? inputTable ?? tableNameFrom(options.input) : undefined;
    const rows = await withAtomicOutputs(async (outputs) => {
      const temp = outputs.temp(options.output);
      const converted = await convertInto(temp).catch((error: unknown) => error as Error);
      const problem = await scan;
      if (problem) throw csvProblemError(options.input, from, problem);
      if (converted instanceof Error) throw converted;
      return converted;
    });
    async function convertInto(temp: string): Promise<number> {
      try {
        if (to === 'duckdb') {
          await connection.run(`ATTACH ${quoteLiteral(temp)} AS dst`);
          await connection.run(`CREATE TABLE dst.${quoteIdentifier(outputTable as string)} AS SELECT * FROM source`);
          const count = Number(await connection.scalar(`SELECT count(*) FROM dst.${quoteIdentifier(outputTable as string)}`));
          await connection.run('DETACH dst');
          return count;
        }
        return await connection.run(`COPY (SELECT * FROM source) TO ${quoteLiteral(temp)} ${copyOptions(to)}`);
      } catch (error) {
        const disk = diskFault(error, dirname(options.output) || '.');
        if (disk) throw disk;
        // Readers are lazy: a malformed row surfaces here, while the output is written.
        if (error instanceof DatasetInputError || !isInputFault(error)) throw error;
        throw await inputError(options.input, from, error);
      }
    }
    const inputBytes = fileSize(options.input);
    const outputBytes = fileSize(options.output);
    return {
      from, to, table: inputTable ?? outputTable, rows, inputBytes, outputBytes,
      ratio: outputBytes > 0 ? inputBytes / outputBytes : 0, ms: performance.now() - started,
    };
  } catch (error) {
    undoFolder();
    throw error;
  } finally {
    db.close();
  }
}

/** A table name from a file name: letters, digits and underscores, not starting with a digit. */
export function tableNameFrom(path: string): string {
  const stem = basename(path).replace(/(\.[^.]+)+$/, '').replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(stem) ? stem : `t_${stem}`;
}
