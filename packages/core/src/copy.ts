import { quoteIdentifier, quoteLiteral, quoteTableName, settingLiteral } from './sql.js';

export type FileFormat = 'csv' | 'parquet' | 'json';

/** What to copy out: a table (optionally in a schema) or any query. */
export type CopySource = { table: string; schema?: string } | { query: string };

export interface CopyToOptions {
  /** Defaults to the file extension, else csv. */
  format?: FileFormat;
  /** csv: header line (default true). */
  header?: boolean;
  /** csv: field delimiter (default ','). */
  delimiter?: string;
  /** parquet: zstd, snappy, gzip, uncompressed; csv/json: gzip, zstd. */
  compression?: string;
  /** Any further COPY option, e.g. { row_group_size: 100000 }. */
  extra?: Record<string, string | number | boolean>;
}

export interface CopyFromOptions {
  format?: FileFormat;
  header?: boolean;
  delimiter?: string;
  extra?: Record<string, string | number | boolean>;
}

/** The format a path implies by its extension (.csv, .tsv, .parquet, .json, .ndjson, with .gz/.zst). */
export function formatFromPath(path: string): FileFormat | undefined {
  const name = path.toLowerCase().replace(/\.(gz|zst)$/, '');
  if (name.endsWith('.parquet')) return 'parquet';
  if (name.endsWith('.csv') || name.endsWith('.tsv') || name.endsWith('.tbl')) return 'csv';
  if (name.endsWith('.json') || name.endsWith('.ndjson') || name.endsWith('.jsonl')) return 'json';
  return undefined;
}

/** The COPY ... TO statement for a source, path and options. */
export function copyToSql(source: CopySource, path: string, options: CopyToOptions = {}): string {
  const what = 'query' in source ? `(${source.query})` : quoteTableName(source.table, source.schema);
  return `COPY ${what} TO ${quoteLiteral(path)} ${optionsSql(path, options)}`;
}

/** The COPY ... FROM statement for a table, path and options. */
export function copyFromSql(table: string, path: string, options: CopyFromOptions = {}): string {
  return `COPY ${quoteIdentifier(table)} FROM ${quoteLiteral(path)} ${optionsSql(path, options)}`;
}

function optionsSql(path: string, options: CopyToOptions): string {
  const format = options.format ?? formatFromPath(path) ?? 'csv';
  const parts: string[] = [`FORMAT ${format}`];
  if (format === 'csv') {
    parts.push(`HEADER ${options.header ?? true}`);
    const delimiter = options.delimiter ?? (path.toLowerCase().includes('.tsv') ? '\t' : undefined);
    if (delimiter !== undefined) parts.push(`DELIMITER ${quoteLiteral(delimiter)}`);
  }
  if (options.compression) parts.push(`COMPRESSION ${quoteLiteral(options.compression)}`);
  for (const [key, value] of Object.entries(options.extra ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`not a COPY option name: ${key}`);
    parts.push(`${key.toUpperCase()} ${settingLiteral(value)}`);
  }
  return `(${parts.join(', ')})`;
}
