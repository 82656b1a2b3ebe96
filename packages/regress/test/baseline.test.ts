import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BaselineError, readBaseline, writeBaseline, type Baseline } from '../src/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'regress-baseline-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const valid = (): Baseline => ({
  schema: 'frozen-duckdb/baseline',
  version: 1,
  commit: 'a'.repeat(40),
  recordedAt: '2026-11-25T10:00:00.000Z',
  machine: { cpuModel: 'cpu', cores: 2, memoryBytes: 1, os: 'linux', node: 'v20', duckdb: 'v1.5.6' },
  settings: { threads: 2 },
  benchmarks: {
    'suite/query': { median: 15, mean: 15.5, p10: 14, p90: 17, spread: 0.2, samples: 50, processes: 1, threshold: 0.1 },
  },
});

describe('baseline file', () => {
  it('writes and reads back, leaving no temp file', () => {
    const path = join(dir, '.performance_baseline');
    writeBaseline(path, valid());
    expect(readBaseline(path)).toEqual(valid());
    expect(readdirSync(dir)).toEqual(['.performance_baseline']);
  });

  it('is undefined when absent', () => {
    expect(readBaseline(join(dir, '.performance_baseline'))).toBeUndefined();
  });

  it.each([
    ['truncated', (t: string) => t.slice(0, t.length / 2), /not valid JSON/],
    ['empty', () => '', /is empty/],
    ['foreign schema', () => JSON.stringify({ schema: 'other-tool', version: 1 }), /expected "frozen-duckdb\/baseline"/],
    ['future version', (t: string) => t.replace('"version": 1', '"version": 9'), /version 9 is not supported/],
    ['bad entry', (t: string) => t.replace('"median": 15', '"median": "fast"'), /median is not a number/],
    ['list of benchmarks', (t: string) => JSON.stringify({ ...JSON.parse(t), benchmarks: [] }), /benchmarks is a list, not an object/],
    ['benchmark-less', (t: string) => JSON.stringify({ ...JSON.parse(t), benchmarks: {} }), /benchmarks is empty: this baseline would gate nothing/],
    ['zero instruction count', (t: string) => t.replace('"threshold": 0.1', '"threshold": 0.1, "instructions": 0'), /instructions 0 is not a count above 0/],
    ['text instruction count', (t: string) => t.replace('"threshold": 0.1', '"threshold": 0.1, "instructions": "many"'), /instructions "many" is not a count/],
  ])('a %s baseline raises BaselineError naming the file and leaves it byte for byte', (_name, damage, message) => {
    const path = join(dir, '.performance_baseline');
    writeBaseline(path, valid());
    const damaged = damage(readFileSync(path, 'utf8'));
    writeFileSync(path, damaged);
    const error = (() => {
      try {
        readBaseline(path);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(BaselineError);
    expect((error as BaselineError).message).toContain('.performance_baseline');
    expect((error as BaselineError).message).toMatch(message);
    expect((error as BaselineError).hint).toMatch(/bench-record|git checkout/);
    expect((error as BaselineError).category).toBe('usage');
    expect(readFileSync(path, 'utf8')).toBe(damaged);
  });

  it('refuses to write an invalid baseline and keeps the old one', () => {
    const path = join(dir, '.performance_baseline');
    writeBaseline(path, valid());
    const before = readFileSync(path, 'utf8');
    expect(() => writeBaseline(path, { ...valid(), commit: 'not-a-commit' })).toThrow(/invalid baseline/);
    expect(readFileSync(path, 'utf8')).toBe(before);
  });
});
