import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bmfReport,
  consoleReport,
  gabReport,
  jsonReport,
  listSuites,
  markdownReport,
  parseResults,
  runBenchmarks,
  RESULTS_SCHEMA,
  type BenchResults,
} from '../src/index.js';
import { TABLE_COLUMNS } from '../src/reporters/rows.js';
import { selectBenchmarks } from '../src/runner.js';

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
const tiny = { time: 5, iterations: 2, rounds: 2, warmupTime: 0, warmupIterations: 1 };

let results: BenchResults;
beforeAll(async () => {
  // Two processes, so per-process measurements and their spread are exercised too.
  results = await runBenchmarks({ projectDir: fixtures, processes: 2, sampling: tiny });
}, 90_000);

const byName = (name: string) => results.benchmarks.find((b) => b.name === name);

describe('runner through real worker processes', () => {
  it('writes the versioned schema with settings and a machine fingerprint', () => {
    expect(results.schema).toBe(RESULTS_SCHEMA);
    expect(results.version).toBe(1);
    expect(results.settings).toMatchObject({ profile: 'quick', processes: 2, filter: null, shard: null });
    expect(results.settings.duckdb).toMatchObject({ threads: '2', memory_limit: '4GB' });
    const f = results.fingerprint;
    expect(typeof f.cpuModel).toBe('string');
    expect(f.cores).toBeGreaterThan(0);
    expect(f.memoryBytes).toBeGreaterThan(0);
    expect(f.os.platform).toBe(process.platform);
    expect(f.node).toBe(process.version);
    expect(f.duckdb).toMatch(/^v\d+\.\d+/);
    expect(f.git?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(typeof f.git?.dirty).toBe('boolean');
  });

  it('measures every benchmark of a suite with samples, CPU, memory and per-process numbers', () => {
    const count = byName('count rows');
    expect(count?.status).toBe('ok');
    expect(count?.processes).toHaveLength(2);
    expect(count?.processes[0]?.samples.length).toBeGreaterThanOrEqual(4);
    expect(count?.wall?.median).toBeGreaterThan(0);
    expect(count?.cpuMs).toBeGreaterThan(0);
    expect(count?.peakRssBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(count?.duckdbBytes).toBeGreaterThanOrEqual(0);
    expect(count?.processSpread).toBeGreaterThanOrEqual(1);
    expect(count?.threshold).toBe(0.1);
    const suite = results.suites.find((s) => s.name === 'basic');
    expect(suite?.notes).toEqual([{ label: 'rows', value: 1000, unit: 'rows' }]);
    expect(suite?.setupMs).toHaveLength(2);
  });

  it('expands parameters and compares a group with its best', () => {
    const sums = results.benchmarks.filter((b) => b.key === 'sum');
    expect(sums.map((b) => b.name)).toEqual(['sum (upTo=10, mode=a)', 'sum (upTo=10, mode=b)', 'sum (upTo=100, mode=a)', 'sum (upTo=100, mode=b)']);
    expect(sums.every((b) => b.threshold === 0.2 && b.group === 'sums')).toBe(true);
    expect(Math.min(...sums.map((b) => b.vsBest ?? NaN))).toBe(1);
    expect(byName('count rows')?.vsBest).toBeUndefined();
  });

  it('reports an erroring, a hanging and a crashing benchmark by name, and goes on after each', () => {
    expect(byName('throws')).toMatchObject({ status: 'error', error: expect.stringContaining('this benchmark always fails') });
    expect(byName('hangs')).toMatchObject({ status: 'timeout', error: expect.stringContaining("benchmark 'hangs' did not finish within 1.5 s") });
    expect(byName('crashes')).toMatchObject({ status: 'crash', error: expect.stringContaining('exit code 7') });
    expect(byName('fine')?.status).toBe('ok');
    expect(byName('fine')?.processes).toHaveLength(2);
  });

  it('parses its own JSON back, and refuses foreign or newer documents', () => {
    expect(parseResults(jsonReport(results))).toEqual(JSON.parse(JSON.stringify(results)));
    expect(() => parseResults('{"schema":"other"}', 'x.json')).toThrow(/x.json is not a frozen-duckdb bench results file/);
    expect(() => parseResults(JSON.stringify({ ...results, version: 99 }))).toThrow(/version 99/);
    expect(() => parseResults('{')).toThrow(/not JSON/);
  });

  it('writes BMF and github-action-benchmark JSON that parse back with the right shapes', () => {
    const ok = results.benchmarks.filter((b) => b.status === 'ok');
    const bmf = JSON.parse(bmfReport(results)) as Record<string, { latency: { value: number; lower_value: number; upper_value: number } }>;
    expect(Object.keys(bmf).sort()).toEqual(ok.map((b) => b.id).sort());
    for (const [id, { latency }] of Object.entries(bmf)) {
      expect(latency.value).toBeCloseTo((ok.find((b) => b.id === id)?.wall?.median ?? 0) * 1e6);
      expect(latency.lower_value).toBeLessThanOrEqual(latency.value);
      expect(latency.upper_value).toBeGreaterThanOrEqual(latency.value);
    }
    const gab = JSON.parse(gabReport(results)) as { name: string; unit: string; value: number; range: string; extra: string }[];
    expect(gab.map((g) => g.name)).toEqual(ok.map((b) => b.id));
    for (const entry of gab) {
      expect(entry.unit).toBe('ms');
      expect(typeof entry.value).toBe('number');
      expect(entry.range).toMatch(/^± [\d.e-]+$/);
      expect(typeof entry.extra).toBe('string');
    }
  });

  it('writes Markdown tables whose rows have the header columns, one row per benchmark', () => {
    const md = markdownReport(results);
    const split = (line: string) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim());
    const tableLines = md.split('\n').filter((l) => l.startsWith('|'));
    const headers = tableLines.filter((l) => l.startsWith('| benchmark |'));
    expect(headers).toHaveLength(results.suites.length);
    for (const h of headers) expect(split(h)).toEqual([...TABLE_COLUMNS]);
    const rows = tableLines.filter((l) => !l.startsWith('| benchmark |') && !l.startsWith('| ---'));
    expect(rows).toHaveLength(results.benchmarks.length);
    for (const row of rows) expect(split(row)).toHaveLength(TABLE_COLUMNS.length);
    expect(rows.map((r) => split(r)[0])).toEqual(expect.arrayContaining(results.benchmarks.map((b) => b.name)));
  });

  it('prints a console table naming every benchmark and each failure', () => {
    const text = consoleReport(results).replace(/\x1b\[[0-9;]*m/g, '');
    for (const b of results.benchmarks) expect(text).toContain(b.name);
    expect(text).toMatch(/throws\s+ERROR/);
    expect(text).toMatch(/hangs\s+TIMEOUT/);
    expect(text).toMatch(/crashes\s+CRASH/);
  });
});

describe('selection', () => {
  it('shards the listed benchmarks so n jobs run each exactly once', async () => {
    const suites = await listSuites(fixtures);
    const all = selectBenchmarks(suites).map((b) => b.info.id);
    expect(all).toHaveLength(10);
    for (const count of [1, 2, 3, 4, 7, 12]) {
      const covered = Array.from({ length: count }, (_, k) => selectBenchmarks(suites, undefined, { index: k + 1, count }).map((b) => b.info.id)).flat();
      expect(covered.sort()).toEqual([...all].sort());
    }
    expect(selectBenchmarks(suites, 'SUM \\(upTo=10,').map((b) => b.info.name)).toEqual(['sum (upTo=10, mode=a)', 'sum (upTo=10, mode=b)']);
    expect(() => selectBenchmarks(suites, 'nothing-like-this')).toThrow(/no benchmark matches/);
  });

  it('names a suite file that does not load', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'bench-test-'));
    writeFileSync(join(dir, 'broken.bench.ts'), 'export const nothing = 1;\n');
    await expect(listSuites(dir)).rejects.toThrow(/broken.bench.ts could not be loaded: the file exports no suite/);
    await expect(listSuites(mkdtempSync(join(tmpdir(), 'bench-test-')))).rejects.toThrow(/no \*\.bench\.ts files/);
  });
});
