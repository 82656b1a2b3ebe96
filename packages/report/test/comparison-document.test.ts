import type { CompareResult } from '@frozen-duckdb/regress';
import type { TrendSeries as HistorySeries } from '@frozen-duckdb/history';
import { comparisonProblems, filterComparison, suiteThreshold, type ComparisonDocument } from '../src/comparison-document.js';
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
    ['a newer version', { schema: 'frozen-duckdb/comparison', version: 2 }, 'version 2 is not supported'],
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
    expect(problems).toContain('benchmarks[0] (tpch/q01 sf=0.1) has blocks that are not lists of {base, candidate} rounds');
    expect(problems.some((p) => p.startsWith('benchmarks[1]') && p.includes('unknown status "great"'))).toBe(true);
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
    const rewritten = { ...doc, suite: { ...doc.suite!, verdict: { decision: 'ok', reason: '+1.0% [-1.0%, +3.0%]: within the 5% threshold' } } };
    expect(suiteThreshold(rewritten)).toBe(0.05);
    const { suite: _, ...noSuite } = doc;
    expect(suiteThreshold({ ...noSuite, benchmarks: doc.benchmarks.map((b, i) => ({ ...b, threshold: i ? 0.2 : 0.1 })) })).toBe(0.2);
  });
});
