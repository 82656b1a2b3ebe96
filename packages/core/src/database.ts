import { resolve } from 'node:path';
import type { DuckDBInstance } from '@duckdb/node-api';
import { Connection } from './connection.js';
import { ClosedError, DatabaseInUseError, SettingError, toQueryError } from './errors.js';
import { nodeApi } from './node-api.js';
import { isSettingName, settingLiteral } from './sql.js';

export type SettingValue = string | number | boolean;

export interface OpenOptions {
  /** Any DuckDB setting: threads, memory_limit, temp_directory, ... */
  settings?: Record<string, SettingValue>;
  /** Let DuckDB download known extensions on first use. Off by default: tests and CI have no network. */
  allowExtensionInstall?: boolean;
}

interface SharedInstance {
  instance: DuckDBInstance;
  settingsKey: string;
  handles: number;
}

// DuckDB must not open one file twice in a process: file databases share one instance.
const openFiles = new Map<string, SharedInstance>();

/** A DuckDB database: in memory (':memory:') or a file, opened with pinned settings. */
export class Database {
  readonly path: string;
  readonly settings: Readonly<Record<string, string>>;
  private shared: SharedInstance | undefined;
  private readonly connections = new Set<Connection>();

  private constructor(path: string, settings: Record<string, string>, shared: SharedInstance) {
    this.path = path;
    this.settings = settings;
    this.shared = shared;
  }

  /** Opens (or shares) a database. Settings are applied at startup; a bad one raises SettingError naming it. */
  static async open(path = ':memory:', options: OpenOptions = {}): Promise<Database> {
    const settings = normalizeSettings(options);
    const settingsKey = JSON.stringify(Object.entries(settings).sort());
    const isFile = path !== ':memory:' && path !== '';
    const key = isFile ? resolve(path) : path;

    if (isFile) {
      const existing = openFiles.get(key);
      if (existing) {
        if (existing.settingsKey !== settingsKey) throw new DatabaseInUseError(key);
        existing.handles += 1;
        return new Database(key, settings, existing);
      }
    }
    const instance = await createInstance(key, settings);
    const shared: SharedInstance = { instance, settingsKey, handles: 1 };
    if (isFile) openFiles.set(key, shared);
    return new Database(isFile ? key : ':memory:', settings, shared);
  }

  get isOpen(): boolean {
    return this.shared !== undefined;
  }

  /** Opens a new connection; it is closed with the database at the latest. */
  async connect(): Promise<Connection> {
    const shared = this.requireOpen();
    try {
      const raw = await shared.instance.connect();
      const connection = new Connection(raw, () => this.connections.delete(connection));
      this.connections.add(connection);
      return connection;
    } catch (error) {
      throw toQueryError('-- connect', error);
    }
  }

  /** Closes this handle's connections; the instance closes when its last handle does. */
  close(): void {
    const shared = this.shared;
    if (!shared) return;
    for (const connection of [...this.connections]) connection.close();
    this.shared = undefined;
    shared.handles -= 1;
    if (shared.handles === 0) {
      shared.instance.closeSync();
      if (openFiles.get(this.path) === shared) openFiles.delete(this.path);
    }
  }

  private requireOpen(): SharedInstance {
    if (!this.shared) throw new ClosedError('database');
    return this.shared;
  }
}

function normalizeSettings(options: OpenOptions): Record<string, string> {
  const settings: Record<string, string> = {
    autoinstall_known_extensions: options.allowExtensionInstall ? 'true' : 'false',
  };
  for (const [name, value] of Object.entries(options.settings ?? {})) {
    if (!isSettingName(name)) throw new SettingError(name, String(value), 'not a valid setting name');
    settings[name] = String(value);
  }
  return settings;
}

async function createInstance(path: string, settings: Record<string, string>): Promise<DuckDBInstance> {
  const { DuckDBInstance } = await nodeApi();
  try {
    return await DuckDBInstance.create(path, settings);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const culprit = await findRefusedSetting(settings);
    if (culprit) throw culprit;
    throw toQueryError(`-- open ${path}`, new Error(message));
  }
}

/** DuckDB only says "Failed to set config": find which setting it refused, with DuckDB's reason. */
async function findRefusedSetting(settings: Record<string, string>): Promise<SettingError | undefined> {
  const { DuckDBInstance } = await nodeApi();
  for (const [name, value] of Object.entries(settings)) {
    try {
      const probe = await DuckDBInstance.create(':memory:', { [name]: value });
      probe.closeSync();
    } catch (error) {
      const reason = await explainRefusal(name, value);
      return new SettingError(name, value, reason ?? (error instanceof Error ? error.message : String(error)));
    }
  }
  return undefined;
}

async function explainRefusal(name: string, value: string): Promise<string | undefined> {
  const { DuckDBInstance } = await nodeApi();
  const probe = await DuckDBInstance.create(':memory:');
  const connection = await probe.connect();
  try {
    await connection.run(`SET ${name} = ${settingLiteral(value)}`);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    connection.closeSync();
    probe.closeSync();
  }
}
