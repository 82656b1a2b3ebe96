// The page in a real headless Chromium: it parses into the charts we drew, with every data point,
// no markup smuggled in through a benchmark name, and it paints (a screenshot with the chart colours).
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderReport } from '../src/page.js';
import { chromiumPath, dumpDom, screenshot } from './chromium.js';
import { chartsIn, countTags } from './dom.js';
import { comparison, HOSTILE, trendSet } from './fixtures.js';
import { countColours, readPng } from './png.js';

let dir: string;
let page: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'report-browser-'));
  page = join(dir, 'report.html');
  writeFileSync(
    page,
    renderReport({
      generatedAt: '2025-02-01T10:00:00Z',
      comparison: { source: 'compare.json', document: comparison() },
      trends: { source: 'history.duckdb', series: trendSet() },
    }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the report in headless Chromium', () => {
  it('finds Chromium (install: apt-get install -y chromium, or set $FROZEN_DUCKDB_CHROMIUM)', () => {
    expect(statSync(chromiumPath()).isFile()).toBe(true);
  });

  it('builds a DOM with every chart and every data point of the input', () => {
    const dom = dumpDom(page);
    const charts = chartsIn(dom);
    const doc = comparison();
    const trends = [...trendSet()].sort((a, b) => a.benchmarkId.localeCompare(b.benchmarkId));
    const expectedRounds = doc.benchmarks.filter((b) => b.blocks.flat().length).map((b) => b.blocks.flat().length * 2);
    expect(charts.filter((c) => c.kind === 'rounds-chart').map((c) => c.points)).toEqual(expectedRounds);
    expect(charts.filter((c) => c.kind === 'trend-chart').map((c) => c.points)).toEqual(trends.map((s) => s.points.length));
    for (const chart of charts) expect(chart.points).toBe(chart.declared);
    // The hostile name arrives as text (a heading, a chart title), never as elements.
    expect(countTags(dom, 'img')).toBe(0);
    expect(countTags(dom, 'script')).toBe(0);
    expect(countTags(dom, 'b')).toBe(0);
    const escaped = HOSTILE.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    expect(dom).toContain(`<h3 id="trends-1-heading">${escaped}</h3>`);
    expect(charts.map((c) => c.title)).toContain(`Trend of ${escaped}`);
    // One change point drawn where the fixture steps.
    expect((dom.match(/class="change-point"/g) ?? []).length).toBe(1);
  });

  it('paints the charts: a screenshot with the base and candidate colours in it', () => {
    const png = join(dir, 'report.png');
    screenshot(page, png, 1200, 1600);
    expect(statSync(png).size).toBeGreaterThan(30_000);
    const image = readPng(png);
    expect([image.width, image.height]).toEqual([1200, 1600]);
    // #1f6fb2 fills the base dots; #d9730d rings the candidate's.
    const [base, candidate] = countColours(image, ['#1f6fb2', '#d9730d']);
    expect(base).toBeGreaterThan(500);
    expect(candidate).toBeGreaterThan(500);
  });
});
