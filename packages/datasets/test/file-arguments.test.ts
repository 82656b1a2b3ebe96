/**
 * Issue 16 through the CLI: a path names one file (glob characters and all), pipes are read whole,
 * an output is never an input, multi-file writes are all or nothing, compressed CSV is checked as
 * text, and a type that changes after DuckDB's sample is explained.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Database } from '@frozen-duckdb/core';
import { removeTempDirs, tempDir } from './temp-dirs.js';

afterAll(removeTempDirs);

const bin = resolve(dirname(fileURLToPath(import.meta.url)), '../../cli/bin/frozen-duckdb.js');
const STACK = /^\s+at /m;

function cli(args: string[], cwd?: string): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    cwd,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Runs the CLI from bash, so that `<(...)` is real process substitution. */
function bash(script: string, cwd: string): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync('bash', ['-c', script, 'bash', process.execPath, bin], {
    encoding: 'utf8',
    cwd,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

async function sql(query: string): Promise<unknown[]> {
  const db = await Database.open(':memory:');
  try {
    return await (await db.connect()).queryJson(query);
  } finally {
    db.close();
  }
}

describe('convert: a path is a path', () => {
  const dir = tempDir('literal');
  mkdirSync(join(dir, 'g'));
  writeFileSync(join(dir, 'g', 'x1.csv'), 'a\n1\n');
  writeFileSync(join(dir, 'g', 'x2.csv'), 'a\n2\n');
  writeFileSync(join(dir, 'g', 'x[12].csv'), 'a\n99\n');

  it("--input 'g/x[12].csv' converts that file, not x1 and x2", () => {
    const run = cli(['convert', '--input', 'g/x[12].csv', '--output', 'o.json'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'o.json'), 'utf8'))).toEqual([{ a: 99 }]);
  });

  it('--glob reads every match; a missing name that looks like a pattern is refused without it', () => {
    const glob = cli(['convert', '--input', 'g/x?.csv', '--glob', '--output', 'all.json'], dir);
    expect(glob.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'all.json'), 'utf8'))).toEqual([{ a: 1 }, { a: 2 }]);
    const refused = cli(['convert', '--input', 'g/x?.csv', '--output', 'no.json'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/g\/x\?\.csv does not exist \(it looks like a pattern.*\nfix: pass --glob to read every file it matches/);
    expect(existsSync(join(dir, 'no.json'))).toBe(false);
  });

  it('refuses an output that is the input, by any name, and an existing folder even with --force', () => {
    writeFileSync(join(dir, 'same.csv'), 'a\n5\n');
    for (const output of ['same.csv', './same.csv', 'g/../same.csv']) {
      const run = cli(['convert', '--input', 'same.csv', '--output', output, '--force'], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/is --input .*, which this command reads: writing it would lose that data/);
    }
    expect(readFileSync(join(dir, 'same.csv'), 'utf8')).toBe('a\n5\n');
    mkdirSync(join(dir, 'folder.json'));
    const folder = cli(['convert', '--input', 'same.csv', '--output', 'folder.json', '--force'], dir);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain(`cannot write ${join(dir, 'folder.json')}: it is a folder`);
    expect(folder.stderr).toMatch(/^fix: /m);
    expect(folder.stderr).not.toMatch(STACK);
  });
});

describe('convert: pipes', () => {
  const dir = tempDir('pipes');
  const rows = Array.from({ length: 5000 }, (_, i) => `${i},name ${i}`);
  writeFileSync(join(dir, 'n.csv'), `id,name\n${rows.join('\n')}\n`);

  it('reads process substitution whole, the same every time', () => {
    for (let i = 0; i < 3; i++) {
      const run = bash(`"$1" "$2" convert --input <(cat n.csv) --from csv --output p${i}.csv`, dir);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/csv -> csv: 5,000 rows/);
      expect(readFileSync(join(dir, `p${i}.csv`), 'utf8')).toBe(readFileSync(join(dir, 'n.csv'), 'utf8'));
    }
  });

  it('reads a FIFO that a writer fills; a FIFO whose writer is gone is refused (exit 2), not waited on for ever', async () => {
    const fifo = join(dir, 'fifo.csv');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', 'cat n.csv > fifo.csv'], { cwd: dir });
    const read = cli(['convert', '--input', 'fifo.csv', '--output', 'from-fifo.parquet'], dir);
    await new Promise((done) => writer.on('close', done));
    expect(read.stderr).toBe('');
    expect(read.code).toBe(0);
    expect(await sql(`SELECT count(*)::INTEGER AS n FROM read_parquet('${join(dir, 'from-fifo.parquet')}')`)).toEqual([{ n: 5000 }]);
    const gone = cli(['convert', '--input', 'fifo.csv', '--output', 'never.parquet'], dir);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain(`--input ${fifo} is a pipe that gave no data`);
    expect(existsSync(join(dir, 'never.parquet'))).toBe(false);
  });
});

