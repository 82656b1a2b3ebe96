import { basename, dirname, join, resolve } from 'node:path';
import { findWorkspaceRoot } from '@frozen-duckdb/core';

/** Where history lives when nothing says otherwise, relative to the workspace root. */
export const DEFAULT_HISTORY = '.bench/history.duckdb';

/** Environment variable naming the history database; `off` turns recording off. */
export const HISTORY_ENV = 'FROZEN_DUCKDB_HISTORY';

/** Environment variable: how long a writer waits for the database before staging its run, in ms. */
export const HISTORY_WAIT_ENV = 'FROZEN_DUCKDB_HISTORY_WAIT_MS';

/**
 * The history database for a project: the flag, else $FROZEN_DUCKDB_HISTORY, else
 * `<workspace root>/.bench/history.duckdb`. Relative values are taken from the current folder.
 */
export function resolveHistoryPath(projectDir: string, flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (flag !== undefined && flag !== '') return resolve(flag);
  const fromEnv = env[HISTORY_ENV];
  if (fromEnv !== undefined && fromEnv !== '' && !isOff(fromEnv)) return resolve(fromEnv);
  return join(findWorkspaceRoot(projectDir) ?? resolve(projectDir), DEFAULT_HISTORY);
}

/** True when $FROZEN_DUCKDB_HISTORY turns recording off (off, false, 0, no). */
export function historyDisabledByEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env[HISTORY_ENV];
  return value !== undefined && isOff(value);
}

function isOff(value: string): boolean {
  return /^(off|false|0|no|none)$/i.test(value.trim());
}

/** The folder where runs wait when the database was busy: `history.duckdb` -> `history.pending/`. */
export function pendingDir(historyPath: string): string {
  const name = basename(historyPath).replace(/\.duckdb$/, '');
  return join(dirname(historyPath), `${name}.pending`);
}

/** The writers' lock file next to the database. */
export function lockPath(historyPath: string): string {
  return `${historyPath}.lock`;
}
