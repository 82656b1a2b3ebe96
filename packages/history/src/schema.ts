import type { Connection } from '@frozen-duckdb/core';
import { HistorySchemaError } from './errors.js';

/** Written into the meta table: a file without it, or with another name, is not ours to touch. */
export const HISTORY_SCHEMA = 'frozen-duckdb/history';
/** Bump when a table changes; older files are migrated, newer ones refused. */
export const HISTORY_SCHEMA_VERSION = 2;

/** The tables in dependency order, as the Parquet export and import see them. */
export const TABLES = ['meta', 'fingerprints', 'runs', 'results', 'samples'] as const;
export type TableName = (typeof TABLES)[number];

const DDL = `
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
CREATE TABLE fingerprints (
  hash VARCHAR PRIMARY KEY, cpu_model VARCHAR, cores INTEGER, memory_bytes BIGINT, os VARCHAR, node VARCHAR, duckdb VARCHAR
);
CREATE TABLE runs (
  id VARCHAR PRIMARY KEY,
  kind VARCHAR NOT NULL CHECK (kind IN ('bench', 'compare', 'record')),
  created_at TIMESTAMP NOT NULL,
  commit VARCHAR,
  base_commit VARCHAR,
  dirty BOOLEAN,
  fingerprint VARCHAR,
  profile VARCHAR,
  settings VARCHAR,
  shard VARCHAR,
  outcome VARCHAR,
  duration_ms DOUBLE,
  project VARCHAR,
  source VARCHAR
);
CREATE TABLE results (
  run_id VARCHAR NOT NULL, benchmark VARCHAR NOT NULL, suite VARCHAR, name VARCHAR, status VARCHAR NOT NULL,
  median_ms DOUBLE, mean_ms DOUBLE, min_ms DOUBLE, p25_ms DOUBLE, p75_ms DOUBLE, p99_ms DOUBLE, max_ms DOUBLE, sd_ms DOUBLE,
  n INTEGER, iterations BIGINT, cpu_ms DOUBLE, peak_rss_bytes BIGINT,
  base_ms DOUBLE, ratio DOUBLE, ratio_low DOUBLE, ratio_high DOUBLE, threshold DOUBLE,
  verdict VARCHAR, reason VARCHAR, error VARCHAR,
  instructions DOUBLE, base_instructions DOUBLE
);
CREATE TABLE samples (
  run_id VARCHAR NOT NULL, benchmark VARCHAR NOT NULL, block INTEGER NOT NULL, seq INTEGER NOT NULL,
  ms DOUBLE NOT NULL, base_ms DOUBLE
);
`;

export type SchemaState = { state: 'empty' } | { state: 'current' } | { state: 'older'; version: number };

/** What the attached catalog `db` holds; throws HistorySchemaError for a foreign or newer file. */
export async function inspectSchema(connection: Connection, db: string, path: string): Promise<SchemaState> {
  const tables = (await connection.query<{ name: string }>('SELECT table_name AS name FROM duckdb_tables() WHERE database_name = ?', [db])).map((t) => t.name);
  if (tables.length === 0) return { state: 'empty' };
  if (!tables.includes('meta')) {
    throw new HistorySchemaError(
      path,
      `is a DuckDB database but not a frozen-duckdb history (tables ${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', ...' : ''}, no meta table)`,
      'point --history (or $FROZEN_DUCKDB_HISTORY) at another file: a new one is created on the first run',
    );
  }
  const meta = new Map(
    (await connection.query<{ key: string; value: string }>(`SELECT key, value FROM "${db}".meta`).catch(() => [])).map((r) => [r.key, r.value]),
  );
  if (meta.get('schema') !== HISTORY_SCHEMA) {
    throw new HistorySchemaError(
      path,
      `its meta table names schema ${JSON.stringify(meta.get('schema') ?? null)}, not '${HISTORY_SCHEMA}'`,
      'point --history (or $FROZEN_DUCKDB_HISTORY) at another file: a new one is created on the first run',
    );
  }
  const version = Number(meta.get('version'));
  if (!Number.isInteger(version) || version < 1) {
    throw new HistorySchemaError(
      path,
      `its schema version ${JSON.stringify(meta.get('version'))} is not a number`,
      'the file is damaged: move it away and let a new one be created',
    );
  }
  if (version > HISTORY_SCHEMA_VERSION) {
    throw new HistorySchemaError(
      path,
      `was written by a newer frozen-duckdb (history schema version ${version}; this version reads up to ${HISTORY_SCHEMA_VERSION})`,
      'upgrade frozen-duckdb, or point --history at another file',
    );
  }
  return version === HISTORY_SCHEMA_VERSION ? { state: 'current' } : { state: 'older', version };
}

/** Creates the tables in an empty database (in the caller's transaction). */
export async function createSchema(connection: Connection, now = new Date()): Promise<void> {
  await connection.run(DDL);
  await connection.run('INSERT INTO meta VALUES (?, ?), (?, ?), (?, ?)', [
    'schema',
    HISTORY_SCHEMA,
    'version',
    String(HISTORY_SCHEMA_VERSION),
    'created_at',
    now.toISOString(),
  ]);
}

/** What each version adds to the one before it: a file of an older version gets these, in order, when written to. */
const MIGRATIONS: Record<number, string> = {
  2: 'ALTER TABLE results ADD COLUMN instructions DOUBLE; ALTER TABLE results ADD COLUMN base_instructions DOUBLE;',
};

/** Brings a file of an older schema version to this one (in the caller's transaction). */
export async function migrateSchema(connection: Connection, from: number): Promise<void> {
  for (let version = from + 1; version <= HISTORY_SCHEMA_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (step === undefined) throw new Error(`no migration of the history schema to version ${version}`);
    await connection.run(step);
  }
  await connection.run("UPDATE meta SET value = ? WHERE key = 'version'", [String(HISTORY_SCHEMA_VERSION)]);
}
