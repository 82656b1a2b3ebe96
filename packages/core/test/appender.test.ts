import { Database, type Connection } from '../src/index.js';

let db: Database;
let connection: Connection;

beforeAll(async () => {
  db = await Database.open(':memory:');
  connection = await db.connect();
});
afterAll(() => db.close());

describe('appender', () => {
  it('appends 100k rows one at a time and flushes them all', async () => {
    await connection.run('CREATE TABLE events (id INTEGER, amount BIGINT, label VARCHAR, day DATE)');
    const appender = await connection.appender('events');
    let expected = 0n;
    for (let i = 0; i < 100_000; i++) {
      appender.appendRow([i, BigInt(i * 3), `e${i % 10}`, new Date(Date.UTC(2024, 0, 1 + (i % 365)))]);
      expected += BigInt(i * 3);
    }
    expect(appender.rowCount).toBe(100_000);
    appender.close();
    const [row] = await connection.query<{ n: bigint; total: bigint; days: bigint }>(
      'SELECT count(*) AS n, sum(amount)::BIGINT AS total, count(DISTINCT day) AS days FROM events',
    );
    expect(row).toEqual({ n: 100_000n, total: expected, days: 365n });
  });

  it('appends columns, converting values that are not already DuckDB values', async () => {
    await connection.run('CREATE TABLE mixed (i INTEGER, d DOUBLE, b BIGINT, s VARCHAR, t TIMESTAMP, m DECIMAL(10,2), ok BOOLEAN)');
    const appender = await connection.appender('mixed');
    const n = 5000;
    const idx = Array.from({ length: n }, (_, i) => i);
    appender.appendColumns([
      idx,
      idx.map((i) => i / 2),
      idx.map((i) => i * 1000), // numbers into BIGINT: converted
      idx.map((i) => (i % 100 === 0 ? null : `s${i}`)),
      idx.map((i) => new Date(Date.UTC(2020, 0, 1, 0, 0, i))),
      idx.map((i) => i / 4),
      idx.map((i) => i % 2 === 0),
    ]);
    appender.close();
    const [row] = await connection.queryJson(
      `SELECT count(*) AS n, sum(i) AS si, sum(d) AS sd, sum(b) AS sb, count(s) AS ns,
              max(t) AS tmax, sum(m) AS sm, count(*) FILTER (ok) AS nok FROM mixed`,
    );
    expect(row).toEqual({
      n: '5000',
      si: '12497500',
      sd: 6248750,
      sb: '12497500000',
      ns: '4950',
      tmax: '2020-01-01 01:23:19',
      sm: '3124375.00',
      nok: '2500',
    });
  });

  it('rejects a row of the wrong width and a value of the wrong type', async () => {
    await connection.run('CREATE TABLE narrow (a INTEGER, b VARCHAR)');
    const appender = await connection.appender('narrow');
    expect(() => appender.appendRow([1])).toThrow(/expected 2 column\(s\), got 1/);
    expect(() => appender.appendColumns([[1, 2], ['x']])).toThrow(/columns differ in length/);
    expect(() => appender.appendColumns([['not a number'], ['x']])).toThrow(/appender for narrow/);
    appender.close();
    expect(() => appender.appendRow([1, 'x'])).toThrow(/appender is closed/);
  });

  it('names the table when it does not exist', async () => {
    await expect(connection.appender('no_such_table')).rejects.toThrow(/no_such_table/);
  });
});