describe('convert: compressed CSV and late types', () => {
  const dir = tempDir('csv');

  it('checks a .csv.gz and a .csv.zst as the text inside, and converts them', async () => {
    // Quoted line breaks and commas: bytes that, read compressed, look like a ragged file.
    const text = `a,b\n${Array.from({ length: 3000 }, (_, i) => `${i},"x,\ny ${i}"`).join('\n')}\n`;
    writeFileSync(join(dir, 'q.csv'), text);
    writeFileSync(join(dir, 'q.csv.gz'), gzipSync(text));
    await sql(`COPY (SELECT * FROM read_csv('${join(dir, 'q.csv')}', header = true)) TO '${join(dir, 'q.csv.zst')}' (HEADER true, COMPRESSION zstd)`);
    for (const input of ['q.csv.gz', 'q.csv.zst']) {
      const run = cli(['convert', '--input', input, '--output', `${input}.parquet`], dir);
      expect({ input, stderr: run.stderr, code: run.code }).toEqual({ input, stderr: '', code: 0 });
      expect(run.stdout).toMatch(/3,000 rows/);
    }
  });

  it('a ragged compressed CSV is still refused, naming the line', async () => {
    const ragged = 'a,b\n1,2\n3,4,5\n';
    writeFileSync(join(dir, 'r.csv.gz'), gzipSync(ragged));
    writeFileSync(join(dir, 'r.csv'), ragged);
    await sql(
      `COPY (SELECT * FROM read_csv('${join(dir, 'r.csv')}', header = false, all_varchar = true, delim = '|')) TO '${join(dir, 'r.csv.zst')}' (HEADER false, QUOTE '', COMPRESSION zstd)`,
    );
    for (const input of ['r.csv.gz', 'r.csv.zst']) {
      const run = cli(['convert', '--input', input, '--output', `${input}.json`], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/is not valid CSV: line 3 has 3 fields where the header has 2/);
    }
  });

  it('a column whose type changes after the sample says which, where, and how to read it; --sample-size all does', () => {
    writeFileSync(join(dir, 'late.csv'), `a,b\n${Array.from({ length: 50_000 }, (_, i) => `${i},${i}`).join('\n')}\nhello,1\n`);
    const run = cli(['convert', '--input', 'late.csv', '--output', 'late.parquet'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('column "a" was read as BIGINT from the first rows, but line 50002 holds "hello"');
    expect(run.stderr).toMatch(/^fix: pass --sample-size all/m);
    const all = cli(['convert', '--input', 'late.csv', '--output', 'late.parquet', '--sample-size', 'all'], dir);
    expect(all.stderr).toBe('');
    expect(all.stdout).toMatch(/50,001 rows/);
  });

  it('reads a table outside main as schema.table, and says so when asked which', async () => {
    const db = join(dir, 'src.duckdb');
    const made = await Database.open(db);
    await (await made.connect()).run('CREATE SCHEMA other; CREATE TABLE other.t AS SELECT 1 AS x');
    made.close();
    for (const table of [[], ['--table', 't'], ['--table', 'other.t']]) {
      const run = cli(['convert', '--input', 'src.duckdb', '--output', 'other.csv', '--force', ...table], dir);
      expect({ table, stderr: run.stderr, code: run.code }).toEqual({ table, stderr: '', code: 0 });
      expect(readFileSync(join(dir, 'other.csv'), 'utf8')).toBe('x\n1\n');
    }
  });
});

describe('download and tpch answers', () => {
  it('download --force with a folder where a file goes: exit 2 before any work, the old files untouched', () => {
    const dir = tempDir('download');
    expect(cli(['download', '--dataset', 'chinook', '--format', 'csv', '--output-dir', dir]).code).toBe(0);
    const before = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    execFileSync('rm', [join(dir, 'tracks.csv')]);
    mkdirSync(join(dir, 'tracks.csv'));
    const run = cli(['download', '--dataset', 'chinook', '--format', 'csv', '--output-dir', dir, '--force']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cannot write ${join(dir, 'tracks.csv')}: it is a folder`);
    expect(run.stderr).not.toMatch(STACK);
    for (const [file, text] of Object.entries(before)) if (file !== 'tracks.csv') expect(readFileSync(join(dir, file), 'utf8')).toBe(text);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it("tpch answers --data 'tp[ab]' reads that folder, not tpa and tpb", () => {
    const dir = tempDir('tpch');
    expect(cli(['download', '--dataset', 'tpch', '--scale', '0.01', '--format', 'parquet', '--output-dir', join(dir, 'tpa'), '--seed', '1']).code).toBe(0);
    for (const name of ['tpb', 'tp[ab]']) execFileSync('cp', ['-r', join(dir, 'tpa'), join(dir, name)]);
    const run = cli(['tpch', 'answers', '--data', 'tp[ab]', '--out', 'answers', '--queries', '6'], dir);
    expect(run.stderr).toMatch(/loaded 8 tables/);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(scale factor 0.01)');
  }, 120_000);
});
