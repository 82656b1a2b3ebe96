/**
 * Every error a user can meet carries what happened, what to do next (`hint`) and a category
 * that the CLI maps to exactly one exit code.
 */
export type ErrorCategory = 'usage' | 'environment' | 'failure' | 'inconclusive';

export class FrozenDuckDBError extends Error {
  readonly category: ErrorCategory;
  readonly hint: string | undefined;

  constructor(message: string, options: { category?: ErrorCategory; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.category = options.category ?? 'failure';
    this.hint = options.hint;
  }
}

/** DuckDB rejected a statement: carries the SQL and DuckDB's own message. */
export class QueryError extends FrozenDuckDBError {
  readonly sql: string;
  readonly duckdbMessage: string;

  constructor(sql: string, duckdbMessage: string, cause?: unknown) {
    super(`${duckdbMessage}\n  in SQL: ${abbreviate(sql)}`, { category: 'failure', cause });
    this.sql = sql;
    this.duckdbMessage = duckdbMessage;
  }
}

/** The native binding for this platform could not be loaded. */
export class BindingLoadError extends FrozenDuckDBError {
  readonly platformPackage: string;

  constructor(platformPackage: string, detail: string, cause?: unknown) {
    super(`DuckDB's native binding could not be loaded: ${detail}`, {
      category: 'environment',
      hint:
        `install the platform package with \`npm install ${platformPackage}\` ` +
        '(npm skips optional dependencies with --omit=optional or when a lockfile was made on another platform)',
      cause,
    });
    this.platformPackage = platformPackage;
  }
}

/** The project's @duckdb/node-api is outside the range this release of frozen-duckdb supports. */
export class UnsupportedEngineError extends FrozenDuckDBError {
  readonly version: string;
  readonly range: string;

  constructor(found: { version: string; dir: string }, range: string, recommended: string) {
    super(`@duckdb/node-api ${found.version} (${found.dir}) is not supported by this frozen-duckdb; it supports ${range}`, {
      category: 'environment',
      hint: `install a supported version in your project: \`npm install @duckdb/node-api@${recommended}\` (or use the frozen-duckdb release made for ${found.version})`,
    });
    this.version = found.version;
    this.range = range;
  }
}

/** A DuckDB setting was unknown or its value was refused. */
export class SettingError extends FrozenDuckDBError {
  readonly setting: string;

  constructor(setting: string, value: string, duckdbMessage: string) {
    super(`setting ${setting}=${JSON.stringify(value)} was refused: ${duckdbMessage}`, {
      category: 'usage',
      hint: `check the name and value of '${setting}' (SELECT * FROM duckdb_settings() lists them)`,
    });
    this.setting = setting;
  }
}

/** A connection, prepared statement or appender was used after close(). */
export class ClosedError extends FrozenDuckDBError {
  constructor(what: string) {
    super(`${what} is closed`, { category: 'failure', hint: `open a new ${what} instead of reusing a closed one` });
  }
}

/** The same database file is already open in this process with other settings. */
export class DatabaseInUseError extends FrozenDuckDBError {
  constructor(path: string) {
    super(`database file ${path} is already open in this process with different settings`, {
      category: 'usage',
      hint: 'close the other handle first, or open the file with the same settings to share its instance',
    });
  }
}

function abbreviate(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}...` : flat;
}

/** Wraps any thrown value as a QueryError for `sql`, keeping typed errors as they are. */
export function toQueryError(sql: string, error: unknown): FrozenDuckDBError {
  if (error instanceof FrozenDuckDBError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new QueryError(sql, message, error);
}

/**
 * A value as a hint's shell command must carry it: bare when it is plain, single-quoted otherwise, so
 * that a hint built from the user's input (`git fetch origin 'x;y'`) runs that input as one argument.
 */
export function shellArgument(value: string): string {
  return /^[A-Za-z0-9_.,:/@%+=-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
