/**
 * Claim: for inserting rows from JS, use the appender or prepared statements, never SQL built
 * as a string per row; one multi-row INSERT is the next best. 1,000 rows into an empty table.
 */
import { defineSuite, type SuiteContext } from '@frozen-duckdb/bench';

const TABLE = 'CREATE OR REPLACE TABLE target (id INTEGER, name VARCHAR, amount DOUBLE)';
const ROWS = { rows: [1000] };

const row = (i: number): [number, string, number] => [i, `name ${i}`, i * 1.5];
const reset = (ctx: SuiteContext<unknown>) => ctx.connection.run(TABLE);

export default defineSuite({
  name: 'insert',
  async setup(ctx) {
    await ctx.connection.run(TABLE);
  },
  benchmarks: {
    'string-built INSERT per row': {
      params: ROWS,
      group: 'insert',
      beforeEach: reset,
      run: async (ctx, { rows }) => {
        for (let i = 0; i < rows; i++) {
          const [id, name, amount] = row(i);
          await ctx.connection.run(`INSERT INTO target VALUES (${id}, '${name}', ${amount})`);
        }
      },
    },
    'string-built INSERT per row, one transaction': {
      params: ROWS,
      group: 'insert',
      beforeEach: reset,
      run: async (ctx, { rows }) => {
        await ctx.connection.run('BEGIN TRANSACTION');
        for (let i = 0; i < rows; i++) {
          const [id, name, amount] = row(i);
          await ctx.connection.run(`INSERT INTO target VALUES (${id}, '${name}', ${amount})`);
        }
        await ctx.connection.run('COMMIT');
      },
    },
    'prepared statement per row': {
      params: ROWS,
      group: 'insert',
      beforeEach: reset,
      run: async (ctx, { rows }) => {
        const statement = await ctx.connection.prepare('INSERT INTO target VALUES ($1, $2, $3)');
        for (let i = 0; i < rows; i++) await statement.run(row(i));
        statement.close();
      },
    },
    'one multi-row INSERT': {
      params: ROWS,
      group: 'insert',
      beforeEach: reset,
      run: async (ctx, { rows }) => {
        const values: string[] = [];
        for (let i = 0; i < rows; i++) {
          const [id, name, amount] = row(i);
          values.push(`(${id}, '${name}', ${amount})`);
        }
        await ctx.connection.run(`INSERT INTO target VALUES ${values.join(', ')}`);
      },
    },
    appender: {
      params: ROWS,
      group: 'insert',
      beforeEach: reset,
      run: async (ctx, { rows }) => {
        const appender = await ctx.connection.appender('target');
        for (let i = 0; i < rows; i++) appender.appendRow(row(i));
        appender.close();
      },
    },
  },
});
