// The one signal-cleanup registry lives in @frozen-duckdb/files (its lock files and atomic outputs need it too);
// kept here as a re-export so that the gate's modules import it as before.
export { onCleanup, cleanupAll } from '@frozen-duckdb/files';
