/** C API functions every native consumer of DuckDB calls; a library without one of them is not usable as DuckDB. */
export const CORE_C_API = [
  'duckdb_library_version',
  'duckdb_open',
  'duckdb_open_ext',
  'duckdb_close',
  'duckdb_connect',
  'duckdb_disconnect',
  'duckdb_query',
  'duckdb_destroy_result',
  'duckdb_result_error',
  'duckdb_column_count',
  'duckdb_row_count',
  'duckdb_prepare',
  'duckdb_bind_int64',
  'duckdb_execute_prepared',
  'duckdb_destroy_prepare',
  'duckdb_appender_create',
  'duckdb_append_int64',
  'duckdb_appender_end_row',
  'duckdb_appender_destroy',
  'duckdb_fetch_chunk',
  'duckdb_free',
] as const;

/** The duckdb_* functions a duckdb.h declares (its DUCKDB_C_API / DUCKDB_API prototypes). */
export function declaredFunctions(header: string): string[] {
  const names = new Set<string>();
  const prototype = /\bDUCKDB_(?:C_)?API\b[^;{}()]*?\b(duckdb_\w+)\s*\(/g;
  for (const m of header.matchAll(prototype)) names.add(m[1]!);
  return [...names].sort();
}

/** A version the header states, when it states one (DuckDB's own duckdb.h does not). */
export function headerVersion(header: string): string | null {
  const quoted = /#define\s+DUCKDB_VERSION\s+"v?([0-9][^"]*)"/.exec(header);
  if (quoted) return `v${quoted[1]}`;
  const parts = ['MAJOR', 'MINOR', 'PATCH'].map((p) => new RegExp(`#define\\s+DUCKDB_VERSION_${p}\\s+(\\d+)`).exec(header)?.[1]);
  return parts.every((p) => p !== undefined) ? `v${parts.join('.')}` : null;
}
