import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flattenProfile } from '@frozen-duckdb/core';
import { BenchWorker } from '../src/index.js';

// Its own folder: the runner's tests list every suite under fixtures/.
const fixtures = fileURLToPath(new URL('./profile-fixtures', import.meta.url));

describe("a worker's profile of one benchmark", () => {
  let worker: BenchWorker;
  beforeAll(async () => {
    worker = BenchWorker.start({ projectDir: fixtures });
    const opened = await worker.open(join(fixtures, 'profiled.bench.ts'), 'quick', { threads: '1' }, 60_000);
    expect(opened.profiles).toBe(true);
  }, 60_000);
  afterAll(() => worker.close());

  it("has DuckDB's profile of every statement the call ran, runs of one statement summed", async () => {
    const profile = await worker.profile('queries', 50, 30_000);
    expect(profile.missed).toBe(0);
    expect(profile.queries.map((q) => [q.query, q.runs])).toEqual([
      ['SELECT kind, count(*) FROM items GROUP BY kind', 1],
      ['SELECT id FROM items WHERE id = $1', 3],
    ]);
    const groupBy = flattenProfile(profile.queries[0]!.profile.tree).find((n) => n.operator.endsWith('GROUP_BY'));
    expect(groupBy?.cardinality).toBe(11);
    expect(profile.wallMs).toBeGreaterThan(0);
  }, 30_000);

  it("has V8's self time per function, relative to the project folder", async () => {
    const profile = await worker.profile('all javascript', 200, 30_000);
    expect(profile.queries).toEqual([]);
    expect(profile.cpu.calls).toBeGreaterThan(0);
    const spin = profile.cpu.functions.find((f) => f.name === 'spinThroughStrings');
    expect(spin?.file).toBe('profiled.bench.ts');
    // The function the benchmark spends its time in is at the top (padStart's own builtin aside).
    expect(profile.cpu.functions.slice(0, 3).map((f) => f.name)).toContain('spinThroughStrings');
  }, 30_000);
});
