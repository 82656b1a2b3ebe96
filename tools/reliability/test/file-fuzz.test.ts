/**
 * The files the tool reads, damaged: `.performance_baseline` (baseline show, bench, baseline record),
 * bench results JSON and shard files (parseResults, history import). Every damaged file must give a
 * clear error naming it, exit 2, and stay byte for byte as it was.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../testing/run-cli.js';
import { runInProcess } from '../src/driver.js';
import { fileHash, removeDir, tempDir } from '../src/files.js';
import { recordFigures, tally } from '../src/figures.js';
import { fuzzFolder, gitProject, isolatedEnv, VALID_BASELINE } from '../src/fixtures.js';
import { mutate, type Mutant } from '../src/mutate.js';
import { violations } from '../src/outcome.js';
import { Random, seedFromEnv } from '../src/random.js';

const SEED = seedFromEnv(20240607);
const BASELINE_MUTANTS = Number(process.env['RELIABILITY_FILE_MUTANTS'] ?? 600);
const IMPORT_MUTANTS = Number(process.env['RELIABILITY_IMPORT_MUTANTS'] ?? 150);

let home: string;
beforeAll(() => {
  home = tempDir('file-fuzz-home');
});
afterAll(() => removeDir(home));

function mutants(seed: number, count: number, doc: unknown): Mutant[] {
  const rng = new Random(seed);
  return Array.from({ length: count }, () => mutate(rng, doc as never));
}

describe('.performance_baseline damaged', () => {
  it(`${BASELINE_MUTANTS} mutants through baseline show and bench: exit 2 naming the file, or accepted as valid; never modified`, async () => {
    const root = fuzzFolder('file-fuzz');
    try {
      const list = mutants(SEED, BASELINE_MUTANTS, VALID_BASELINE);
      const cases = list.flatMap((m) => [
        { argv: ['baseline', 'show'], files: { '.performance_baseline': m.text } },
        { argv: ['baseline', 'show', '--json'], files: { '.performance_baseline': m.text } },
        { argv: ['bench', '--no-history'], files: { '.performance_baseline': m.text } },
      ]);
      const { replies } = await runInProcess(cases, root, isolatedEnv(home));
      const path = join(root, '.performance_baseline');
      const problems: unknown[] = [];
      const verdicts: { kind: string; show: number | null; bench: number | null }[] = [];
      for (let i = 0; i < list.length; i++) {
        const [show, showJson, bench] = replies.slice(i * 3, i * 3 + 3);
        const kind = list[i]!.kind;
        for (const r of [show!, showJson!, bench!]) {
          const broken = violations({ ...r, argv: cases[r.index]!.argv });
          // The case's own file is the one thing that must not change.
          if (r.changed.length) broken.push(`changed ${r.changed.join(', ')}`);
          if (broken.length) problems.push({ kind, argv: cases[r.index]!.argv, broken, stderr: r.stderr.slice(0, 300) });
        }
        const rejected = show!.code === 2;
        if (rejected && !show!.stderr.includes(path)) problems.push({ kind, problem: 'error does not name the file', stderr: show!.stderr.slice(0, 300) });
        // bench reads the baseline before looking for suites: a rejected baseline stops it with the same error.
        if (rejected !== bench!.stderr.includes(path))
          problems.push({ kind, problem: 'bench and baseline show disagree', show: show!.stderr.slice(0, 200), bench: bench!.stderr.slice(0, 200) });
        if (showJson!.code !== show!.code) problems.push({ kind, problem: 'show and show --json disagree' });
        verdicts.push({ kind: kind.replace(/ at .*| ".*|\d.*/g, ''), show: show!.code, bench: bench!.code });
      }
      recordFigures('file-fuzz', {
        baseline: {
          seed: SEED,
          mutants: list.length,
          cliRuns: replies.length,
          rejected: verdicts.filter((v) => v.show === 2).length,
          accepted: verdicts.filter((v) => v.show === 0).length,
          acceptedKinds: tally(
            verdicts.filter((v) => v.show === 0),
            (v) => v.kind,
          ),
          filesModified: replies.filter((r) => r.changed.length).length,
          problems: problems.length,
          firstProblems: problems.slice(0, 10),
        },
      });
      expect(problems.slice(0, 5)).toEqual([]);
    } finally {
      removeDir(root);
    }
  }, 600_000);

  it('baseline record refuses a damaged baseline before measuring and leaves it and no lock behind', async () => {
    const repo = gitProject('file-fuzz-record', { 'bench/demo.bench.ts': "export default { name: 'demo', benchmarks: { a: () => {} } };\n" });
    try {
      const rng = new Random(SEED + 7);
      const path = join(repo, '.performance_baseline');
      let tried = 0;
      const problems: unknown[] = [];
      for (const kind of ['truncated', 'version 2', 'NaN', 'binary', 'empty', 'schema']) {
        let m: Mutant;
        do m = mutate(rng, VALID_BASELINE as never);
        while (!m.kind.includes(kind.split(' ')[0]!) && tried++ < 5000);
        const text =
          kind === 'version 2'
            ? JSON.stringify({ ...VALID_BASELINE, version: 2 })
            : kind === 'NaN'
              ? JSON.stringify(VALID_BASELINE).replace('"median":1.5', '"median":NaN')
              : m.text;
        writeFileSync(path, text);
        const before = fileHash(path);
        const run = await runCli(['baseline', 'record', 'bench', '--allow-dirty', '--no-history'], { cwd: repo, env: isolatedEnv(home), timeoutMs: 60_000 });
        const broken = violations({ argv: [], code: run.code, stdout: run.stdout, stderr: run.stderr, changed: [] });
        if (run.code !== 2) broken.push(`exit ${run.code}`);
        if (!run.stderr.includes(path)) broken.push('error does not name the file');
        if (fileHash(path) !== before) broken.push('baseline modified');
        if (existsSync(`${path}.lock`)) broken.push('lock left behind');
        if (/\[\d+\/\d+\]/.test(run.stderr)) broken.push('measured before refusing');
        if (broken.length) problems.push({ kind, broken, stderr: run.stderr.slice(0, 300) });
      }
      expect(problems).toEqual([]);
    } finally {
      removeDir(repo);
    }
  }, 180_000);
});

