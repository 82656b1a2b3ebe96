/**
 * A suite's setup, done once and restored in later processes: the database copied into a file
 * (`COPY FROM DATABASE`), what setup returned serialized with v8, the files setup wrote kept in
 * place, and the settings and extensions setup changed replayed. A restore is checked against
 * the catalog the setup left (tables and their row counts, views, indexes, macros, sequences,
 * types); anything a snapshot cannot carry (an attached database, a temporary table, a secret,
 * a returned function or class instance) makes the suite run its setup in every process.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import v8 from 'node:v8';
import { quoteLiteral, type Connection } from '@frozen-duckdb/core';
import { unshareableValue } from './shareable.js';

/** Bumped when what a snapshot holds changes: an older one is rebuilt, never read. */
const FORMAT = 1;
const MANIFEST = 'manifest.json';
const DATABASE = 'database.duckdb';
const DATA = 'data.v8';
const FILES = 'files';
const ALIAS = 'frozen_duckdb_setup_snapshot';

export interface Note {
  label: string;
  value: number;
  unit: string;
}

type Manifest =
  | { format: typeof FORMAT; key: string; shareable: false; reason: string }
  | {
      format: typeof FORMAT;
      key: string;
      shareable: true;
      setupMs: number;
      notes: Note[];
      /** Files setup wrote, relative to the files folder, with their sizes: a restore checks they are all still there. */
      files: { path: string; size: number }[];
      settings: Record<string, string>;
      extensions: string[];
      signature: string;
    };

/** What a process knows before setup runs, to tell what setup changed. */
export interface StateBefore {
  settings: Map<string, string>;
  extensions: Set<string>;
}

/** The folder whose files setup writes when it is shared: later processes read the same paths. */
export function sharedFilesDir(dir: string): string {
  return join(dir, FILES);
}

/** Prepares `dir` for a process that runs setup: anything left by an unfinished snapshot goes. */
export function startSharedSetup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(sharedFilesDir(dir), { recursive: true });
}

/** The manifest when `dir` holds a finished snapshot for `key`; undefined when it must be (re)built. */
function readManifest(dir: string, key: string): Manifest | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Manifest;
    return manifest.format === FORMAT && manifest.key === key ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `dir` already settles `key`: a finished snapshot to restore, or an earlier process's refusal. */
export function snapshotSettled(dir: string, key: string): boolean {
  return readManifest(dir, key) !== undefined;
}

/** Why `dir` says the suite cannot be shared, when an earlier process found so. */
export function refusedShare(dir: string, key: string): string | undefined {
  const manifest = readManifest(dir, key);
  return manifest && !manifest.shareable ? manifest.reason : undefined;
}

export async function stateBefore(connection: Connection): Promise<StateBefore> {
  return {
    settings: new Map(
      (await connection.query<{ name: string; value: string }>('SELECT name, value::VARCHAR AS value FROM duckdb_settings()')).map((r) => [r.name, r.value]),
    ),
    extensions: new Set((await connection.query<{ name: string }>('SELECT extension_name AS name FROM duckdb_extensions() WHERE loaded')).map((r) => r.name)),
  };
}

/** What a snapshot of the database cannot carry; undefined when it carries everything. */
async function uncapturable(connection: Connection): Promise<string | undefined> {
  const attached = await connection.query<{ name: string }>(
    "SELECT database_name AS name FROM duckdb_databases() WHERE NOT internal AND database_name <> 'memory'",
  );
  if (attached.length) return `setup attaches a database (${attached.map((a) => a.name).join(', ')})`;
  if (Number(await connection.scalar('SELECT count(*) FROM duckdb_tables() WHERE temporary'))) return 'setup creates a temporary table';
  if (Number(await connection.scalar('SELECT count(*) FROM duckdb_secrets()'))) return 'setup creates a secret';
  return undefined;
}

/** The catalog of the in-memory database as one string: equal after setup and after a restore. */
async function signature(connection: Connection): Promise<string> {
  const value = await connection.scalar<string>(`SELECT coalesce(string_agg(x, '|' ORDER BY x), '') FROM (
    SELECT 'table ' || schema_name || '.' || table_name || ' rows ' || estimated_size || ' columns ' || column_count AS x FROM duckdb_tables() WHERE database_name = 'memory'
    UNION ALL SELECT 'view ' || schema_name || '.' || view_name FROM duckdb_views() WHERE database_name = 'memory' AND NOT internal
    UNION ALL SELECT 'index ' || schema_name || '.' || index_name FROM duckdb_indexes() WHERE database_name = 'memory'
    UNION ALL SELECT 'sequence ' || schema_name || '.' || sequence_name FROM duckdb_sequences() WHERE database_name = 'memory'
    UNION ALL SELECT 'function ' || schema_name || '.' || function_name FROM duckdb_functions() WHERE database_name = 'memory' AND NOT internal
    UNION ALL SELECT 'type ' || schema_name || '.' || type_name FROM duckdb_types() WHERE database_name = 'memory' AND NOT internal)`);
  return value ?? '';
}

