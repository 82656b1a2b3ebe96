import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { Database, quoteIdentifier, quoteLiteral, shellArgument, type Connection } from '@frozen-duckdb/core';
import {
  checkOutputs,
  fileSize,
  literalReaderPath,
  makeFolders,
  outputFault,
  pathKind,
  readerPath,
  regularInput,
  withAtomicOutputs,
  type NamedPath,
  type RegularInput,
} from '@frozen-duckdb/files';
import { csvCompression, decompressor, findCsvProblem, type CsvProblem } from './csv-check.js';
import { DatasetInputError } from './errors.js';

export const CONVERT_FORMATS = ['csv', 'tsv', 'parquet', 'json', 'ndjson', 'duckdb'] as const;
export type ConvertFormat = (typeof CONVERT_FORMATS)[number];

export interface ConvertOptions {
  input: string;
  output: string;
  from?: ConvertFormat;
  to?: ConvertFormat;
  /** duckdb input: the table to read (needed when the file has several), `schema.table` outside main; duckdb output: the table to create. */
  table?: string;
  force?: boolean;
  /** Read every file the input pattern matches (`*`, `?`, `[...]`); without it the input names one file, whatever characters it holds. */
  glob?: boolean;
  /** CSV/TSV: rows DuckDB reads to choose column types (default DuckDB's 20,480); 'all' reads the whole file first. */
  sampleSize?: number | 'all';
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
    '.csv': 'csv',
    '.tsv': 'tsv',
    '.parquet': 'parquet',
    '.json': 'json',
    '.ndjson': 'ndjson',
    '.jsonl': 'ndjson',
    '.duckdb': 'duckdb',
    '.db': 'duckdb',
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

function readSql(format: Exclude<ConvertFormat, 'duckdb'>, path: string, sampleSize: number | 'all' | undefined): string {
  const file = quoteLiteral(path);
  const sample = sampleSize === undefined ? '' : `, sample_size = ${sampleSize === 'all' ? -1 : sampleSize}`;
  switch (format) {
    // Delimiter and header fixed, so that a ragged file fails instead of being sniffed into one column.
    case 'csv':
      return `read_csv(${file}, delim = ',', header = true${sample})`;
    case 'tsv':
      return `read_csv(${file}, delim = '\t', header = true${sample})`;
    case 'parquet':
      return `read_parquet(${file})`;
    case 'json':
      return `read_json(${file}, format = 'auto')`;
    case 'ndjson':
      return `read_json(${file}, format = 'newline_delimited')`;
  }
}

function copyOptions(format: Exclude<ConvertFormat, 'duckdb'>): string {
  switch (format) {
    case 'csv':
      return '(FORMAT csv, HEADER true)';
    case 'tsv':
      return "(FORMAT csv, HEADER true, DELIMITER '\t')";
    case 'parquet':
      return "(FORMAT parquet, COMPRESSION 'zstd')";
    case 'json':
      return '(FORMAT json, ARRAY true)';
    case 'ndjson':
      return '(FORMAT json)';
  }
}

function duckdbMessage(error: unknown): string {
  const message = (error as { duckdbMessage?: string }).duckdbMessage ?? (error instanceof Error ? error.message : String(error));
  return message.split('\n')[0] ?? message;
}

function fullMessage(error: unknown): string {
  return (error as { duckdbMessage?: string }).duckdbMessage ?? (error instanceof Error ? error.message : String(error));
}

/** The input as the command sees it: the user's name for messages, the file DuckDB reads, and every file a pattern matched. */
interface Source {
  /** As the user gave it (a path or, with glob, a pattern). */
  name: string;
  /** What DuckDB's reader is given: a literal path (glob characters escaped), a copy of a pipe, or the pattern. */
  reader: string;
  /** The regular files read (one, or every match of a pattern). */
  files: string[];
}

/** Opens the input as a relation named `source` on the connection; returns the table read from a .duckdb. */
async function openSource(connection: Connection, options: ConvertOptions, source: Source, from: ConvertFormat): Promise<string | undefined> {
  if (from === 'duckdb') {
    try {
      await connection.run(`ATTACH ${quoteLiteral(source.files[0] as string)} AS src (READ_ONLY)`);
    } catch (error) {
      throw new DatasetInputError(
        `input ${source.name} is not a DuckDB database: ${duckdbMessage(error)}`,
        'pass a .duckdb file, or --from with its real format',
        error,
      );
    }
    return openDuckdbTable(connection, source.name, options.table);
  }
  const sql = readSql(from, source.reader, options.sampleSize);
  try {
    await connection.run(`CREATE VIEW source AS SELECT * FROM ${sql}`);
    await connection.run('SELECT * FROM source LIMIT 0');
  } catch (error) {
    throw await inputError(source, from, error);
  }
  return undefined;
}

/** Picks the table of an attached database: the named one (`t`, or `schema.t` outside main), or its only one. */
async function openDuckdbTable(connection: Connection, input: string, wanted: string | undefined): Promise<string> {
  const tables = await connection.query<{ schema: string; name: string }>(
    "SELECT schema_name AS schema, table_name AS name FROM duckdb_tables() WHERE database_name = 'src' ORDER BY schema_name <> 'main', 1, 2",
  );
  // Tables outside `main` are named with their schema: that is also what --table takes for them.
  const label = (t: { schema: string; name: string }) => (t.schema === 'main' ? t.name : `${t.schema}.${t.name}`);
  const labels = tables.map(label);
  const table =
    wanted === undefined
      ? tables.length === 1
        ? tables[0]
        : undefined
      : (tables.find((t) => label(t) === wanted) ?? tables.find((t) => t.name === wanted && tables.filter((u) => u.name === wanted).length === 1));
  if (!table) {
    throw new DatasetInputError(
      wanted !== undefined
        ? `input ${input} has no table '${wanted}' (it has ${labels.join(', ') || 'none'})`
        : `input ${input} has ${tables.length === 0 ? 'no tables' : `${tables.length} tables (${labels.join(', ')})`}; which one?`,
      tables.length ? `pass --table ${shellArgument(labels[0] as string)}` : 'pass a database that holds a table',
    );
  }
  await connection.run(`CREATE VIEW source AS SELECT * FROM src.${quoteIdentifier(table.schema)}.${quoteIdentifier(table.name)}`);
  return label(table);
}

function csvProblemError(path: string, from: ConvertFormat, problem: CsvProblem, cause?: unknown): DatasetInputError {
  return new DatasetInputError(
    `input ${path} is not valid ${from.toUpperCase()}: ${problem.message}`,
    `fix line ${problem.line} of ${path} (every line needs as many fields as the header; quote fields that hold the delimiter)`,
    cause,
  );
}

/**
 * A value that does not fit the type DuckDB chose from the first rows (50,000 numbers, then `hello`):
 * says which column, line and value, and how to read it.
 */
function lateTypeError(path: string, error: unknown): DatasetInputError | undefined {
  const text = fullMessage(error);
  const match = /Error when converting column "([^"]*)"\. Could not convert string "((?:[^"\\]|\\.)*)" to '([^']+)'/.exec(text);
  if (!match) return undefined;
  const line = /CSV Error on Line: (\d+)/.exec(text)?.[1];
  return new DatasetInputError(
    `input ${path}: column "${match[1]}" was read as ${match[3]} from the first rows, but ${line ? `line ${line}` : 'a later line'} holds "${match[2]}"`,
    'pass --sample-size all to choose the column types from the whole file (a mixed column becomes text), or fix that value',
    error,
  );
}

