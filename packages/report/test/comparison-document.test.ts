import type { CompareResult } from '@frozen-duckdb/regress';
import type { TrendSeries as HistorySeries } from '@frozen-duckdb/history';
import { comparisonProblems, filterComparison, suiteThreshold, upgradeComparison, type ComparisonDocument } from '../src/comparison-document.js';
import type { TrendSeries } from '../src/trend-series.js';
import { comparison } from './fixtures.js';

// Compile-time: what `compare --json` writes, and what history's trends() returns, are what the report reads.
export function fromCompareJson(result: CompareResult): ComparisonDocument {
  return { schema: 'frozen-duckdb/comparison', version: 1, outcome: 'pass', summary: '', ...result };
}
export function fromHistory(series: HistorySeries[]): TrendSeries[] {
  return series;
}

describe('comparison documents', () => {
  it('accepts the fixture', () => {
    expect(comparisonProblems(JSON.parse(JSON.stringify(comparison())))).toEqual([]);
  });

  it.each([
    ['an array', [], 'not a JSON object'],
    ['no schema', { version: 1 }, 'has no "schema" field'],
    ['a baseline', { schema: 'frozen-duckdb/baseline', version: 1 }, 'its schema is "frozen-duckdb/baseline"'],
    ['a newer version', { schema: 'frozen-duckdb/comparison', version: 3 }, 'version 3 is not supported'],
  ])('refuses %s', (_, value, problem) => {
    expect(comparisonProblems(value).join('; ')).toContain(problem);
  });

  it('names broken benchmarks by index and id', () => {
    const doc = JSON.parse(JSON.stringify(comparison()));
    doc.benchmarks[0].blocks = [[{ base: 1 }]];
    doc.benchmarks[1].status = 'great';
    delete doc.candidateCommit;
    const problems = comparisonProblems(doc);
    expect(problems).toContain('candidateCommit is missing');
    expect(problems).toContain('benchmarks[0] (tpch/q01 sf=0.1) has blocks that are not lists of {base, candidate} rounds with positive times');
    expect(problems.some((p) => p.startsWith('benchmarks[1]') && p.includes('unknown status "great"'))).toBe(true);
  });

  // A reliability fuzz found a -1 round time drawing an infinite axis: the chart got a stack trace, not exit 2.
  it.each([0, -1, -1e308, 'text', null])('refuses a round time of %p', (time) => {
    const doc = JSON.parse(JSON.stringify(comparison()));
    doc.benchmarks[0].blocks[0][0].candidate = time;
    expect(comparisonProblems(doc)).toEqual(['benchmarks[0] (tpch/q01 sf=0.1) has blocks that are not lists of {base, candidate} rounds with positive times']);
  });

  it('refuses an instruction section that is not one', () => {
    const doc = JSON.parse(JSON.stringify(comparison()));
    expect(comparisonProblems({ ...doc, instructions: [] })).toEqual(['instructions is not {threshold, iterations, verdicts}']);
    const verdicts = [
      { id: 'a', decision: 'ok', base: 10, candidate: 10, ratio: 1, threshold: 0.02 },
      { id: 'b', decision: 'slower' },
      { id: 'c', decision: 'ok', base: -5 },
    ];
    expect(comparisonProblems({ ...doc, instructions: { threshold: 0.02, iterations: 2, verdicts } })).toEqual([
      "instructions.verdicts[1] is not a benchmark's instruction verdict (id, decision, counts)",
      "instructions.verdicts[2] is not a benchmark's instruction verdict (id, decision, counts)",
    ]);
  });

  it('reads a file without diagnoses (written before them), and refuses diagnoses that are not a list of them', () => {
    const doc = JSON.parse(JSON.stringify(comparison()));
    expect(doc.diagnoses).toBeUndefined();
    expect(comparisonProblems(doc)).toEqual([]);
    expect(comparisonProblems({ ...doc, diagnoses: [{ id: 'tpch/q01 sf=0.1', reason: 'regressed', error: 'no profile' }] })).toEqual([]);
    expect(comparisonProblems({ ...doc, diagnoses: 'slow' })).toEqual(['diagnoses is not a list of benchmark diagnoses']);
    expect(comparisonProblems({ ...doc, diagnoses: [{ reason: 'regressed' }] })).toEqual(['diagnoses is not a list of benchmark diagnoses']);
  });

  it("reads a version 1 file: each verdict sentence becomes the benchmark's message, and the threshold no longer comes from the words", () => {
    const v2 = comparison();
    const v1 = {
      ...v2,
      version: 1,
      benchmarks: v2.benchmarks.map(({ verdict: _v, message, ...b }) => ({ ...b, reason: message ?? `+1.0% [-1.0%, +3.0%]: within the 5% threshold` })),
      suite: { estimate: v2.suite!.estimate, verdict: { decision: 'ok', reason: '+1.0% [-1.0%, +3.0%]: within the 5% threshold' } },
    };
    expect(comparisonProblems(v1)).toEqual([]);
    const upgraded = upgradeComparison(v1 as unknown as ComparisonDocument);
    expect(upgraded.version).toBe(2);
    expect(upgraded.benchmarks[0]).toMatchObject({ message: '+1.0% [-1.0%, +3.0%]: within the 5% threshold', verdict: undefined });
    expect(upgraded.benchmarks[0]).not.toHaveProperty('reason');
    expect(suiteThreshold(upgraded)).toBe(0.1);
  });

  it('filters benchmarks, added and removed by id', () => {
    const doc = filterComparison(comparison(), /cosine|tpch/);
    expect(doc.benchmarks.map((b) => b.id)).toEqual(['tpch/q01 sf=0.1']);
    expect(doc.added.map((b) => b.id)).toEqual(['vector/cosine k=10']);
    expect(doc.removed).toEqual([]);
  });

  it("reads the suite's threshold from its verdict, else the most common one", () => {
    const doc = comparison();
    expect(suiteThreshold(doc)).toBe(0.1);
    const rewritten = { ...doc, suite: { ...doc.suite!, verdict: { ...doc.suite!.verdict, threshold: 0.05 } } };
    expect(suiteThreshold(rewritten)).toBe(0.05);
    const { suite: _, ...noSuite } = doc;
    expect(suiteThreshold({ ...noSuite, benchmarks: doc.benchmarks.map((b, i) => ({ ...b, threshold: i ? 0.2 : 0.1 })) })).toBe(0.2);
  });
});
