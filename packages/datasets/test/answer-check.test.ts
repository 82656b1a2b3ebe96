import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCliSync } from '../../../tools/testing/run-cli.js';
import { compareAnswer, fieldsAgree, parseAnswer } from '../src/index.js';
import { removeTempDirs, tempDir } from './temp-dirs.js';

afterAll(removeTempDirs);

const cli = (...args: string[]) => runCliSync(args);

// The first lines of DuckDB's published answer for query 1 at SF 0.01
// (duckdb/duckdb, extension/tpch/dbgen/answers/sf0.01/q01.csv): numbers with 6 decimals whatever their type.
const PUBLISHED_Q01 =
  'l_returnflag|l_linestatus|sum_qty|sum_base_price|sum_disc_price|sum_charge|avg_qty|avg_price|avg_disc|count_order\n' +
  'A|F|380456|532348211.649998|505822441.486102|526165934.000839|25.575155|35785.709307|0.050081|14876\n';

describe('reading and comparing answer files', () => {
  it("reads DuckDB's format: '|', a header line, CRLF or not, an empty field for NULL", () => {
    expect(parseAnswer(PUBLISHED_Q01).rows[0]).toHaveLength(10);
    expect(parseAnswer('a|b\r\n1|\r\n')).toEqual({ names: ['a', 'b'], rows: [['1', '']] });
  });

  it('numbers agree to the precision the less precise side printed; text must be the same', () => {
    // A DECIMAL(15,2) sum as DuckDB prints it, against the published float rendering of it.
    expect(fieldsAgree('532348211.649998', '532348211.65')).toBe(true);
    // An average DuckDB prints in full, against 6 published decimals.
    expect(fieldsAgree('25.575155', '25.57515461910037')).toBe(true);
    expect(fieldsAgree('25.575155', '25.575165')).toBe(false);
    expect(fieldsAgree('14876', '14877')).toBe(false);
    expect(fieldsAgree('14876', '14876.0')).toBe(true);
    expect(fieldsAgree('1.5e3', '1500')).toBe(true);
    expect(fieldsAgree('A', 'a')).toBe(false);
    expect(fieldsAgree('', '0')).toBe(false);
  });

  it('names the first differing row, a missing or extra row, and different columns', () => {
    const published = parseAnswer(PUBLISHED_Q01);
    const row = ['A', 'F', '380456', '532348211.65', '505822441.4861', '526165934.000839', '25.57515461', '35785.7093', '0.05008', '14876'];
    expect(compareAnswer(published, { names: published.names, rows: [row] })).toBeUndefined();
    expect(compareAnswer(published, { names: published.names, rows: [row.map((v, i) => (i === 9 ? '14875' : v))] })).toEqual({
      problem: 'column count_order differs',
      row: 1,
      expected: published.rows[0]!.join('|'),
      actual: row.map((v, i) => (i === 9 ? '14875' : v)).join('|'),
    });
    expect(compareAnswer(published, { names: published.names, rows: [row, row] })).toMatchObject({ problem: '1 rows expected, 2 found', row: 2 });
    expect(compareAnswer(published, { names: published.names, rows: [] })).toMatchObject({ problem: '1 rows expected, 0 found', row: 1 });
    expect(compareAnswer(published, { names: ['x'], rows: [] })).toMatchObject({ problem: 'the columns differ', actual: 'x' });
  });
});

