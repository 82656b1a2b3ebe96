import { Database, type Connection } from '../src/index.js';

let db: Database;
let connection: Connection;

beforeAll(async () => {
  db = await Database.open(':memory:');
  connection = await db.connect();
});
afterAll(() => db.close());

const TYPES_SQL = `SELECT
  42::TINYINT AS tiny, 42::INTEGER AS int, 9007199254740993::BIGINT AS big, 170141183460469231731687303715884105727::HUGEINT AS huge,
  1234567890123.45::DECIMAL(15,2) AS money, 1.5::DOUBLE AS dbl, 0.25::FLOAT AS flt,
  DATE '2024-02-29' AS day, TIMESTAMP '2024-02-29 13:14:15.123456' AS ts, TIME '13:14:15' AS tm,
  INTERVAL 3 DAY AS iv, 'text' AS str, '\\xAA\\xBB'::BLOB AS blob, true AS flag,
  [1, 2, 3] AS list, {'a': 1, 'b': 'x'} AS struct, MAP {'k': 1} AS map, [0.5, 1.5]::DOUBLE[2] AS arr,
  'b'::ENUM_T AS enm, '123e4567-e89b-12d3-a456-426614174000'::UUID AS id, NULL AS nothing`;

describe('JSON-safe rows', () => {
  it('converts every common type to a value JSON keeps without loss', async () => {
    await connection.run("CREATE TYPE ENUM_T AS ENUM ('a', 'b')");
    const [row] = await connection.queryJson(TYPES_SQL);
    expect(row).toEqual({
      tiny: 42,
      int: 42,
      big: '9007199254740993',
      huge: '170141183460469231731687303715884105727',
      money: '1234567890123.45',
      dbl: 1.5,
      flt: 0.25,
      day: '2024-02-29',
      ts: '2024-02-29 13:14:15.123456',
      tm: '13:14:15',
      iv: { months: 0, days: 3, micros: '0' },
      str: 'text',
      blob: '\\xAA\\xBB',
      flag: true,
      list: [1, 2, 3],
      struct: { a: 1, b: 'x' },
      map: [{ key: 'k', value: 1 }],
      arr: [0.5, 1.5],
      enm: 'b',
      id: '123e4567-e89b-12d3-a456-426614174000',
      nothing: null,
    });
    // The point of the mode: a round trip through JSON text changes nothing.
    expect(JSON.parse(JSON.stringify(row))).toEqual(row);
  });

  it('gives JS values in the default mode: bigint, Date, numbers', async () => {
    const [row] = await connection.query("SELECT 9007199254740993::BIGINT AS big, DATE '2024-02-29' AS day, 1.25::DECIMAL(5,2) AS d");
    expect(row?.big).toBe(9007199254740993n);
    expect(row?.day).toEqual(new Date(Date.UTC(2024, 1, 29)));
    expect(row?.d).toBe(1.25);
  });
});