function listFiles(root: string): { path: string; size: number }[] {
  const out: { path: string; size: number }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push({ path: relative(root, full), size: statSync(full).size });
    }
  };
  walk(root);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

function writeManifest(dir: string, manifest: Manifest): void {
  // Written last and renamed into place: a process killed before this leaves no valid snapshot.
  const temp = join(dir, `${MANIFEST}.${process.pid}.tmp`);
  writeFileSync(temp, JSON.stringify(manifest));
  renameSync(temp, join(dir, MANIFEST));
}

/**
 * After setup ran in this process: snapshots what it left into `dir`, or records why it cannot
 * be shared. Returns the reason when it cannot, and the time the snapshot took when it can.
 */
export async function saveSetup(
  connection: Connection,
  dir: string,
  key: string,
  before: StateBefore,
  result: { data: unknown; setupMs: number; notes: Note[] },
): Promise<{ refused?: string; snapshotMs: number }> {
  const started = performance.now();
  const refused = (await uncapturable(connection)) ?? unshareableValue(result.data);
  if (refused) {
    writeManifest(dir, { format: FORMAT, key, shareable: false, reason: refused });
    return { refused, snapshotMs: performance.now() - started };
  }
  const after = await stateBefore(connection);
  const settings = Object.fromEntries([...after.settings].filter(([name, value]) => before.settings.get(name) !== value));
  const extensions = [...after.extensions].filter((name) => !before.extensions.has(name));
  const files = listFiles(sharedFilesDir(dir));
  const catalog = await signature(connection);
  writeFileSync(join(dir, DATA), v8.serialize(result.data));
  const compression = await connection.scalar<string>("SELECT current_setting('force_compression')");
  // Uncompressed: the copy is read back once per process, and compressing costs more than it saves here.
  await connection.run("SET force_compression = 'uncompressed'");
  try {
    await connection.run(`ATTACH ${quoteLiteral(join(dir, DATABASE))} AS ${ALIAS}`);
    try {
      await connection.run(`COPY FROM DATABASE memory TO ${ALIAS}`);
    } finally {
      await connection.run(`DETACH ${ALIAS}`);
    }
  } finally {
    await connection.run(`SET force_compression = ${quoteLiteral(compression ?? 'auto')}`);
  }
  writeManifest(dir, { format: FORMAT, key, shareable: true, setupMs: result.setupMs, notes: result.notes, files, settings, extensions, signature: catalog });
  return { snapshotMs: performance.now() - started };
}

export type Restored = { data: unknown; notes: Note[]; setupMs: number };

/**
 * Restores a snapshot into this process's fresh database. `none` when `dir` holds no finished
 * snapshot for `key`; a problem when it is damaged or incomplete: the caller then runs setup
 * in a fresh database.
 */
export async function restoreSetup(connection: Connection, dir: string, key: string): Promise<{ restored: Restored } | { problem: string } | 'none'> {
  const manifest = readManifest(dir, key);
  if (!manifest?.shareable) return 'none';
  const files = sharedFilesDir(dir);
  for (const f of manifest.files) {
    const path = join(files, f.path);
    if (!existsSync(path) || statSync(path).size !== f.size)
      return { problem: `${f.path}, a file setup wrote, is gone or changed (a teardown or a benchmark removed it?)` };
  }
  const data = v8.deserialize(readFileSync(join(dir, DATA))) as unknown;
  await connection.run(`ATTACH ${quoteLiteral(join(dir, DATABASE))} AS ${ALIAS} (READ_ONLY)`);
  try {
    await connection.run(`COPY FROM DATABASE ${ALIAS} TO memory`);
  } finally {
    await connection.run(`DETACH ${ALIAS}`);
  }
  // Names come from DuckDB's own catalog; checked anyway, since they are spliced into SQL.
  const word = (name: string) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`unexpected name ${JSON.stringify(name)} in the setup snapshot`);
    return name;
  };
  for (const name of manifest.extensions) await connection.run(`LOAD ${word(name)}`);
  for (const [name, value] of Object.entries(manifest.settings)) await connection.run(`SET ${word(name)} = ${quoteLiteral(value)}`);
  if ((await signature(connection)) !== manifest.signature) return { problem: 'the restored catalog differs from the one setup left' };
  return { restored: { data, notes: manifest.notes, setupMs: manifest.setupMs } };
}