async function inputError(source: Source, from: ConvertFormat, error: unknown): Promise<DatasetInputError> {
  if (/No files found that match the pattern/.test(duckdbMessage(error))) {
    return new DatasetInputError(`--input ${source.name} matches no file`, 'check the pattern, or name one file', error);
  }
  const late = lateTypeError(source.name, error);
  if (late) return late;
  if (from === 'csv' || from === 'tsv') {
    for (const file of source.files) {
      const problem = await findCsvProblem(file, from === 'tsv' ? '\t' : ',');
      if (problem) return csvProblemError(file, from, problem, error);
    }
  }
  return new DatasetInputError(
    `input ${source.name} cannot be read as ${from}: ${duckdbMessage(error)}`,
    `check that ${source.name} is a ${from} file, or pass --from with its real format`,
    error,
  );
}

/** DuckDB's messages for unreadable input (CSV, JSON, Parquet errors), as opposed to output or I/O faults. */
function isInputFault(error: unknown): boolean {
  return /Invalid Input Error|Conversion Error|CSV|JSON|Parquet|parquet/.test(duckdbMessage(error));
}

/** Every file a pattern matches, by DuckDB's own glob (so the list is what its readers will read). */
async function globFiles(connection: Connection, pattern: string): Promise<string[]> {
  return (await connection.query<{ file: string }>(`SELECT file FROM glob(${quoteLiteral(pattern)}) ORDER BY file`)).map((r) => r.file);
}

/**
 * The text of a compressed CSV this Node cannot decompress (zstd before Node 22.15), written plain by
 * DuckDB line by line into `dir`: the row-shape check then reads the same text DuckDB does.
 */
function plainCopyBy(connection: Connection, path: string, dir: string): () => Promise<string> {
  return async () => {
    const plain = join(dir, `${basename(path)}.txt`);
    const unit = quoteLiteral('\u001f');
    await connection.run(
      `COPY (SELECT line FROM read_csv(${quoteLiteral(literalReaderPath(path))}, columns = {'line': 'VARCHAR'}, header = false, auto_detect = false,
              delim = ${unit}, quote = '', escape = '', new_line = '\\n', compression = 'zstd'))
         TO ${quoteLiteral(plain)} (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER ${unit})`,
    );
    return plain;
  };
}

