import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consoleReport, markdownReport, parseResults, jsonReport, runBenchmarks, type BenchResults, type ProgressEvent } from '../src/index.js';

const fixtures = fileURLToPath(new URL('./skip-fixtures', import.meta.url));
const tiny = { time: 2, iterations: 2, rounds: 2, warmupTime: 0, warmupIterations: 0 };

let results: BenchResults;
let dir: string;
const events: ProgressEvent[] = [];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bench-skip-'));
  process.env['LATE_SKIP_MARKER'] = join(dir, 'marker');
  try {
    results = await runBenchmarks({ projectDir: fixtures, processes: 2, sampling: tiny, onProgress: (e) => events.push(e) });
  } finally {
    delete process.env['LATE_SKIP_MARKER'];
  }
}, 90_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a suite that skips itself (ctx.skip in setup)', () => {
  it('is reported with its reason and the benchmarks it would have run, which are left out of the results', () => {
    const suite = results.suites.find((s) => s.name === 'skipping');
    expect(suite?.skipped).toEqual({
      reason: 'no server at 127.0.0.1:9 (ECONNREFUSED)',
      benchmarks: ['skipping/first', 'skipping/second (n=1)', 'skipping/second (n=2)'],
    });
    expect(suite?.error).toBeUndefined();
    expect(results.benchmarks.filter((b) => b.suite === 'skipping')).toEqual([]);
    expect(results.benchmarks.find((b) => b.id === 'plain/nothing')?.status).toBe('ok');
  });

  it('is opened once, not again in the next process', () => {
    expect(events.filter((e) => e.suite === 'skipping' && e.phase === 'setup')).toHaveLength(1);
    expect(events.filter((e) => e.phase === 'skipped').map((e) => e.suite)).toEqual(['skipping']);
  });

  it('fails when it skips after having measured in an earlier process', () => {
    const suite = results.suites.find((s) => s.name === 'late-skip');
    expect(suite?.skipped).toBeUndefined();
    expect(suite?.error).toMatch(/setup failed: suite skipped: the server went away/);
  });

  it('shows in the console and Markdown reports, and survives the JSON round trip', () => {
    const text = consoleReport(results);
    expect(text).toContain('skipped (3 benchmarks): no server at 127.0.0.1:9 (ECONNREFUSED)');
    expect(text).toMatch(/1 suite skipped/);
    expect(markdownReport(results)).toContain('*Skipped (3 benchmarks): no server at 127.0.0.1:9 (ECONNREFUSED)*');
    expect(parseResults(jsonReport(results)).suites.find((s) => s.name === 'skipping')?.skipped?.benchmarks).toHaveLength(3);
  });
});
