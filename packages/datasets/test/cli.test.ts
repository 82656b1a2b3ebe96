import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCliSync } from '../../../tools/testing/run-cli.js';
import { removeTempDirs, tempDir } from './temp-dirs.js';

afterAll(removeTempDirs);

const cli = (...args: string[]) => runCliSync(args);

const tmp = () => tempDir('cli');

describe('frozen-duckdb download / tpch through the CLI', () => {
  it('writes TPC-H as CSV, prints each table, leaves no temporary file, answers and runs the queries', () => {
    const dir = tmp();
    const data = join(dir, 'sf001');
    const result = cli('download', '--dataset', 'tpch', '--scale', '0.01', '--format', 'csv', '--output-dir', data);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/lineitem\s+[\d,]+ rows\s+[\d.]+ MB/);
    expect(readdirSync(data).sort()).toEqual(['customer', 'lineitem', 'nation', 'orders', 'part', 'partsupp', 'region', 'supplier'].map((t) => `${t}.csv`));
    expect(readFileSync(join(data, 'region.csv'), 'utf8').split('\n')[0]).toBe('r_regionkey,r_name,r_comment');

    const out = join(dir, 'answers');
    const answers = cli('tpch', 'answers', '--data', data, '--out', out, '--queries', '1,3,6');
    expect(answers.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['q01.csv', 'q03.csv', 'q06.csv']);
    expect(readFileSync(join(out, 'q03.csv'), 'utf8')).toMatch(/^l_orderkey\|revenue\|o_orderdate\|o_shippriority\n\d+\|\d+\.\d{4}\|199\d-\d\d-\d\d\|0\n/);

    const run = cli('tpch', 'run', '--scale', '0.01', '--queries', '1,3');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Q01\s+Pricing Summary Report\s+4\s+[\d.]+ ms/);
    expect(run.stdout).toMatch(/Q03\s+Shipping Priority\s+10\s/);
    expect(run.stdout).not.toMatch(/Q02/);
  });

  it('without --output-dir writes into the current folder and names it; offline, TPC-H comes from the built-in generator', () => {
    const cwd = tmp();
    const here = (...args: string[]) => runCliSync(args, { cwd, env: { FROZEN_DUCKDB_HISTORY: 'off' } });
    const tpch = here('download', '--dataset', 'tpch', '--scale', '0.01', '--format', 'parquet');
    expect([tpch.code, tpch.stderr]).toEqual([0, '']);
    expect(tpch.stdout).toContain(`tpch scale 0.01 as parquet into ${cwd}\n`);
    // No network here and no tpch extension installed: nothing is fetched, the data is made in DuckDB SQL.
    expect(tpch.stdout).toMatch(/wrote 8 files: .* \(built-in generator\)/);
    expect(readdirSync(cwd).sort()).toEqual(['customer', 'lineitem', 'nation', 'orders', 'part', 'partsupp', 'region', 'supplier'].map((t) => `${t}.parquet`));
    // The files it would write are there now: a second run in the same folder changes nothing without --force.
    const again = here('download', '--dataset', 'tpch', '--scale', '0.01', '--format', 'parquet');
    expect([again.code, again.stderr]).toEqual([2, expect.stringMatching(/output exists already: .*region\.parquet/)]);
    const chinook = here('generate', '--dataset', 'chinook', '--format', 'duckdb');
    expect([chinook.code, chinook.stdout]).toEqual([0, expect.stringContaining(`wrote ${join(cwd, 'chinook.duckdb')}`)]);
  });

  it('writes chinook as one DuckDB file, and replaces it only with --force', () => {
    const dir = tmp();
    expect(cli('generate', '--dataset', 'chinook', '--format', 'duckdb', '--output-dir', dir).code).toBe(0);
    expect(readdirSync(dir)).toEqual(['chinook.duckdb']);
    const again = cli('generate', '--dataset', 'chinook', '--format', 'duckdb', '--output-dir', dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/output exists already: .*chinook\.duckdb/);
    expect(again.stderr).toMatch(/--force/);
    expect(cli('generate', '--dataset', 'chinook', '--format', 'duckdb', '--output-dir', dir, '--force').code).toBe(0);
    expect(readdirSync(dir)).toEqual(['chinook.duckdb']);
  });
});

