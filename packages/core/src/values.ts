import type { DuckDBPreparedStatement, DuckDBType, JS, Json } from '@duckdb/node-api';
import { loadedNodeApi } from './node-api.js';

/** A value a caller may bind or append: what @duckdb/node-api reads back as JS, plus null. */
export type JSValue = JS | null;
/** A row as a plain object; JS values (bigint for BIGINT, Date for DATE, ...). */
export type Row = Record<string, JS>;
/** A row that survives JSON.stringify without loss: BIGINT and DECIMAL as strings, dates as ISO text. */
export type JsonRow = Record<string, Json>;
/** Positional (?, $1) or named ($name) parameters. */
export type Params = readonly unknown[] | Readonly<Record<string, unknown>>;

/**
 * Binds parameters with the types DuckDB inferred for the statement, converting JS values
 * (numbers, bigints, strings, Dates, arrays, objects) to those types; untyped parameters
 * (`SELECT ?`) take the type of the JS value.
 */
export function bindParams(statement: DuckDBPreparedStatement, params: Params): void {
  const api = loadedNodeApi();
  statement.clearBindings();
  const entries: [number, unknown][] = Array.isArray(params)
    ? params.map((value, i) => [i + 1, value])
    : Object.entries(params).map(([name, value]) => [statement.parameterIndex(name), value]);
  if (Array.isArray(params) && params.length !== statement.parameterCount) {
    throw new Error(`expected ${statement.parameterCount} parameter(s), got ${params.length}`);
  }
  for (const [index, value] of entries) {
    if (value === null || value === undefined) {
      statement.bindNull(index);
      continue;
    }
    const typeId = statement.parameterTypeId(index) as number;
    if (typeId === api.DuckDBTypeId.ANY || typeId === api.DuckDBTypeId.INVALID) {
      statement.bindValue(index, inferredValue(value));
    } else {
      const type: DuckDBType = statement.parameterType(index);
      if (typeof value === 'string' && typeId !== api.DuckDBTypeId.VARCHAR) {
        // Text for a typed parameter ('7.25' for DECIMAL, '2024-01-01' for DATE): DuckDB casts it.
        statement.bindVarchar(index, value);
      } else {
        statement.bindValue(index, api.JSToDuckDBValueConverter(value as JS, type, api.JSToDuckDBValueConverter), type);
      }
    }
  }
}

function inferredValue(value: unknown): import('@duckdb/node-api').DuckDBValue {
  const api = loadedNodeApi();
  if (value instanceof Date) return api.jsToDuckDBValue(value, api.TIMESTAMP);
  if (typeof value === 'number' && Number.isInteger(value) && Number.isSafeInteger(value)) {
    return Math.abs(value) <= 2147483647 ? value : BigInt(value);
  }
  return value as import('@duckdb/node-api').DuckDBValue;
}

/** A DuckDB type as DuckDB prints it (INTEGER, DECIMAL(15,2), VARCHAR[]). */
export function typeName(type: DuckDBType): string {
  return type.toString();
}