describe('bench results and shard files damaged', () => {
  let results: string;
  let shards: string[];
  let comparison: string;
  beforeAll(async () => {
    const repo = gitProject('file-fuzz-results', { 'bench/demo.bench.ts': "export default { name: 'demo', benchmarks: { a: () => {}, b: () => {} } };\n" });
    const cli = async (args: string[]) => {
      const run = await runCli(args, { cwd: repo, env: isolatedEnv(home), timeoutMs: 180_000 });
      if (run.code !== 0 && run.code !== 3) throw new Error(`${args.join(' ')} failed: ${run.stderr}`);
    };
    try {
      await cli(['bench', 'bench', '--no-baseline', '--no-history', '--json', 'results.json']);
      await cli(['bench', 'bench', '--no-baseline', '--no-history', '--shard', '1/2', '--json', 'shard-1.json']);
      await cli(['bench', 'bench', '--no-baseline', '--no-history', '--shard', '2/2', '--json', 'shard-2.json']);
      await cli(['compare', '--base', 'HEAD', '--exact', 'bench', '--max-blocks', '1', '--rounds', '2', '--no-history', '--json', 'cmp.json']);
      const read = (f: string) => readFileSync(join(repo, f), 'utf8');
      results = read('results.json');
      shards = [read('shard-1.json'), read('shard-2.json')];
      comparison = read('cmp.json');
    } finally {
      removeDir(repo);
    }
  }, 300_000);

  it(`${IMPORT_MUTANTS} damaged results, shard and comparison files through history import and report: exit 2 naming the file, the history untouched`, async () => {
    const root = fuzzFolder('file-fuzz-import');
    try {
      const whole = JSON.parse(results);
      const rng = new Random(SEED + 3);
      const cases: { argv: string[]; files: Record<string, string>; kind: string; file: string }[] = [];
      for (const m of mutants(SEED + 4, IMPORT_MUTANTS, whole)) {
        cases.push({
          argv: ['history', 'import', 'results.json', '--history', 'h.duckdb'],
          files: { 'results.json': m.text },
          kind: `results: ${m.kind}`,
          file: 'results.json',
        });
      }
      for (const m of mutants(SEED + 5, IMPORT_MUTANTS, JSON.parse(shards[0]!))) {
        // Two shards of one run: the damaged one must keep the good one out too (nothing is written until every file is read).
        cases.push({
          argv: ['history', 'import', 'shard-1.json', 'shard-2.json', '--history', 'h.duckdb'],
          files: { 'shard-1.json': m.text, 'shard-2.json': shards[1]! },
          kind: `shard: ${m.kind}`,
          file: 'shard-1.json',
        });
      }
      for (const m of mutants(SEED + 6, IMPORT_MUTANTS, JSON.parse(comparison))) {
        const [argv, file] = rng.chance(0.5)
          ? [['history', 'import', 'cmp.json', '--history', 'h.duckdb'], 'cmp.json']
          : [['report', '--html', 'r.html', '--comparison', 'cmp.json'], 'cmp.json'];
        cases.push({ argv: argv as string[], files: { 'cmp.json': m.text }, kind: `comparison (${(argv as string[])[0]}): ${m.kind}`, file: file as string });
      }
      const { replies } = await runInProcess(cases, root, isolatedEnv(home));
      const problems: unknown[] = [];
      let rejected = 0;
      for (const r of replies) {
        const c = cases[r.index]!;
        const broken = violations({ ...r, argv: c.argv });
        if (r.changed.some((p) => p.includes(c.file.replace(/\.json$/, '')) && !p.startsWith('+'))) broken.push(`modified its input: ${r.changed.join(', ')}`);
        if (r.code === 2) {
          rejected++;
          if (!r.stderr.includes(join(root, c.file)) && !r.stderr.includes(c.file)) broken.push('error does not name the file');
        } else if (r.code !== 0) broken.push(`exit ${r.code}`);
        if (broken.length) problems.push({ kind: c.kind, argv: c.argv.join(' '), broken, stderr: r.stderr.slice(0, 400) });
      }
      recordFigures('file-fuzz', {
        importAndReport: { cases: cases.length, rejected, accepted: cases.length - rejected, problems: problems.length, firstProblems: problems.slice(0, 10) },
      });
      expect(problems.slice(0, 5)).toEqual([]);
    } finally {
      removeDir(root);
    }
  }, 600_000);

  it('parseResults: a clear ResultsFormatError naming the file, or a document with every field it promises', async () => {
    const { parseResults, ResultsFormatError } = await import('@frozen-duckdb/bench');
    const list = mutants(SEED + 2, 2000, JSON.parse(results));
    const problems: unknown[] = [];
    let rejected = 0;
    for (const m of list) {
      try {
        const doc = parseResults(m.text, 'shard-3.json');
        // Accepted: what readers do next with it must not throw.
        for (const b of doc.benchmarks) {
          if (typeof b.id !== 'string' || !Array.isArray(b.processes)) throw new TypeError(`benchmark without id or processes accepted (${m.kind})`);
        }
      } catch (error) {
        if (error instanceof ResultsFormatError && error.message.includes('shard-3.json')) rejected++;
        else problems.push({ kind: m.kind, error: String(error).slice(0, 200) });
      }
    }
    recordFigures('file-fuzz', {
      resultsParse: {
        mutants: list.length,
        rejected,
        accepted: list.length - rejected - problems.length,
        problems: problems.length,
        firstProblems: problems.slice(0, 10),
      },
    });
    expect(problems.slice(0, 5)).toEqual([]);
  });
});
