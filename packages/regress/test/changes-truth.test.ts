import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '@frozen-duckdb/core';
import type { BenchmarkComparison } from '../src/ab/paired-run.js';
import type { MachineFingerprint } from '../src/baseline/schema.js';
import { changeHash, readChangesCorpus } from '../src/calibrate/changes-corpus.js';
import { sizeClassTotals, summarizeChanges } from '../src/calibrate/changes-summary.js';
import { emptyTruthFile, storedTruth, withTruth } from '../src/calibrate/truth-file.js';
import type { ChangeTruth } from '../src/calibrate/truth.js';
import { NOISY, simulatedComparison } from './simulate.js';

const machine = (cpuModel: string): MachineFingerprint => ({
  cpuModel,
  cores: 2,
  memoryBytes: 8e9,
  os: 'linux-x64',
  node: 'v20',
  duckdb: '@duckdb/node-api 1.5.6-r.1',
});
const truth = (ratio: number, files = 'h1'): ChangeTruth => ({
  benchmark: 'b',
  ratio,
  low: ratio - 0.01,
  high: ratio + 0.01,
  processes: 4,
  rounds: 40,
  iterations: 10,
  seconds: 15,
  files,
  measuredAt: '2026-12-07T00:00:00.000Z',
});

describe('truth file', () => {
  it('keeps a truth per machine and change, and drops one measured with other files', () => {
    let file = withTruth(emptyTruthFile(), machine('A'), 'noop', truth(1));
    file = withTruth(file, machine('B'), 'noop', truth(1.02));
    file = withTruth(file, machine('A'), 'wider', truth(1.3));
    expect(file.machines).toHaveLength(2);
    expect(storedTruth(file, machine('A'), 'noop', 'h1')?.ratio).toBe(1);
    expect(storedTruth(file, machine('B'), 'noop', 'h1')?.ratio).toBe(1.02);
    expect(storedTruth(file, machine('A'), 'wider', 'h1')?.ratio).toBe(1.3);
    expect(storedTruth(file, machine('A'), 'noop', 'h2')).toBeUndefined();
    expect(storedTruth(file, machine('C'), 'noop', 'h1')).toBeUndefined();
  });
});

describe('changes corpus', () => {
  it('reads changes, skips a data folder, and hashes what a timing depends on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    try {
      for (const [path, text] of Object.entries({
        'shared.ts': 'export const n = 1;',
        'one/base.ts': 'a',
        'one/variant.ts': 'b',
        'one/helper.ts': 'h',
        'data/rows.csv': 'x',
      })) {
        mkdirSync(join(dir, path, '..'), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      const corpus = readChangesCorpus(dir);
      expect(corpus.changes.map((c) => c.name)).toEqual(['one']);
      expect(corpus.changes[0]?.files).toEqual({ 'helper.ts': 'h' });
      expect(Object.keys(corpus.shared)).toEqual(['shared.ts']);
      const before = changeHash(corpus, corpus.changes[0]!);
      writeFileSync(join(dir, 'shared.ts'), 'export const n = 2;');
      const again = readChangesCorpus(dir);
      expect(changeHash(again, again.changes[0]!)).not.toBe(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('summarizeChanges', () => {
  // Simulated gate comparisons of a change whose true size is known: the summary's error is the
  // estimate's distance from that truth, and the size classes put each change in its place.
  function comparisons(ratio: number, seed: number): BenchmarkComparison[] {
    const random = seededRandom(seed);
    return Array.from({ length: 30 }, () => simulatedComparison(random, NOISY, ratio, 'change/b'));
  }

  it('reports fail rates and the mean error against the truth, per change and per size class', () => {
    const summaries = summarizeChanges([
      { name: 'noop', truth: truth(1), trials: comparisons(1, 1) },
      { name: 'double', truth: truth(2), trials: comparisons(2, 2) },
      // The truth says +20% but the gate sees +40%: a bias of about 20 points.
      { name: 'biased', truth: truth(1.2), trials: comparisons(1.4, 3) },
    ]);
    const [noop, double, biased] = summaries;
    expect(noop?.failRate).toBe(0);
    expect(double?.failRate).toBe(1);
    expect(Math.abs(noop?.meanError ?? 1)).toBeLessThan(0.02);
    expect(biased?.meanError).toBeGreaterThan(0.15);
    expect(biased?.errorSd).toBeGreaterThan(0);
    const classes = sizeClassTotals(summaries);
    expect(classes.map((c) => [c.label.split(' (')[0], c.changes, c.trials])).toEqual([
      ['up to +3%', 1, 30],
      ['+15% to +25%', 1, 30],
      ['over +25%', 1, 30],
    ]);
    expect(classes[2]?.fails).toBe(30);
  });
});
