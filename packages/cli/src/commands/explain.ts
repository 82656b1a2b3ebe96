import { closeSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { Database, formatCount, formatTime, planTreeLines, profileTreeLines, type Connection } from '@frozen-duckdb/core';
import { InputFileError, pathKind } from '@frozen-duckdb/files';
import { UsageError, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';

/** A DuckDB database file says `DUCK` at byte 8: anything else is refused before DuckDB tries it. */
function isDuckDBFile(path: string): boolean {
  const header = Buffer.alloc(12);
  const fd = openSync(path, 'r');
  try {
    return readSync(fd, header, 0, 12, 0) === 12 && header.subarray(8, 12).toString('latin1') === 'DUCK';
  } finally {
    closeSync(fd);
  }
}

const DB_HINT = 'pass a DuckDB database file to --db, or leave --db out to explain against an empty in-memory database';

/** The --db file opened read-only; a missing, odd or non-DuckDB file is a usage error naming it. */
async function openDatabase(path: string): Promise<Database> {
  let kind;
  try {
    kind = pathKind(path);
  } catch (error) {
    if (error instanceof InputFileError) throw new UsageError(`--db ${error.message}`, DB_HINT);
    throw error;
  }
  if (kind === 'missing') throw new UsageError(`--db ${path} does not exist`, DB_HINT);
  if (kind !== 'file') throw new UsageError(`--db ${path} is a ${kind}, not a DuckDB database file`, DB_HINT);
  if (!isDuckDBFile(path)) throw new UsageError(`--db ${path} is not a DuckDB database file`, DB_HINT);
  try {
    return await Database.open(path, { settings: { access_mode: 'READ_ONLY' } });
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw new UsageError(`--db ${path} cannot be opened read-only: ${reason}`, 'close the process that holds it for writing, or pass a copy');
  }
}

async function explainWith(connection: Connection, sql: string, analyze: boolean, json: boolean): Promise<string> {
  if (!analyze) {
    const plan = await connection.explain(sql);
    return json ? JSON.stringify(plan, null, 2) : planTreeLines(plan).join('\n');
  }
  const profile = await connection.explainAnalyze(sql);
  if (json) return JSON.stringify(profile, null, 2);
  const head = `ran in ${formatTime(profile.latency * 1000)}, ${formatCount(profile.rowsReturned)} rows returned; each operator's own time and the rows it produced:`;
  return [head, ...profileTreeLines(profile.tree)].join('\n');
}

export const explain: Command = {
  name: 'explain',
  summary: "Show DuckDB's plan for a query as an operator tree: estimated rows, or with --analyze each operator's time and rows",
  positionals: ['SQL'],
  options: {
    db: { type: 'string', value: 'FILE', description: 'A DuckDB database file to plan against, opened read-only (default: an empty in-memory database)' },
    analyze: { type: 'boolean', description: "Run the query (EXPLAIN ANALYZE): each operator's own time and the rows it produced" },
    json: { type: 'boolean', description: 'Print the parsed tree as JSON' },
  },
  details: `Without --analyze the query is planned, not run, and the rows are DuckDB's estimates. With --analyze it runs
once: a statement that writes is refused by the read-only --db (and runs against the in-memory database otherwise).
The tree is printed the way a regression's diagnosis prints it (docs/diagnosis.md).
Exit codes: 0 shown, 1 DuckDB refused the SQL (its message is printed), 2 bad usage or a --db that is not a DuckDB file.`,
  async run(ctx) {
    const sql = ctx.positionals[0];
    if (sql === undefined || sql.trim() === '') throw new UsageError('no SQL given', `pass the query in quotes, e.g. frozen-duckdb explain "SELECT 42"`);
    const dbFlag = ctx.values.db;
    const db = typeof dbFlag === 'string' ? await openDatabase(resolve(ctx.cwd, dbFlag)) : await Database.open(':memory:');
    try {
      const connection = await db.connect();
      ctx.stdout.write(`${await explainWith(connection, sql, Boolean(ctx.values.analyze), Boolean(ctx.values.json))}\n`);
      return EXIT.ok;
    } finally {
      db.close();
    }
  },
};
