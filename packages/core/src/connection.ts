import { rmSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Appender } from './appender.js';
import { copyFromSql, copyToSql, type CopyFromOptions, type CopyToOptions, type CopySource } from './copy.js';
import { ClosedError, SettingError, toQueryError } from './errors.js';
import { extensionList, tryLoadExtension, type ExtensionInfo, type LoadOptions, type LoadOutcome } from './extensions.js';
import { memoryReport, type MemoryReport } from './memory.js';
import { PreparedStatement } from './prepared-statement.js';
import { parseAnalyzedPlan, parsePlan, type PlanNode, type QueryProfile } from './profile.js';
import { ProfileRecorder, type ProfileCapture } from './profile-capture.js';
import { isSettingName, settingLiteral } from './sql.js';
import { bindParams, typeName, type JsonRow, type Params, type Row } from './values.js';
import type { JS } from '@duckdb/node-api';

/** Rows in columns: one array of values per column name, with DuckDB's type names. */
export interface ColumnarResult {
  names: string[];
  types: string[];
  columns: Record<string, JS[]>;
  rowCount: number;
}

/** One connection to a database: queries, prepared statements, streaming, appender, COPY, profiling. */
export class Connection {
  private raw: DuckDBConnection | undefined;
  private readonly onClose: () => void;
  private recorder: ProfileRecorder | undefined;
  /** Called after each statement this connection (or a statement it prepared) finishes. */
  private readonly finished = (sql: string): void => this.recorder?.collect(sql);

  constructor(raw: DuckDBConnection, onClose: () => void) {
    this.raw = raw;
    this.onClose = onClose;
  }

  /** The @duckdb/node-api connection underneath, for what core does not wrap. */
  get duckdb(): DuckDBConnection {
    return this.open();
  }

  get isOpen(): boolean {
    return this.raw !== undefined;
  }

  /** Runs a statement (or several, separated by ';'); returns the rows changed by the last. */
  async run(sql: string, params?: Params): Promise<number> {
    const raw = this.open();
    try {
      if (params === undefined) return (await raw.run(sql)).rowsChanged;
      const statement = await raw.prepare(sql);
      try {
        bindParams(statement, params);
        return (await statement.run()).rowsChanged;
      } finally {
        statement.destroySync();
      }
    } catch (error) {
      throw toQueryError(sql, error);
    } finally {
      this.finished(sql);
    }
  }

