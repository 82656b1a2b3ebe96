import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../tools/testing/run-cli.js';
import { commitAll, git, scratchProject } from '../../../tools/testing/scratch-project.js';

const cli = (cwd: string, ...args: string[]) => runCli(args, { cwd, env: { GITHUB_STEP_SUMMARY: '' } });

// A shop's suite: a query, and a benchmark that is all JavaScript. The candidate joins a second table
// in the query and adds a checksum loop to the rendering.
const suite = (candidate: boolean) => `import { defineSuite } from '@frozen-duckdb/bench';

function renderRows(rows: number): number {
  let length = 0;
  for (let i = 0; i < rows; i++) length += \`\${i};\${(i * 7) % 13};\${i % 97}\`.length;
  return length;
}

function checksumRows(rows: number): number {
  let sum = 0;
  for (let i = 0; i < rows; i++) sum = (sum * 31 + Math.sqrt(i + sum)) % 1_000_003;
  return sum;
}

export default defineSuite({
  name: 'shop',
  async setup(ctx) {
    await ctx.connection.run(\`CREATE TABLE orders AS SELECT range AS id, range % 97 AS customer, (range * 7919) % 10007 AS amount FROM range(60000);
      CREATE TABLE customers AS SELECT range AS id, 'customer ' || range AS name FROM range(97)\`);
  },
  benchmarks: {
    totals: (ctx) => ctx.connection.query(${
      candidate
        ? "'SELECT c.name, sum(o.amount) AS total FROM orders o JOIN customers c ON o.customer = c.id GROUP BY c.name'"
        : "'SELECT customer, sum(amount) AS total FROM orders GROUP BY customer'"
    }),
    render: () => renderRows(3000)${candidate ? ' + checksumRows(60000)' : ''},
  },
});
`;

let repo: string;
beforeAll(() => {
  repo = scratchProject('cli-diagnose-', { files: { 'bench/shop.bench.ts': suite(false) } });
  commitAll(repo, 'base');
  git(repo, 'checkout', '-q', '-b', 'feature');
  writeFileSync(join(repo, 'bench', 'shop.bench.ts'), suite(true));
  commitAll(repo, 'candidate: names in the totals, a checksum in the rendering');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('compare --diagnose', () => {
  it('names the operators the candidate added to a query and the function a JavaScript benchmark spends the extra time in', async () => {
    // One short block: the verdict may stay undecided; --diagnose all profiles both benchmarks whatever it says.
    const run = await cli(
      repo,
      'compare',
      'bench',
      '--base',
      'main',
      '--rounds',
      '3',
      '--max-blocks',
      '1',
      '--diagnose',
      'all',
      '--json',
      'out.json',
      '--markdown',
      'out.md',
    );
    expect(run.stderr).toContain('diagnosing shop/totals, shop/render: profiling each side once more');
    expect([0, 1, 3]).toContain(run.code);
    const out = run.stdout;
    // The query: the statement changed, the join and the scan of the joined table are new operators.
    expect(out).toContain('why shop/totals differs (each side profiled once more):');
    expect(out).toContain('statement changed: SELECT customer, sum(amount) AS total FROM orders GROUP BY customer -> SELECT c.name');
    expect(out).toMatch(/HASH_JOIN INNER customer = id {2}\S+ \S+ {2}[\d,]+ rows {2}\[added\]/);
    expect(out).toMatch(/SEQ_SCAN customers {2}\S+ \S+ {2}97 rows {2}\[added\]/);
    expect(out).toMatch(/SEQ_SCAN orders {2}\S+ \S+ -> \S+ \S+ {2}60,000 rows\n/);
    // The JavaScript benchmark: no statements, and the new function leads the CPU profile's diff.
    expect(out).toContain('why shop/render differs (each side profiled once more):');
    expect(out).toMatch(/DuckDB 0\.00 ms in 0 statements of a \S+ \S+ call -> 0\.00 ms in 0 statements/);
    expect(out).toMatch(/js 1\. checksumRows \S+ \S+ -> \S+ \S+ per call \(shop\.bench\.ts:\d+\)/);

    const json = JSON.parse(readFileSync(join(repo, 'out.json'), 'utf8'));
    const totals = json.diagnoses.find((d: { id: string }) => d.id === 'shop/totals');
    expect(totals.reason).toBe(json.benchmarks.find((b: { id: string }) => b.id === 'shop/totals').status === 'regressed' ? 'regressed' : 'requested');
    expect(totals.plan.queries).toHaveLength(1);
    expect(totals.plan.queries[0].change).toBe('changed');
    expect(totals.plan.top.length).toBeGreaterThan(0);
    const render = json.diagnoses.find((d: { id: string }) => d.id === 'shop/render');
    expect(render.javascript).toBe(true);
    expect(render.cpu.slower[0]).toMatchObject({ name: 'checksumRows', file: 'shop.bench.ts', baseMs: 0 });

    const markdown = readFileSync(join(repo, 'out.md'), 'utf8');
    expect(markdown).toContain('<details>\n<summary>Why shop/totals differs</summary>');
    expect(markdown).toMatch(/```\n(.*\n)*.*HASH_JOIN INNER customer = id .*\[added\]\n(.*\n)*```/);
    expect(markdown).toContain('`checksumRows ');

    // The HTML report: both trees of the statement side by side, the new operators marked in the candidate's.
    const report = await cli(repo, 'report', '--html', 'out.html', '--comparison', 'out.json');
    expect(report.code).toBe(0);
    const page = readFileSync(join(repo, 'out.html'), 'utf8');
    const plans = /<div class="plans">\n<div class="plan plan-base">([\s\S]*?)<\/div>\n<div class="plan plan-candidate">([\s\S]*?)<\/div>\n<\/div>/.exec(page);
    expect(plans).not.toBeNull();
    const [, basePlan, candidatePlan] = plans as RegExpExecArray;
    expect(basePlan).toContain('<code>SEQ_SCAN orders</code>');
    expect(basePlan).not.toContain('HASH_JOIN');
    // Slower is marked in the candidate's tree only (in the base's the same test would mark what got faster).
    expect(basePlan).not.toContain('op-slower');
    expect(candidatePlan).toMatch(/<span class="op op-added"><code>HASH_JOIN INNER customer = id<\/code>.*<em class="op-mark">added<\/em>/);
    expect(candidatePlan).toMatch(/<span class="op op-added"><code>SEQ_SCAN customers<\/code>/);
    expect(page).toMatch(/<li><code>checksumRows \S+ \S+ -&gt; \S+ \S+ per call \(shop\.bench\.ts:\d+\)<\/code><\/li>/);
  }, 60_000);

  it('refuses none with anything else, and an empty id, before measuring: exit 2', async () => {
    const both = await cli(repo, 'compare', 'bench', '--base', 'main', '--diagnose', 'none,shop/render');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--diagnose none cannot be combined');
    const empty = await cli(repo, 'compare', 'bench', '--base', 'main', '--diagnose', 'shop/render,');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--diagnose takes benchmark ids separated by commas');
  });
});
