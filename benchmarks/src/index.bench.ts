/**
 * Claim: add an index (CREATE INDEX, an ART) for point lookups. 100 lookups by key at 1M rows:
 * keys stored in order without an index (zone maps skip most row groups), keys shuffled without
 * an index (a full scan each time), and keys shuffled with an ART index; plus the index's build time.
 * Beside them a range filter (`WHERE id > N`) on the same three layouts, selective (0.1% of the rows)
 * and not (half of them): whether the ART helps a range at all.
 */
import { defineSuite } from '@frozen-duckdb/bench';
import { rowsFor } from './data.js';

const LOOKUPS = 100;

export default defineSuite({
  name: 'index',
  async setup(ctx) {
    const rows = rowsFor(ctx.profile, 1_000_000, 10_000_000);
    const c = ctx.connection;
    await c.run(`CREATE TABLE ordered AS SELECT i::INTEGER AS id, ((i * 7919) % 100003) / 100.0 AS amount FROM range(${rows}) t(i)`);
    await c.run('CREATE TABLE shuffled AS SELECT * FROM ordered ORDER BY hash(id)');
    await c.run('CREATE TABLE indexed AS SELECT * FROM shuffled');
    await c.run('CREATE INDEX indexed_id ON indexed (id)');
    await c.run('CREATE TABLE unindexed AS SELECT * FROM shuffled');
    const keys = Array.from({ length: LOOKUPS }, (_, i) => (i * 7_919_993) % rows);
    ctx.note('rows', rows, 'rows');
    return { keys, rows };
  },
  benchmarks: {
    '100 point lookups': {
      params: { layout: ['keys in order, no index', 'shuffled, no index', 'shuffled, ART index'] },
      run: async (ctx, { layout }) => {
        const table = layout === 'keys in order, no index' ? 'ordered' : layout === 'shuffled, no index' ? 'shuffled' : 'indexed';
        const statement = await ctx.connection.prepare(`SELECT amount FROM ${table} WHERE id = $1`);
        for (const key of ctx.data.keys) {
          const rows = await statement.query([key]);
          if (rows.length !== 1) throw new Error(`key ${key}: ${rows.length} rows`);
        }
        statement.close();
      },
    },
    'range filter WHERE id > N': {
      params: { layout: ['keys in order, no index', 'shuffled, no index', 'shuffled, ART index'], matching: ['0.1%', '50%'] },
      run: async (ctx, { layout, matching }) => {
        const table = layout === 'keys in order, no index' ? 'ordered' : layout === 'shuffled, no index' ? 'shuffled' : 'indexed';
        const above = matching === '0.1%' ? ctx.data.rows - ctx.data.rows / 1000 : ctx.data.rows / 2;
        const rows = await ctx.connection.query<{ n: bigint }>(`SELECT count(*) AS n, sum(amount) AS total FROM ${table} WHERE id > $1`, [above - 1]);
        if (Number(rows[0]?.n) !== ctx.data.rows - above) throw new Error(`${rows[0]?.n} rows above ${above - 1}`);
      },
    },
    'CREATE INDEX on the shuffled keys': {
      beforeEach: (ctx) => ctx.connection.run('DROP INDEX IF EXISTS build_id'),
      run: (ctx) => ctx.connection.run('CREATE INDEX build_id ON unindexed (id)'),
    },
  },
});