  /** Rows as plain objects of JS values (bigint for BIGINT, Date for DATE, arrays, objects). */
  async query<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    return (await this.read(sql, params, (reader) => reader.getRowObjectsJS())) as T[];
  }

  /** Rows that survive JSON.stringify without loss: BIGINT/DECIMAL as strings, DATE as 'YYYY-MM-DD'. */
  async queryJson(sql: string, params?: Params): Promise<JsonRow[]> {
    return (await this.read(sql, params, (reader) => reader.getRowObjectsJson())) as JsonRow[];
  }

  /** The first column of the first row, or undefined for an empty result. */
  async scalar<T extends JS = JS>(sql: string, params?: Params): Promise<T | undefined> {
    const rows = await this.read(sql, params, (reader) => reader.getRowsJS());
    return rows[0]?.[0] as T | undefined;
  }

  /** The result in columns, for column-at-a-time processing. */
  async columns(sql: string, params?: Params): Promise<ColumnarResult> {
    return this.read(sql, params, (reader) => {
      const names = reader.columnNames();
      return {
        names,
        types: reader.columnTypes().map(typeName),
        columns: reader.getColumnsObjectJS(),
        rowCount: reader.currentRowCount,
      };
    });
  }

  /** Streams the result a DuckDB chunk (up to 2,048 rows) at a time, without materialising it. */
  async *stream<T extends Row = Row>(sql: string, params?: Params): AsyncGenerator<T[], void, undefined> {
    const raw = this.open();
    let result;
    try {
      if (params === undefined) {
        result = await raw.stream(sql);
      } else {
        const statement = await raw.prepare(sql);
        bindParams(statement, params);
        result = await statement.stream();
      }
    } catch (error) {
      throw toQueryError(sql, error);
    }
    try {
      for await (const rows of result.yieldRowObjectJs()) yield rows as T[];
    } catch (error) {
      throw toQueryError(sql, error);
    } finally {
      this.finished(sql);
    }
  }

  /** Prepares a statement once for many runs. */
  async prepare(sql: string): Promise<PreparedStatement> {
    const raw = this.open();
    try {
      return new PreparedStatement(sql, await raw.prepare(sql), this.finished);
    } catch (error) {
      throw toQueryError(sql, error);
    }
  }

  /** An appender for bulk load into an existing table. */
  async appender(table: string, schema?: string): Promise<Appender> {
    const raw = this.open();
    try {
      return new Appender(table, await raw.createAppender(table, schema ?? null));
    } catch (error) {
      throw toQueryError(`-- appender for ${schema ? `${schema}.` : ''}${table}`, error);
    }
  }

  /** COPY a table or a query to a CSV, Parquet or JSON file; returns the rows written. */
  async copyTo(source: CopySource, path: string, options: CopyToOptions = {}): Promise<number> {
    return this.run(copyToSql(source, path, options));
  }

  /** COPY a CSV, Parquet or JSON file into an existing table; returns the rows loaded. */
  async copyFrom(table: string, path: string, options: CopyFromOptions = {}): Promise<number> {
    return this.run(copyFromSql(table, path, options));
  }

  /** The physical plan DuckDB would run, as an operator tree (no timings). */
  async explain(sql: string): Promise<PlanNode> {
    const rows = await this.read(`EXPLAIN (FORMAT JSON) ${sql}`, undefined, (r) => r.getRowsJS());
    return parsePlan(String(rows[0]?.[1] ?? '[]'));
  }

  /** Runs the query under EXPLAIN ANALYZE: operator tree with timing and cardinality. */
  async explainAnalyze(sql: string): Promise<QueryProfile> {
    const rows = await this.read(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, undefined, (r) => r.getRowsJS());
    return parseAnalyzedPlan(String(rows[0]?.[1] ?? '{}'));
  }

  /**
   * Runs `work` with DuckDB's profiler on for this connection and returns the profile of every
   * statement it ran here (through this object or statements it prepared; not through `duckdb`
   * directly, nor on other connections). `file` is where DuckDB writes each profile; it is removed.
   */
  async captureProfiles<T>(file: string, work: () => Promise<T>): Promise<{ result: T; capture: ProfileCapture }> {
    if (this.recorder) throw new Error('profiles are already being captured on this connection');
    const raw = this.open();
    await raw.run(ProfileRecorder.enableSql(file));
    const recorder = new ProfileRecorder(file);
    rmSync(file, { force: true });
    this.recorder = recorder;
    try {
      return { result: await work(), capture: recorder };
    } finally {
      this.recorder = undefined;
      if (this.raw) await this.raw.run(ProfileRecorder.disableSql);
      rmSync(file, { force: true });
    }
  }

  /** DuckDB's memory by component, the database size and the process's RSS. */
  async memoryReport(): Promise<MemoryReport> {
    return memoryReport(this);
  }

  /** A setting's current value as DuckDB prints it. */
  async getSetting(name: string): Promise<string> {
    if (!isSettingName(name)) throw new SettingError(name, '', 'not a valid setting name');
    const value = await this.scalar(`SELECT current_setting(${settingLiteral(name)})::VARCHAR`);
    return String(value);
  }

  /** Changes a setting for this database (SET); a refused value raises SettingError. */
  async setSetting(name: string, value: string | number | boolean): Promise<void> {
    if (!isSettingName(name)) throw new SettingError(name, String(value), 'not a valid setting name');
    try {
      await this.open().run(`SET ${name} = ${settingLiteral(value)}`);
    } catch (error) {
      throw new SettingError(name, String(value), error instanceof Error ? error.message : String(error));
    }
  }

  /** Every extension DuckDB knows: built in, loaded, installed. */
  async extensions(): Promise<ExtensionInfo[]> {
    return extensionList(this);
  }

  /** Loads an extension if it can be had; says why not otherwise. Never hangs without network. */
  async tryLoadExtension(name: string, options: LoadOptions = {}): Promise<LoadOutcome> {
    return tryLoadExtension(this, name, options);
  }

  /** Stops the running query on this connection (from another async task). */
  interrupt(): void {
    this.raw?.interrupt();
  }

  close(): void {
    if (!this.raw) return;
    this.raw.closeSync();
    this.raw = undefined;
    this.onClose();
  }

  private async read<T>(sql: string, params: Params | undefined, take: (reader: import('@duckdb/node-api').DuckDBResultReader) => T): Promise<T> {
    const raw = this.open();
    try {
      if (params === undefined) return take(await raw.runAndReadAll(sql));
      const statement = await raw.prepare(sql);
      try {
        bindParams(statement, params);
        return take(await statement.runAndReadAll());
      } finally {
        statement.destroySync();
      }
    } catch (error) {
      throw toQueryError(sql, error);
    } finally {
      this.finished(sql);
    }
  }

  private open(): DuckDBConnection {
    if (!this.raw) throw new ClosedError('connection');
    return this.raw;
  }
}
