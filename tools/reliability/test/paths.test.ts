/**
 * Paths with spaces, unicode, quotes and shell characters in every command that takes a path, and
 * SQL identifiers and file names that would break naive quoting: each is read or written as itself.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type Run } from '../../testing/run-cli.js';
import { recordFigures } from '../src/figures.js';
import { git, gitProject, isolatedEnv } from '../src/fixtures.js';
import { removeDir, tempDir } from '../src/files.js';
import { STACK_FRAME } from '../src/outcome.js';

/** A folder name a shell script or a string-built SQL statement would get wrong. */
const NASTY = `dir with spaces ünï 中文 it's "q" $(touch pwned) ;x`;
const INJECTION = "x'; DROP TABLE y; --";

let top: string;
let nasty: string;
let home: string;
let env: NodeJS.ProcessEnv;
const runs: { args: string[]; code: number | null }[] = [];

beforeAll(() => {
  top = tempDir('paths');
  nasty = join(top, NASTY);
  mkdirSync(nasty);
  home = join(top, `home ${NASTY}`);
  mkdirSync(home);
  // Temporary folders (worker temp dirs, DuckDB's temp_directory, worktrees) under a nasty name too.
  const tmp = join(top, `tmp ${NASTY}`);
  mkdirSync(tmp);
  env = isolatedEnv(home, { TMPDIR: tmp });
});
afterAll(() => removeDir(top));

async function cli(args: string[], cwd = nasty, timeoutMs = 120_000): Promise<Run> {
  const run = await runCli(args, { cwd, env, timeoutMs });
  runs.push({ args, code: run.code });
  if (run.code !== 0 || STACK_FRAME.test(run.stderr)) throw new Error(`frozen-duckdb ${args.join(' ')} -> exit ${run.code}\n${run.stderr}${run.stdout}`);
  return run;
}

/** No file was made from a part of a name cut at a quote or a space. */
function noStrayFiles(dir: string): void {
  for (const name of readdirSync(dir)) expect(['dir', 'with', "x'", 'x', 'it', 'pwned', '"q"']).not.toContain(name);
}

