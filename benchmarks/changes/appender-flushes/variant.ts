/** 20k rows appended from JS and flushed once; the variant flushes every 6,000 rows (three times) (a batch size a loader picked). */
import { defineSuite } from '@frozen-duckdb/bench';

const ROWS = 20_000;

export default defineSuite({
  name: 'change',
  async setup(ctx) {
    await ctx.connection.run('CREATE TABLE target (id INTEGER, label VARCHAR, amount DOUBLE)');
  },
  benchmarks: {
    'append rows': {
      beforeEach: (ctx) => ctx.connection.run('DELETE FROM target'),
      run: async (ctx) => {
        const appender = await ctx.connection.appender('target');
        for (let i = 0; i < ROWS; i++) {
          appender.appendRow([i, `row ${i % 100}`, i / 7]);
          if (i % 6_000 === 5_999) appender.flush();
        }
        appender.close();
      },
    },
  },
});
