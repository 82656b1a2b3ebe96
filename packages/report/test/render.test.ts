import { renderReport } from '../src/page.js';
import { roundsChart } from '../src/rounds-chart.js';
import { comparisonProblems } from '../src/comparison-document.js';
import { chartsIn, countTags } from './dom.js';
import { instructionVerdict } from '@frozen-duckdb/regress';
import { comparison, HOSTILE, rounds, series, trendSet } from './fixtures.js';

const full = () =>
  renderReport({
    generatedAt: '2025-02-01T10:00:00Z',
    comparison: { source: 'compare.json', document: comparison() },
    trends: { source: 'history.duckdb', series: trendSet() },
  });

describe('renderReport', () => {
  // Past the ~130,000 values that Math.max(...values) took before overflowing the stack (the case);
  // the trend chart took the same fix (extent), and a source guard keeps the spread out of every package.
  it('draws a comparison of 2,000 blocks of 50 rounds', () => {
    const big = { ...comparison().benchmarks[0]!, blocks: rounds(2000, 50, 1.5, 1.02) };
    expect(/data-points="(\d+)"/.exec(String(roundsChart(big, 'big')))?.[1]).toBe('200000');
  });

  it('is one self-contained document: no script, no external URL, a policy that forbids fetching', () => {
    const page = full();
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(countTags(page, 'script')).toBe(0);
    expect(countTags(page, 'link')).toBe(0);
    expect(page).not.toMatch(/\b(src|href)="(?!#)/);
    expect(page).not.toMatch(/url\(|@import|https?:\/\//);
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('draws one marker per run and two per paired round, and says so on each chart', () => {
    const charts = chartsIn(full());
    const trends = charts.filter((c) => c.kind === 'trend-chart');
    const rounds = charts.filter((c) => c.kind === 'rounds-chart');
    expect(trends.map((c) => c.points).sort((a, b) => a - b)).toEqual([1, 3, 24]);
    expect(rounds.map((c) => c.points)).toEqual([48, 32, 6]);
    for (const c of charts) expect(c.points).toBe(c.declared);
  });

  it('marks the change point with its factor and commit, and the row where the level shifts', () => {
    const s = series('tpch/q06', 20, 4, { stepAt: 12, factor: 1.5 });
    const page = renderReport({ generatedAt: '2025-02-01T10:00:00Z', trends: { source: 'h.duckdb', series: [s] } });
    const cp = s.changePoints[0] as { commit: string };
    expect(page).toContain(`×1.50 at ${cp.commit.slice(0, 7)}`);
    expect(page.match(/class="level"/g)).toHaveLength(2);
    expect(page.match(/class="shift-row"/g)).toHaveLength(1);
    expect(page).toContain('level shift: ×1.50');
  });

  it('gives every chart a title, a description and a data table', () => {
    const page = full();
    const svgs = page.match(/<svg class="chart [^"]+"[^>]*>/g) ?? [];
    expect(svgs.length).toBe(6);
    for (const svg of svgs) expect(svg).toMatch(/role="img" aria-labelledby="[^"]+-title [^"]+-desc"/);
    expect(page.match(/<details class="data">/g)).toHaveLength(6);
  });

  it('never lets a benchmark name become markup', () => {
    const page = full();
    expect(countTags(page, 'img')).toBe(0);
    expect(countTags(page, 'b')).toBe(0);
    expect(page).toContain('&lt;/script&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &quot;quotes&quot; &#39;single&#39; &amp;amp;');
    expect(page).not.toContain(HOSTILE);
  });

  it('shows the outcome, every verdict, the open interval, and what was not compared', () => {
    const page = full();
    expect(page).toContain('<strong>Fail</strong>: regression confirmed: tpch/q01 sf=0.1.');
    for (const v of ['regressed', 'ok', 'inconclusive', 'error']) expect(page).toContain(`<span class="verdict verdict-${v}">${v}</span>`);
    expect(page).toContain('-100% to unbounded');
    expect(page).toContain('class="interval-arrow"');
    expect(page).toContain('<code>vector/cosine k=10</code>');
    expect(page).toContain('with uncommitted changes');
    expect(page).toContain('No rounds were measured.');
  });

  it('with a filter shows only the matching benchmarks and says the outcome covers all', () => {
    const page = renderReport({ generatedAt: '2025-02-01T10:00:00Z', comparison: { source: 'c.json', document: comparison(), filter: /tpch/i } });
    expect(chartsIn(page)).toHaveLength(1);
    expect(page).toContain('This page shows 1 of the 4 compared benchmarks');
    expect(page).toContain('geometric mean of all 4');
  });

  it('shows instruction counts as their own verdict per benchmark, with what they cannot see', () => {
    const counted = (n: number) => ({ perIteration: n, iterations: 2, calls: [n, n] });
    const doc = comparison();
    doc.instructions = {
      threshold: 0.02,
      iterations: 2,
      verdicts: [
        instructionVerdict('tpch/q01 sf=0.1', counted(1_000_000), counted(1_050_000), 0.02),
        instructionVerdict('vector/cosine k=10', counted(2_000_000), counted(2_000_200), 0.02),
        instructionVerdict('rows/objects', { uncounted: 'converts rows in JavaScript' }, { uncounted: 'converts rows in JavaScript' }, 0.02),
      ],
    };
    expect(comparisonProblems(JSON.parse(JSON.stringify(doc)))).toEqual([]);
    const page = renderReport({ generatedAt: '2025-02-01T10:00:00Z', comparison: { source: 'c.json', document: doc } });
    expect(page).toMatch(
      /<th scope="row">tpch\/q01 sf=0.1<\/th><td class="num">1,000,000<\/td><td class="num">1,050,000<\/td><td class="num">\+5.00%<\/td><td class="num">2%<\/td><td><span class="verdict verdict-regressed">regressed<\/span>/,
    );
    expect(page).toContain('+0.01%');
    expect(page).toContain('<span class="verdict verdict-uncounted">uncounted</span> <span class="reason">converts rows in JavaScript</span>');
    expect(page).toContain('never instead of it');
    const filtered = renderReport({ generatedAt: '2025-02-01T10:00:00Z', comparison: { source: 'c.json', document: doc, filter: /tpch/ } });
    expect(filtered).toContain('1,050,000');
    expect(filtered).not.toContain('2,000,200');
    expect(renderReport({ generatedAt: '2025-02-01T10:00:00Z', comparison: { source: 'c.json', document: comparison() } })).not.toContain(
      'class="instructions"',
    );
  });

  it('says so when there is nothing to draw', () => {
    expect(renderReport({ generatedAt: '2025-02-01T10:00:00Z' })).toContain('Nothing to report.');
    const empty = renderReport({ generatedAt: '2025-02-01T10:00:00Z', trends: { source: 'h.duckdb', series: [] } });
    expect(empty).toContain('The history database holds no runs yet');
    expect(chartsIn(empty)).toHaveLength(0);
  });
});

describe('renderReport edge cases', () => {
  it('draws a series without finite medians as a sentence, not a broken chart', () => {
    const s = series('odd/nan', 2, 1);
    s.points.forEach((p) => (p.medianMs = NaN));
    const page = renderReport({ generatedAt: '2025-02-01T10:00:00Z', trends: { source: 'h.duckdb', series: [s] } });
    expect(page).toContain('No run of odd/nan has a finite median to draw.');
    expect(chartsIn(page)).toHaveLength(0);
  });

  it('reads and draws a benchmark whose suite skipped itself (no server), with its reason', () => {
    const reason = 'the base skipped src/llm.bench.ts: no Ollama server at http://127.0.0.1:11434';
    const skipped = { id: 'llm/completion', threshold: 0.1, status: 'skipped' as const, message: reason, blocks: [] };
    const doc = { ...comparison(), benchmarks: [...comparison().benchmarks, skipped] };
    expect(comparisonProblems(JSON.parse(JSON.stringify(doc)))).toEqual([]);
    const page = renderReport({ generatedAt: '2025-02-01T10:00:00Z', comparison: { source: 'c.json', document: doc } });
    expect(page).toContain('<span class="verdict verdict-skipped">skipped</span>');
    expect(page).toContain('no Ollama server at http://127.0.0.1:11434');
  });

  it('draws a comparison in which nothing was compared', () => {
    const doc = { ...comparison(), benchmarks: [], suite: undefined, outcome: 'pass' as const, summary: 'no regression: 0 benchmark(s)' };
    const page = renderReport({ generatedAt: '2025-02-01T10:00:00Z', comparison: { source: 'c.json', document: doc } });
    expect(page).toContain('<strong>Pass</strong>');
    expect(chartsIn(page)).toHaveLength(0);
  });
});
