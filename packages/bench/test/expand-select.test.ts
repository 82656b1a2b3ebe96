import { compileFilter, defineSuite, parseShard } from '../src/index.js';
import { combinations, expandSuite, expandedName } from '../src/expand.js';
import { shardSlice } from '../src/select.js';

describe('parameter expansion', () => {
  const suite = defineSuite({
    name: 's',
    benchmarks: {
      plain: () => {},
      grid: { params: { rows: [1000, 100_000], mode: ['a', 'b'] }, run: () => {} },
      grouped: { params: { via: ['core', 'raw'] }, group: 'pair', timeout: 5, target: 100, instructionThreshold: 0.05, run: () => {} },
    },
    thresholds: { default: 0.1, grid: 0.2, 'grouped (via=raw)': 0.3 },
  });

  it('expands every combination to its own name, last parameter fastest', () => {
    expect(expandSuite(suite).map((b) => b.info.name)).toEqual([
      'plain',
      'grid (rows=1000, mode=a)',
      'grid (rows=1000, mode=b)',
      'grid (rows=100000, mode=a)',
      'grid (rows=100000, mode=b)',
      'grouped (via=core)',
      'grouped (via=raw)',
    ]);
    expect(combinations({})).toEqual([{}]);
    expect(expandedName('k', { a: 1, b: true })).toBe('k (a=1, b=true)');
  });

  it('gives each expanded benchmark its params, id, group, threshold, timeout and target', () => {
    const [plain, grid, , , , core, raw] = expandSuite(suite).map((b) => b.info);
    expect(plain).toMatchObject({ id: 's/plain', group: 'plain', threshold: 0.1, params: {} });
    expect(grid).toMatchObject({ id: 's/grid (rows=1000, mode=a)', key: 'grid', group: 'grid', threshold: 0.2, params: { rows: 1000, mode: 'a' } });
    expect(core).toMatchObject({ group: 'pair', threshold: 0.1, timeoutMs: 5, targetMs: 100, instructionThreshold: 0.05 });
    expect(raw?.threshold).toBe(0.3);
    expect(plain).not.toHaveProperty('instructionThreshold');
  });

  it('refuses empty parameter lists and duplicate names', () => {
    expect(() => expandSuite(defineSuite({ name: 'x', benchmarks: { b: { params: { n: [] }, run: () => {} } } }))).toThrow(/non-empty array/);
    expect(() => expandSuite(defineSuite({ name: 'x', benchmarks: { b: { params: { n: [1, 1] }, run: () => {} } } }))).toThrow(
      /two benchmarks named 'b \(n=1\)'/,
    );
    for (const bad of [0, -0.02, Number.NaN])
      expect(() => expandSuite(defineSuite({ name: 'x', benchmarks: { b: { instructionThreshold: bad, run: () => {} } } }))).toThrow(
        /instructionThreshold of benchmark 'b' in suite 'x'/,
      );
  });
});

describe('shards and filters', () => {
  it('parses i/n and refuses anything else', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1', '1/2/3', '-1/2']) expect(parseShard(bad)).toBeUndefined();
  });

  it('covers every item exactly once across the n shards, for several n and sizes', () => {
    for (const size of [0, 1, 7, 22, 75]) {
      const items = Array.from({ length: size }, (_, i) => i);
      for (const count of [1, 2, 3, 4, 5, 8, 30]) {
        const parts = Array.from({ length: count }, (_, k) => shardSlice(items, { index: k + 1, count }));
        expect(parts.flat().sort((a, b) => a - b)).toEqual(items);
        // Balanced: shard sizes differ by at most one.
        const sizes = parts.map((p) => p.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('compiles filters case-insensitively and rejects invalid ones', () => {
    expect(compileFilter('APPENDER')?.test('insert/appender (rows=1000)')).toBe(true);
    expect(compileFilter('(')).toBeUndefined();
  });
});
