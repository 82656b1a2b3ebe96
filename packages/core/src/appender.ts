import type { DuckDBAppender, DuckDBDataChunk, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { ClosedError, toQueryError } from './errors.js';
import { loadedNodeApi } from './node-api.js';
import type { JSValue } from './values.js';

// DuckDB's vector size: a chunk holds at most this many rows.
const CHUNK_ROWS = 2048;

/**
 * Bulk load into one table through DuckDB's appender, from JS rows or columns. Values are
 * converted to the table's column types and appended a full data chunk at a time.
 */
export class Appender {
  readonly table: string;
  private appender: DuckDBAppender | undefined;
  private readonly types: DuckDBType[];
  private pending: JSValue[][] = [];
  private appended = 0;

  constructor(table: string, appender: DuckDBAppender) {
    this.table = table;
    this.appender = appender;
    this.types = Array.from({ length: appender.columnCount }, (_, i) => appender.columnType(i));
  }

  /** Rows appended so far, flushed or not. */
  get rowCount(): number {
    return this.appended + this.pending.length;
  }

  /** Appends one row; buffered until a chunk is full or flush(). */
  appendRow(row: readonly JSValue[]): void {
    this.open();
    this.checkWidth(row.length);
    this.pending.push(row as JSValue[]);
    if (this.pending.length === CHUNK_ROWS) this.appendPending();
  }

  /** Appends many rows, each an array in column order. */
  appendRows(rows: readonly (readonly JSValue[])[]): void {
    for (const row of rows) this.appendRow(row);
  }

  /** Appends columns of equal length, in column order: the fastest path from JS. */
  appendColumns(columns: readonly (readonly JSValue[])[]): void {
    const appender = this.open();
    this.checkWidth(columns.length);
    this.appendPending();
    const length = columns[0]?.length ?? 0;
    if (columns.some((c) => c.length !== length)) throw this.error(new Error('columns differ in length'));
    const api = loadedNodeApi();
    for (let start = 0; start < length; start += CHUNK_ROWS) {
      const end = Math.min(start + CHUNK_ROWS, length);
      const chunk = this.chunk(end - start);
      try {
        columns.forEach((column, i) => {
          const values = column.slice(start, end);
          const type = this.types[i] as DuckDBType;
          // Numbers, strings, booleans and bigints are already DuckDB values for their own types.
          if (isPassThrough(type, values)) chunk.setColumnValues(i, values as DuckDBValue[]);
          else chunk.setColumnValuesConverted(i, values, api.JSToDuckDBValueConverter);
        });
        appender.appendDataChunk(chunk);
      } catch (error) {
        throw this.error(error);
      }
      this.appended += end - start;
    }
  }

  /** Writes buffered rows into the table. */
  flush(): void {
    const appender = this.open();
    this.appendPending();
    try {
      appender.flushSync();
    } catch (error) {
      throw this.error(error);
    }
  }

  /** Flushes and releases the appender. */
  close(): void {
    if (!this.appender) return;
    try {
      this.flush();
    } finally {
      this.appender.closeSync();
      this.appender = undefined;
    }
  }

  private appendPending(): void {
    if (this.pending.length === 0) return;
    const appender = this.open();
    const rows = this.pending;
    this.pending = [];
    const chunk = this.chunk(rows.length);
    try {
      chunk.setRowsConverted(rows, loadedNodeApi().JSToDuckDBValueConverter);
      appender.appendDataChunk(chunk);
    } catch (error) {
      throw this.error(error);
    }
    this.appended += rows.length;
  }

  private chunk(rows: number): DuckDBDataChunk {
    return loadedNodeApi().DuckDBDataChunk.create(this.types, rows);
  }

  private checkWidth(width: number): void {
    if (width !== this.types.length) {
      throw this.error(new Error(`expected ${this.types.length} column(s), got ${width}`));
    }
  }

  private error(error: unknown) {
    return toQueryError(`-- appender for ${this.table}`, error);
  }

  private open(): DuckDBAppender {
    if (!this.appender) throw new ClosedError('appender');
    return this.appender;
  }
}

let passThrough: Map<number, string> | undefined;

/** DuckDB types whose JS values are passed through unchanged, with the typeof each takes. */
function passThroughTypes(): Map<number, string> {
  if (passThrough) return passThrough;
  const id = loadedNodeApi().DuckDBTypeId;
  passThrough = new Map<number, string>([
    [id.BOOLEAN, 'boolean'],
    ...[id.TINYINT, id.SMALLINT, id.INTEGER, id.UTINYINT, id.USMALLINT, id.UINTEGER, id.FLOAT, id.DOUBLE].map((t): [number, string] => [t, 'number']),
    [id.BIGINT, 'bigint'],
    [id.UBIGINT, 'bigint'],
    [id.VARCHAR, 'string'],
  ]);
  return passThrough;
}

/** True when every value already has the JS type DuckDB takes for `type` (nulls allowed). */
function isPassThrough(type: DuckDBType, values: readonly JSValue[]): boolean {
  switch (passThroughTypes().get(type.typeId)) {
    // One loop per type: V8 optimizes typeof against a literal, not against a variable.
    case 'number':
      for (let i = 0; i < values.length; i++) if (typeof values[i] !== 'number' && values[i] !== null) return false;
      return true;
    case 'string':
      for (let i = 0; i < values.length; i++) if (typeof values[i] !== 'string' && values[i] !== null) return false;
      return true;
    case 'bigint':
      for (let i = 0; i < values.length; i++) if (typeof values[i] !== 'bigint' && values[i] !== null) return false;
      return true;
    case 'boolean':
      for (let i = 0; i < values.length; i++) if (typeof values[i] !== 'boolean' && values[i] !== null) return false;
      return true;
    default:
      return false;
  }
}