describe('bad input: exit 2, the input and the fix named, nothing written', () => {
  const cases: [string, string[], RegExp][] = [
    ['unknown dataset', ['download', '--dataset', 'imdb', '--format', 'csv', '--output-dir', '@OUT'], /--dataset must be one of tpch, chinook; got "imdb"/],
    ['unknown format', ['download', '--dataset', 'tpch', '--format', 'xml', '--output-dir', '@OUT'], /--format must be one of csv, parquet, duckdb; got "xml"/],
    [
      'negative scale',
      ['download', '--dataset', 'tpch', '--scale=-1', '--format', 'csv', '--output-dir', '@OUT'],
      /--scale must be a positive number; got "-1"/,
    ],
    [
      'scale not a number',
      ['download', '--dataset', 'tpch', '--scale', 'big', '--format', 'csv', '--output-dir', '@OUT'],
      /--scale must be a positive number; got "big"/,
    ],
    ['zero scale', ['download', '--dataset', 'tpch', '--scale', '0', '--format', 'parquet', '--output-dir', '@OUT'], /--scale must be a positive number/],
    ['scale too small for TPC-H', ['download', '--dataset', 'tpch', '--scale', '0.0001', '--format', 'parquet', '--output-dir', '@OUT'], /below 0\.001/],
    ['scale given for chinook', ['download', '--dataset', 'chinook', '--scale', '1', '--format', 'csv', '--output-dir', '@OUT'], /tpch only/],
    ['missing convert input', ['convert', '--input', '@OUT/none.csv', '--output', '@OUT/x.parquet'], /input .*none\.csv does not exist/],
    ['unknown input extension', ['convert', '--input', '@FILE', '--output', '@OUT/x.parquet'], /cannot tell the format of input .*notes\.txt.*\n.*--from/],
    [
      'unknown --to',
      ['convert', '--input', '@CSV', '--output', '@OUT/x.parquet', '--to', 'xlsx'],
      /--to must be one of csv, tsv, parquet, json, ndjson, duckdb/,
    ],
    [
      'malformed CSV',
      ['convert', '--input', '@BAD', '--output', '@OUT/x.parquet'],
      /bad\.csv is not valid CSV: line 3 has 3 fields where the header has 2\n.*fix line 3/,
    ],
    [
      'unwritable output folder',
      ['download', '--dataset', 'chinook', '--format', 'csv', '--output-dir', '@FILE/sub'],
      /cannot write .*notes\.txt\/sub\/genres\.csv: a part of its path is a file, not a folder/,
    ],
    ['missing data folder', ['tpch', 'answers', '--data', '@OUT/none', '--out', '@OUT/answers'], /data folder .*none does not exist/],
    ['incomplete data folder', ['tpch', 'answers', '--data', '@DIR', '--out', '@OUT/answers'], /lacks region, nation, supplier/],
    ['bad query list', ['tpch', 'run', '--scale', '0.01', '--queries', '1,23'], /--queries: '23' is not a query number from 1 to 22/],
    [
      '--table without a DuckDB file',
      ['convert', '--input', '@CSV', '--output', '@OUT/x.parquet', '--table', 't'],
      /--table names a table of a DuckDB file, but csv -> parquet has none/,
    ],
    ['missing required flag', ['download', '--dataset', 'tpch', '--output-dir', '@OUT'], /--format is required/],
  ];

  it.each(cases)('%s', (_name, args, message) => {
    const dir = tmp();
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'not a dataset\n');
    const csv = join(dir, 'good.csv');
    writeFileSync(csv, 'a,b\n1,2\n');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'a,b\n1,2\n3,4,5\n6,7\n');
    const out = join(dir, 'out');
    const substituted = args.map((a) => a.replace('@OUT', out).replace('@FILE', file).replace('@CSV', csv).replace('@BAD', bad).replace('@DIR', dir));
    const result = cli(...substituted);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/fix:|usage:/);
    expect(result.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['bad.csv', 'good.csv', 'notes.txt']);
  });

  it('an existing output without --force: exit 2 and the old files untouched, none added', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'lineitem.parquet'), 'old');
    const result = cli('download', '--dataset', 'tpch', '--scale', '0.01', '--format', 'parquet', '--output-dir', dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/output exists already: .*lineitem\.parquet/);
    expect(readdirSync(dir)).toEqual(['lineitem.parquet']);
    expect(readFileSync(join(dir, 'lineitem.parquet'), 'utf8')).toBe('old');

    const csv = join(dir, 'in.csv');
    writeFileSync(csv, 'a,b\n1,2\n');
    const target = join(dir, 'out.json');
    writeFileSync(target, 'keep');
    const convert = cli('convert', '--input', csv, '--output', target);
    expect(convert.code).toBe(2);
    expect(convert.stderr).toMatch(/out\.json/);
    expect(readFileSync(target, 'utf8')).toBe('keep');
    expect(cli('convert', '--input', csv, '--output', target, '--force').code).toBe(0);
    expect(JSON.parse(readFileSync(target, 'utf8'))).toEqual([{ a: 1, b: 2 }]);
  });

  it('a DuckDB input with several tables needs --table', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'db'));
    expect(cli('generate', '--dataset', 'chinook', '--format', 'duckdb', '--output-dir', join(dir, 'db')).code).toBe(0);
    const result = cli('convert', '--input', join(dir, 'db', 'chinook.duckdb'), '--output', join(dir, 'x.csv'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/has 11 tables \(albums, artists, .*\); which one\?\n.*--table/);
    const ok = cli('convert', '--input', join(dir, 'db', 'chinook.duckdb'), '--output', join(dir, 'x.csv'), '--table', 'genres');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/duckdb -> csv \(table genres\): 25 rows/);
  });
});
