import type { Connection } from './connection.js';
import { quoteIdentifier } from './sql.js';

export interface ExtensionInfo {
  name: string;
  loaded: boolean;
  installed: boolean;
  /** Compiled into the library (parquet, json, icu in the npm build): always available. */
  builtIn: boolean;
  installMode: string | null;
  description: string | null;
}

export type LoadStatus = 'loaded' | 'already-loaded' | 'not-installed' | 'install-failed' | 'unknown' | 'failed';

/** The result of trying to load an extension; `message` says why when it did not load. */
export interface LoadOutcome {
  name: string;
  status: LoadStatus;
  ok: boolean;
  message: string;
}

export interface LoadOptions {
  /** Try INSTALL when it is not installed (needs network). Default false. */
  allowInstall?: boolean;
  /** Give up on INSTALL after this long (default 15 s); the query is interrupted, never left hanging. */
  installTimeoutMs?: number;
}

/** Lists duckdb_extensions(). */
export async function extensionList(connection: Connection): Promise<ExtensionInfo[]> {
  const rows = await connection.query<{
    extension_name: string;
    loaded: boolean;
    installed: boolean;
    install_mode: string | null;
    description: string | null;
  }>('SELECT extension_name, loaded, installed, install_mode, description FROM duckdb_extensions() ORDER BY 1');
  return rows.map((r) => ({
    name: r.extension_name,
    loaded: r.loaded,
    installed: r.installed,
    builtIn: r.install_mode === 'STATICALLY_LINKED',
    installMode: r.install_mode,
    description: r.description,
  }));
}

/** Loads `name` when it can; otherwise says plainly why (not installed, no network, unknown). */
export async function tryLoadExtension(connection: Connection, name: string, options: LoadOptions = {}): Promise<LoadOutcome> {
  const known = (await extensionList(connection)).find((e) => e.name === name);
  const outcome = (status: LoadStatus, message: string): LoadOutcome => ({
    name,
    status,
    ok: status === 'loaded' || status === 'already-loaded',
    message,
  });
  if (known?.loaded) return outcome('already-loaded', `${name} is already loaded`);
  if (!known?.installed) {
    if (!options.allowInstall) {
      return outcome(
        known ? 'not-installed' : 'unknown',
        known
          ? `${name} is not installed; allow installing it (needs network) or run INSTALL ${name} once where there is network`
          : `${name} is not an extension this DuckDB knows; it may still install from a repository`,
      );
    }
    const installed = await withTimeout(connection, `INSTALL ${quoteIdentifier(name)}`, options.installTimeoutMs ?? 15000);
    if (installed !== true) return outcome('install-failed', `INSTALL ${name} failed: ${installed}`);
  }
  try {
    await connection.run(`LOAD ${quoteIdentifier(name)}`);
    return outcome('loaded', `${name} loaded`);
  } catch (error) {
    return outcome('failed', firstLine(error));
  }
}

async function withTimeout(connection: Connection, sql: string, ms: number): Promise<true | string> {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    connection.interrupt();
  }, ms);
  try {
    await connection.run(sql);
    return true;
  } catch (error) {
    return timedOut ? `no answer within ${ms} ms (no network?)` : firstLine(error);
  } finally {
    clearTimeout(timer);
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? ((error as { duckdbMessage?: string }).duckdbMessage ?? error.message) : String(error);
  return message.split('\n')[0] ?? message;
}
