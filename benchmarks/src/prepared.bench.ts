/**
 * Claim: run a repeated SELECT as a prepared statement, prepared once and executed with new
 * parameters, instead of building the SQL string each time. One parameterised lookup by key run
 * 1,000 times in the full profile (100 in the quick one, to keep it short) over a 10k-row table:
 * prepared once, a parameterised query each time (DuckDB prepares it on every call), and the key
 * pasted into a new SQL string each time.
 */
import { defineSuite } from '@frozen-duckdb/bench';
import { factsSql, rowsFor } from './data.js';

const ROWS = 10_000;
const SELECT = 'SELECT name, amount, day FROM facts WHERE id = $1';

const keyOf = (i: number) => (i * 7919) % ROWS;

function check(rows: unknown[], key: number): void {
  if (rows.length !== 1) throw new Error(`key ${key}: ${rows.length} rows`);
}

export default defineSuite({
  name: 'prepared',
  async setup(ctx) {
    await ctx.connection.run(factsSql('facts', ROWS));
    const runs = rowsFor(ctx.profile, 100, 1000);
    ctx.note('rows', ROWS, 'rows');
    ctx.note('SELECTs per iteration', runs, 'runs');
    return { runs };
  },
  benchmarks: {
    'repeated SELECT by key': {
      params: { how: ['prepared once', 'parameters, prepared each call', 'SQL string built each time'] },
      run: async (ctx, { how }) => {
        if (how === 'prepared once') {
          const statement = await ctx.connection.prepare(SELECT);
          for (let i = 0; i < ctx.data.runs; i++) check(await statement.query([keyOf(i)]), keyOf(i));
          statement.close();
        } else if (how === 'parameters, prepared each call') {
          for (let i = 0; i < ctx.data.runs; i++) check(await ctx.connection.query(SELECT, [keyOf(i)]), keyOf(i));
        } else {
          for (let i = 0; i < ctx.data.runs; i++) check(await ctx.connection.query(SELECT.replace('$1', String(keyOf(i)))), keyOf(i));
        }
      },
    },
  },
});
