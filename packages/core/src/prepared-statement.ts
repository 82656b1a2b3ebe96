import type { DuckDBPreparedStatement } from '@duckdb/node-api';
import { ClosedError, toQueryError } from './errors.js';
import { bindParams, type JsonRow, type Params, type Row } from './values.js';

/** A statement parsed and planned once, run many times with typed parameters. */
export class PreparedStatement {
  readonly sql: string;
  private statement: DuckDBPreparedStatement | undefined;

  /** `finished`: told after each run (its connection's profile capture reads the statement's profile then). */
  constructor(
    sql: string,
    statement: DuckDBPreparedStatement,
    private readonly finished: (sql: string) => void = () => {},
  ) {
    this.sql = sql;
    this.statement = statement;
  }

  get parameterCount(): number {
    return this.open().parameterCount;
  }

  /** Runs with `params`; returns the number of rows changed. */
  async run(params: Params = []): Promise<number> {
    const statement = this.bound(params);
    try {
      return (await statement.run()).rowsChanged;
    } catch (error) {
      throw toQueryError(this.sql, error);
    } finally {
      this.finished(this.sql);
    }
  }

  /** Runs with `params`; returns rows as objects of JS values. */
  async query<T extends Row = Row>(params: Params = []): Promise<T[]> {
    const statement = this.bound(params);
    try {
      return (await statement.runAndReadAll()).getRowObjectsJS() as T[];
    } catch (error) {
      throw toQueryError(this.sql, error);
    } finally {
      this.finished(this.sql);
    }
  }

  /** Runs with `params`; returns JSON-safe rows. */
  async queryJson(params: Params = []): Promise<JsonRow[]> {
    const statement = this.bound(params);
    try {
      return (await statement.runAndReadAll()).getRowObjectsJson() as JsonRow[];
    } catch (error) {
      throw toQueryError(this.sql, error);
    } finally {
      this.finished(this.sql);
    }
  }

  close(): void {
    this.statement?.destroySync();
    this.statement = undefined;
  }

  private bound(params: Params): DuckDBPreparedStatement {
    const statement = this.open();
    try {
      bindParams(statement, params);
    } catch (error) {
      throw toQueryError(this.sql, error);
    }
    return statement;
  }

  private open(): DuckDBPreparedStatement {
    if (!this.statement) throw new ClosedError('prepared statement');
    return this.statement;
  }
}