describe('paths and identifiers', () => {
  it(`convert: a file named "${INJECTION}.csv" converts as a file, through every format, and round-trips`, async () => {
    const csv = join(nasty, `${INJECTION}.csv`);
    writeFileSync(csv, 'id,name\n1,it\'s\n2,"say ""hi"""\n3,中文\n');
    const outputs = ['tsv', 'parquet', 'json', 'ndjson'].map((f) => join(nasty, `out ${INJECTION} ${f}.${f}`));
    for (const out of outputs) await cli(['convert', '--input', csv, '--output', out]);
    // Into a DuckDB file with a table named like an injection, and back out of it.
    const db = join(nasty, `db ${INJECTION}.duckdb`);
    await cli(['convert', '--input', outputs[1]!, '--output', db, '--table', `y"; DROP TABLE y; --`]);
    const back = join(nasty, `back ${INJECTION}.csv`);
    await cli(['convert', '--input', db, '--output', back, '--table', `y"; DROP TABLE y; --`]);
    expect(readFileSync(back, 'utf8').replace(/\r/g, '')).toBe(readFileSync(csv, 'utf8'));
    for (const out of outputs) expect(existsSync(out)).toBe(true);
    noStrayFiles(nasty);
    expect(existsSync(join(nasty, 'pwned'))).toBe(false);
  });

  it('download (csv, parquet, duckdb) into a nasty folder, then tpch answers and tpch run read it', async () => {
    const data = join(nasty, `tpch ${INJECTION}`);
    await cli(['download', '--dataset', 'tpch', '--scale', '0.01', '--format', 'parquet', '--output-dir', data]);
    await cli(['download', '--dataset', 'chinook', '--format', 'csv', '--output-dir', join(nasty, `chinook ${INJECTION}`)]);
    await cli(['download', '--dataset', 'chinook', '--format', 'duckdb', '--output-dir', join(nasty, `chinook db ${INJECTION}`)]);
    expect(readdirSync(data).sort()).toEqual(['customer', 'lineitem', 'nation', 'orders', 'part', 'partsupp', 'region', 'supplier'].map((t) => `${t}.parquet`));
    const answers = join(nasty, `answers ${INJECTION}`);
    await cli(['tpch', 'answers', '--data', data, '--out', answers, '--queries', '1,6']);
    expect(readdirSync(answers).sort()).toEqual(['q01.csv', 'q06.csv']);
    const run = await cli(['tpch', 'run', '--data', data, '--queries', '1']);
    expect(run.stdout).toContain('Q01');
  });

  it('env --write a nasty file, sourced from another folder; doctor and link-check on nasty paths', async () => {
    const script = join(nasty, `setup ${INJECTION}.sh`);
    await cli(['env', '--shell', 'bash', '--write', script]);
    const lib = execFileSync('bash', ['-c', 'source "$1" && printf %s "$DUCKDB_LIB_DIR"', 'bash', script], { cwd: top, encoding: 'utf8', env });
    expect(existsSync(lib)).toBe(true);
    await cli(['doctor', nasty, '--offline', '--json'], top).catch((error: Error) => {
      // doctor exits 1 when a check fails (this folder has no node_modules); it must not crash.
      if (!/exit 1\n/.test(error.message)) throw error;
    });
    const manifest = join(nasty, `lock ${INJECTION}.json`);
    await cli(['link-check', '--manifest', manifest, '--update']);
    await cli(['link-check', '--manifest', manifest, '--verify']);
  });

  it('bench, baseline record/show, history and compare in a git repository at a nasty path, with nasty report names', async () => {
    const repo = join(nasty, `repo ${INJECTION}`);
    mkdirSync(repo);
    gitProject('unused', { [`bench/${INJECTION}.bench.ts`]: 'export default { name: "it\'s", benchmarks: { \'a "b"\': () => {}, c: () => {} } };\n' }, repo);
    const outs = ['json', 'markdown', 'bmf', 'gab'].map((f) => join(nasty, `report ${INJECTION}.${f}`));
    const history = join(nasty, `history ${INJECTION}.duckdb`);
    await cli(
      ['bench', 'bench', '--no-baseline', '--history', history, '--json', outs[0]!, '--markdown', outs[1]!, '--bmf', outs[2]!, '--gab', outs[3]!],
      repo,
    );
    for (const out of outs) expect(readFileSync(out, 'utf8').length).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(outs[0]!, 'utf8')).benchmarks.map((b: { id: string }) => b.id)).toEqual([`it's/a "b"`, "it's/c"]);
    await cli(['baseline', 'record', 'bench', '--history', history], repo);
    git(repo, 'add', '.performance_baseline');
    git(repo, 'commit', '-q', '-m', 'baseline');
    const shown = await cli(['baseline', 'show', 'bench', '--json'], repo);
    expect(Object.keys(JSON.parse(shown.stdout).benchmarks)).toEqual([`it's/a "b"`, "it's/c"]);
    const trends = await cli(['history', '--history', history, '--json'], repo);
    expect(trends.stdout).toContain(`it's/a \\"b\\"`);
    const comparison = join(nasty, `comparison ${INJECTION}.json`);
    await cli(['compare', '--base', 'HEAD', '--exact', 'bench', '--max-blocks', '2', '--budget', '20', '--json', comparison, '--history', history], repo).catch(
      (error: Error) => {
        // Two blocks may not decide (exit 3): the paths are what this test is about.
        if (!/exit 3\n/.test(error.message)) throw error;
      },
    );
    expect(JSON.parse(readFileSync(comparison, 'utf8')).schema).toBe('frozen-duckdb/comparison');
    const html = join(nasty, `report ${INJECTION}.html`);
    await cli(['report', '--html', html, '--history', history, '--comparison', comparison, 'bench'], repo);
    expect(readFileSync(html, 'utf8')).toContain('<svg');
    expect(git(repo, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    noStrayFiles(nasty);
    noStrayFiles(repo);
    expect(existsSync(join(repo, 'pwned'))).toBe(false);
  }, 300_000);

  // doctor exits 1 here (no node_modules in the folder) and a 2-block compare may end 3: both expected.
  afterAll(() =>
    recordFigures('paths', { folder: NASTY, injection: INJECTION, commandsRun: runs.length, exitCodes: runs.map((r) => `${r.args[0]}: ${r.code}`) }),
  );
});
