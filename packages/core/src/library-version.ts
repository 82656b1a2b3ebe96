import { loadedNodeApi } from './node-api.js';

/**
 * DuckDB's library version through the C API (`duckdb_library_version`). Instruction counting uses
 * this call as its marker: callgrind dumps its counters whenever the function is entered, and no
 * benchmark calls it. Only after a database was opened.
 */
export function libraryVersion(): string {
  return loadedNodeApi().version();
}