/** Converts one file between CSV, TSV, Parquet, JSON, NDJSON and a DuckDB table; writes atomically. */
export async function convertFile(options: ConvertOptions): Promise<ConvertResult> {
  const started = performance.now();
  const glob = options.glob ?? false;
  const from = resolveFormat(options.input, options.from, 'input');
  const to = resolveFormat(options.output, options.to, 'output');
  if (options.table !== undefined && from !== 'duckdb' && to !== 'duckdb') {
    throw new DatasetInputError(`--table names a table of a DuckDB file, but ${from} -> ${to} has none`, 'drop --table, or convert from or to a .duckdb file');
  }
  if (glob && from === 'duckdb')
    throw new DatasetInputError(
      '--glob reads CSV, TSV, Parquet or JSON files; a DuckDB database is read one file at a time',
      'drop --glob and name the .duckdb file',
    );
  if (options.sampleSize !== undefined && from !== 'csv' && from !== 'tsv') {
    throw new DatasetInputError(`--sample-size applies to CSV and TSV input; ${options.input} is read as ${from}`, 'drop --sample-size');
  }
  const checkOutput = (inputs: NamedPath[]) =>
    checkOutputs({ outputs: [{ name: '--output', path: options.output }], inputs, force: options.force ?? false, createFolders: true });
  const db = await Database.open(':memory:');
  let input: RegularInput | undefined;
  const scratch: string[] = [];
  let undoFolder = () => {};
  try {
    const connection = await db.connect();
    let source: Source;
    if (glob) {
      const files = await globFiles(connection, options.input);
      if (files.length === 0) throw new DatasetInputError(`--input ${options.input} matches no file`, 'check the pattern, or name one file');
      source = { name: options.input, reader: options.input, files };
      checkOutput(files.map((path) => ({ name: '--input', path })));
    } else {
      const kind = pathKind(options.input);
      // A missing name that looks like a pattern is refused with the flag that would expand it.
      readerPath(options.input, { exists: kind !== 'missing', name: '--input', globFlag: '--glob' });
      // Before a pipe is read: its data can be read only once.
      checkOutput([{ name: '--input', path: options.input }]);
      // A pipe (`<(cmd)`, a FIFO) is copied to a temporary file first: DuckDB reads a CSV twice (sniffing, then reading).
      input = await regularInput(options.input, '--input');
      source = { name: options.input, reader: literalReaderPath(input.path), files: [input.path] };
    }
    // DuckDB can read a ragged CSV leniently (rows dropped, one wide column): check its structure in
    // JavaScript while DuckDB converts, and throw the result away if a line is malformed.
    const delimiter = from === 'tsv' ? '\t' : ',';
    const plainCopy = (file: string) => {
      if (csvCompression(file) !== 'zstd' || decompressor('zstd')) return undefined;
      const dir = mkdtempSync(join(tmpdir(), 'frozen-duckdb-csv-'));
      scratch.push(dir);
      return plainCopyBy(connection, file, dir);
    };
    const scan =
      from === 'csv' || from === 'tsv'
        ? (async () => {
            for (const file of source.files) {
              const problem = await findCsvProblem(file, delimiter, plainCopy(file));
              if (problem) return { file, problem };
            }
            return undefined;
          })()
        : Promise.resolve(undefined);
    scan.catch(() => undefined);
    const inputTable = await openSource(connection, options, source, from);
    undoFolder = makeFolders(dirname(options.output) || '.');
    const outputTable = to === 'duckdb' ? (options.table ?? inputTable?.replace(/^.*\./, '') ?? tableNameFrom(options.input)) : undefined;
    const rows = await withAtomicOutputs(async (outputs) => {
      const temp = outputs.temp(options.output);
      const converted = await convertInto(temp).catch((error: unknown) => error as Error);
      const found = await scan;
      if (found) throw csvProblemError(found.file === input?.path ? options.input : found.file, from, found.problem);
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
        const disk = outputFault(error, options.output);
        if (disk) throw disk;
        // Readers are lazy: a malformed row surfaces here, while the output is written.
        if (error instanceof DatasetInputError || !isInputFault(error)) throw error;
        throw await inputError(source, from, error);
      }
    }
    const inputBytes = source.files.reduce((sum, file) => sum + fileSize(file), 0);
    const outputBytes = fileSize(options.output);
    return {
      from,
      to,
      table: inputTable ?? outputTable,
      rows,
      inputBytes,
      outputBytes,
      ratio: outputBytes > 0 ? inputBytes / outputBytes : 0,
      ms: performance.now() - started,
    };
  } catch (error) {
    undoFolder();
    throw error;
  } finally {
    db.close();
    input?.dispose();
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  }
}

/** A table name from a file name: letters, digits and underscores, not starting with a digit. */
export function tableNameFrom(path: string): string {
  const stem = basename(path)
    .replace(/(\.[^.]+)+$/, '')
    .replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(stem) ? stem : `t_${stem}`;
}
