/**
 * Load: several bench runs at once sharing one history database; a suite of 500 benchmarks; a history
 * of 10,000 runs. Behaviour is asserted (all complete, all recorded, every command answers); how the
 * cost grows with size is measured and recorded in the figures, never asserted.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type Run } from '../../testing/run-cli.js';
import { removeDir, tempDir } from '../src/files.js';
import { recordFigures } from '../src/figures.js';
import { gitProject, isolatedEnv, SPIN, writeFiles } from '../src/fixtures.js';
import { newMark, waitForNoneMarked } from '../src/processes.js';

const CONCURRENT = 4;
const figures: Record<string, unknown> = {};
let home: string;
beforeAll(() => {
  home = tempDir('load-home');
});
afterAll(() => {
  recordFigures('load', figures);
  removeDir(home);
});

async function historyCounts(path: string): Promise<Record<string, number>> {
  const { History } = await import('@frozen-duckdb/history');
  const history = await History.open(path, { readOnly: true, waitMs: 60_000 });
  try {
    return await history.counts();
  } finally {
    await history.close();
  }
}

describe('load', () => {
  it(`${CONCURRENT} bench runs at once sharing one history database: all complete, all recorded`, async () => {
    const repo = gitProject('load-concurrent', {
      'bench/a.bench.ts': SPIN + "export default { name: 'a', benchmarks: { x: () => spin(1), y: async (ctx: any) => ctx.connection.scalar('SELECT 1') } };\n",
    });
    const history = join(repo, 'shared', 'history.duckdb');
    const mark = newMark('load-concurrent');
    try {
      const started = performance.now();
      const runs = await Promise.all(
        Array.from({ length: CONCURRENT }, () =>
          runCli(['bench', 'bench', '--no-baseline', '--history', history], {
            cwd: repo,
            env: isolatedEnv(home, { [mark.key]: mark.value }),
            timeoutMs: 300_000,
          }),
        ),
      );
      const seconds = (performance.now() - started) / 1000;
      expect(runs.map((r) => r.code)).toEqual(Array(CONCURRENT).fill(0));
      // Each run says where its record went: written, or staged for the next writer when the file was busy.
      const said = runs.map((r) => (/appended the run to history/.test(r.stderr) ? 'written' : /run staged as/.test(r.stderr) ? 'staged' : 'none'));
      expect(said).not.toContain('none');
      const counts = await historyCounts(history);
      expect(counts['runs']).toBe(CONCURRENT);
      const shown = await runCli(['history', '--history', history, '--json'], { cwd: repo, env: isolatedEnv(home), timeoutMs: 60_000 });
      expect(shown.code).toBe(0);
      expect(await waitForNoneMarked(mark, 10_000)).toEqual([]);
      // Staged runs were merged by the read: none waits any more.
      const pending = join(repo, 'shared', 'history.pending');
      expect(existsSync(pending) ? readdirSync(pending) : []).toEqual([]);
      figures['concurrentBench'] = { runs: CONCURRENT, seconds: Number(seconds.toFixed(1)), recorded: counts['runs'], how: said };
    } finally {
      removeDir(repo);
    }
  }, 400_000);

  it('suites of 10, 100 and 500 benchmarks: listing and selecting stay cheap (measured: time to the first measurement)', async () => {
    const project = tempDir('load-suite');
    const timings: Record<string, { listMs: number; totalMs: number }> = {};
    try {
      for (const size of [10, 100, 500]) {
        writeFiles(project, {
          'nx.json': '{}',
          'many.bench.ts': `export default { name: 'many', benchmarks: { b: { params: { i: Array.from({ length: ${size} }, (_, i) => i) }, run: () => {} } } };\n`,
        });
        let firstMeasureMs = 0;
        const started = performance.now();
        // One shard of `size`: every benchmark is listed and expanded, one is measured.
        const run: Run = await runCli(['bench', '.', '--no-baseline', '--no-history', '--shard', `1/${size}`, '--json', 'r.json'], {
          cwd: project,
          env: isolatedEnv(home),
          timeoutMs: 120_000,
          onOutput: (all) => {
            if (!firstMeasureMs && /\[\d+\/\d+\] many\b/.test(all)) firstMeasureMs = performance.now() - started;
          },
        });
        expect(run.code).toBe(0);
        const results = JSON.parse(readFileSync(join(project, 'r.json'), 'utf8')) as { benchmarks: unknown[] };
        expect(results.benchmarks).toHaveLength(1);
        timings[String(size)] = { listMs: Math.round(firstMeasureMs), totalMs: Math.round(run.ms) };
      }
      // And all 500 listed by a filter that keeps 5 of them.
      const filtered = await runCli(['bench', '.', '--no-baseline', '--no-history', '--filter', 'i=49\\d\\)$', '--json', 'r.json'], {
        cwd: project,
        env: isolatedEnv(home),
        timeoutMs: 180_000,
      });
      expect(filtered.code).toBe(0);
      expect((JSON.parse(readFileSync(join(project, 'r.json'), 'utf8')) as { benchmarks: unknown[] }).benchmarks).toHaveLength(10);
      figures['suiteSize'] = {
        timings,
        note: 'time from start to the first progress line of the suite (listing, expanding, selecting, one worker start), and to the end of a 1-benchmark shard',
      };
    } finally {
      removeDir(project);
    }
  }, 400_000);

  it('a history of 1,000 and 10,000 runs: history, report and the next append still answer (cost measured)', async () => {
    const repo = gitProject('load-history', {
      'bench/h.bench.ts': `export default { name: 'h', benchmarks: { b: { params: { i: Array.from({ length: 10 }, (_, i) => i) }, run: () => {} } } };\n`,
    });
    const { Database } = await import('@frozen-duckdb/core');
    const env = isolatedEnv(home);
    const timings: Record<string, Record<string, number>> = {};
    try {
      const template = join(repo, 'template.duckdb');
      const first = await runCli(['bench', 'bench', '--no-baseline', '--history', template], { cwd: repo, env, timeoutMs: 300_000 });
      expect(first.code).toBe(0);
      const perRun = await historyCounts(template);
      for (const size of [1000, 10000]) {
        const path = join(repo, `history-${size}.duckdb`);
        // Copies of the template run with new ids, dates, commits and medians drifting by run; samples cut to
        // 50 per benchmark per run so that 10,000 runs stay a 10M-row table (a real run keeps up to 2,000 per round).
        const db = await Database.open(':memory:');
        try {
          const c = await db.connect();
          await c.run(`ATTACH '${template}' AS t (READ_ONLY)`);
          await c.run(`ATTACH '${path}' AS h`);
          await c.run('COPY FROM DATABASE t TO h');
          await c.run('DELETE FROM h.samples; DELETE FROM h.results; DELETE FROM h.runs');
          await c.run(`INSERT INTO h.runs SELECT r.* REPLACE (r.id || '-' || g.i AS id, r.created_at + INTERVAL (g.i) MINUTE AS created_at, md5(g.i::VARCHAR) AS commit)
                       FROM t.runs r, range(${size}) g(i)`);
          await c.run(`INSERT INTO h.results SELECT r.* REPLACE (r.run_id || '-' || g.i AS run_id, r.median_ms * (1 + (g.i >= ${size / 2})::INT * 0.3 + random() * 0.05) AS median_ms)
                       FROM t.results r, range(${size}) g(i)`);
          await c.run(`INSERT INTO h.samples SELECT s.* REPLACE (s.run_id || '-' || g.i AS run_id)
                       FROM (SELECT * FROM t.samples QUALIFY row_number() OVER (PARTITION BY run_id, benchmark ORDER BY seq) <= 50) s, range(${size}) g(i)`);
          await c.run('DETACH h');
        } finally {
          db.close();
        }
        const counts = await historyCounts(path);
        expect(counts['runs']).toBe(size);
        const timed = async (name: string, args: string[]) => {
          const run = await runCli(args, { cwd: repo, env, timeoutMs: 300_000 });
          expect({ name, code: run.code, err: run.code === 0 ? '' : run.stderr.slice(-400) }).toEqual({ name, code: 0, err: '' });
          return run;
        };
        const shown = await timed('history', ['history', '--history', path]);
        // The synthetic step (+30% at the half-way run) is there to be found.
        expect(shown.stdout).toMatch(/change|shift/i);
        const json = await timed('history --json', ['history', '--history', path, '--json', '--benchmark', 'i=7\\)']);
        const html = join(repo, `report-${size}.html`);
        const report = await timed('report', ['report', '--html', html, '--history', path]);
        const append = await timed('bench (appends)', ['bench', 'bench', '--no-baseline', '--filter', 'i=0\\)', '--history', path]);
        expect(append.stderr).toContain('appended the run to history');
        expect((await historyCounts(path))['runs']).toBe(size + 1);
        timings[String(size)] = {
          historyMs: Math.round(shown.ms),
          historyJsonOneBenchmarkMs: Math.round(json.ms),
          reportMs: Math.round(report.ms),
          reportBytes: statSync(html).size,
          benchWithAppendMs: Math.round(append.ms),
          fileBytes: statSync(path).size,
        };
      }
      figures['history'] = {
        timings,
        templateRun: perRun,
        note: 'runs copied from one real run of 10 benchmarks; samples cut to 50 per benchmark and run; milliseconds of the whole CLI process',
      };
    } finally {
      removeDir(repo);
    }
  }, 600_000);
});