describe('tpch answers --check through the CLI', () => {
  const dir = tempDir('check');
  const data = join(dir, 'data');
  const ours = join(dir, 'ours');
  beforeAll(() => {
    expect(cli('download', '--dataset', 'tpch', '--scale', '0.01', '--format', 'parquet', '--output-dir', data).code).toBe(0);
    expect(cli('tpch', 'answers', '--data', data, '--out', ours).code).toBe(0);
  }, 60_000);

  it('passes on answers our own code wrote; one altered value fails that query, exit 1, naming the row', () => {
    const pass = cli('tpch', 'answers', '--data', data, '--check', ours);
    expect([pass.code, pass.stderr.includes('loaded 8 tables')]).toEqual([0, true]);
    expect(pass.stdout).toMatch(/^22 passed, 0 failed$/m);

    const altered = join(dir, 'altered');
    mkdirSync(altered);
    for (const name of readdirSync(ours)) writeFileSync(join(altered, name), readFileSync(join(ours, name)));
    const [header, first, ...rest] = readFileSync(join(ours, 'q01.csv'), 'utf8').split('\n');
    const fields = first!.split('|');
    fields[9] = String(Number(fields[9]) + 1);
    writeFileSync(join(altered, 'q01.csv'), [header, fields.join('|'), ...rest].join('\n'));
    const fail = cli('tpch', 'answers', '--data', data, '--check', altered);
    expect(fail.code).toBe(1);
    expect(fail.stdout).toMatch(/^21 passed, 1 failed$/m);
    expect(fail.stdout).toContain(`FAIL Q01 ${join(altered, 'q01.csv')}: column count_order differs at row 1`);
    expect(fail.stdout).toContain(`  expected: ${fields.join('|')}`);
    expect(fail.stdout).toContain(`  actual:   ${first}`);
    expect(fail.stdout).not.toMatch(/FAIL Q0[2-9]|FAIL Q[12]\d/);
  }, 60_000);

  it("query 11 keeps DuckDB's FRACTION 0.0001 by default; --spec-fraction scales it, and only query 11 differs", () => {
    const spec = join(dir, 'spec');
    const written = cli('tpch', 'answers', '--data', data, '--out', spec, '--spec-fraction', '--queries', '10-12');
    expect(written.code).toBe(0);
    // At SF 0.01 the spec's FRACTION is 0.01: far fewer parts pass the HAVING than with 0.0001.
    const rows = (file: string) => readFileSync(file, 'utf8').trim().split('\n').length - 1;
    expect(rows(join(spec, 'q11.csv'))).toBeLessThan(rows(join(ours, 'q11.csv')));
    const check = cli('tpch', 'answers', '--data', data, '--check', spec, '--queries', '10-12');
    expect([check.code, check.stdout]).toEqual([1, expect.stringMatching(/^2 passed, 1 failed$/m)]);
    expect(check.stdout).toMatch(/FAIL Q11 .*rows expected/);
    const agreed = cli('tpch', 'answers', '--data', data, '--check', spec, '--queries', '10-12', '--spec-fraction');
    expect([agreed.code, agreed.stdout]).toEqual([0, expect.stringMatching(/^3 passed, 0 failed$/m)]);
  }, 60_000);

  it('a missing answer file fails its query; a missing folder, a file as folder or an unreadable answer is exit 2', () => {
    const partial = join(dir, 'partial');
    mkdirSync(partial);
    writeFileSync(join(partial, 'q06.csv'), readFileSync(join(ours, 'q06.csv')));
    const some = cli('tpch', 'answers', '--data', data, '--check', partial, '--queries', '5,6');
    expect([some.code, some.stdout]).toEqual([1, expect.stringMatching(/^1 passed, 1 failed$/m)]);
    expect(some.stdout).toContain(`FAIL Q05 ${join(partial, 'q05.csv')}: no q05.csv in ${partial}`);

    const missing = cli('tpch', 'answers', '--data', data, '--check', join(dir, 'nowhere'));
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining(`--check ${join(dir, 'nowhere')} does not exist`)]);
    expect(missing.stderr).not.toContain('loaded');
    const notFolder = cli('tpch', 'answers', '--data', data, '--check', join(ours, 'q01.csv'));
    expect([notFolder.code, notFolder.stderr]).toEqual([2, expect.stringContaining('is not a folder')]);
    mkdirSync(join(partial, 'q05.csv'));
    const unreadable = cli('tpch', 'answers', '--data', data, '--check', partial, '--queries', '5');
    expect([unreadable.code, unreadable.stderr]).toEqual([2, expect.stringContaining(`${join(partial, 'q05.csv')} is a folder, not a file`)]);
    const neither = cli('tpch', 'answers', '--data', data);
    expect([neither.code, neither.stderr]).toEqual([2, expect.stringContaining('needs --out DIR')]);
  }, 60_000);
});
