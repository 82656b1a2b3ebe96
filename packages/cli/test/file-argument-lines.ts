// A valid command line around each file argument, shared by this package's file-argument test and the
// reliability campaign (tools/reliability), which runs the same lines with every kind of place.
// `@name` is a fixture each of them makes: @project (a git repository with a suite), @history (a
// history database), @comparison (a compare --json file), @tpch (a TPC-H folder), @world/x (a path in
// the test's folder).

/** The rest of the command line, by command, or by command and flag where that flag needs its own. */
export const FILE_ARGUMENT_LINES: Record<string, string[]> = {
  env: ['--shell', 'bash'],
  doctor: ['--offline'],
  'link-check': [],
  'link-check --manifest': ['--update'],
  bench: ['@project', '--no-baseline', '--no-history', '--filter', 'demo/a'],
  'baseline record': ['@project', '--no-history', '--allow-dirty'],
  'baseline show': ['@project'],
  init: [],
  compare: ['--base', 'HEAD', '--exact', '@project', '--no-history', '--max-blocks', '2', '--rounds', '2', '--budget', '10'],
  'merge-shards': ['@comparison', '--no-history'],
  'calibrate --changes': ['--trials', '1', '--truth-processes', '1', '--truth-seconds', '0.1', '--max-blocks', '1', '--rounds', '2', '--budget', '10'],
  calibrate: ['@project', '--trials', '1', '--levels', '10', '--max-blocks', '2', '--rounds', '2', '--budget', '10', '--filter', 'demo/a'],
  history: ['--history', '@history'],
  'history import': ['@comparison', '--history', '@world/imported.duckdb'],
  'history export': ['--parquet', '@world/exported', '--history', '@history'],
  'history prune': ['--keep-runs', '5', '--history', '@history'],
  report: ['--html', '@world/r.html', '--comparison', '@comparison'],
  download: ['--dataset', 'chinook', '--format', 'csv', '--output-dir', '@world/chinook'],
  convert: ['--input', '@world/input.csv', '--output', '@world/out.json'],
  'tpch answers': ['--data', '@tpch', '--out', '@world/answers', '--queries', '6'],
  'tpch answers --check': ['--data', '@tpch', '--queries', '6'],
  'tpch run': ['--data', '@tpch', '--queries', '6'],
  'llm embed': ['--text', 'a', '--url', 'http://127.0.0.1:9'],
  explain: ['SELECT 42'],
};

/** The commands that measure: slow, so only the outputs they must refuse before measuring run everywhere. */
export const MEASURING = new Set(['bench', 'compare', 'calibrate', 'baseline record']);

/**
 * The command line with `argument` set to `value` (`fixture` turns `@name` into a path): a flag replaced
 * or added, a positional in place of the line's first fixture (the project, the comparison) or first.
 */
export function fileArgumentLine(path: string[], argument: string, value: string, fixture: (name: string) => string): string[] {
  const key = path.join(' ');
  const raw = FILE_ARGUMENT_LINES[`${key} ${argument}`] ?? FILE_ARGUMENT_LINES[key] ?? [];
  const base = raw.map((a) => (a.startsWith('@') ? fixture(a.slice(1)) : a));
  if (argument.startsWith('--')) {
    const at = base.indexOf(argument);
    if (at >= 0) base.splice(at, 2, argument, value);
    else base.push(argument, value);
    let line = base;
    // --history names a database to use: the --no-history that kept the base line quiet goes.
    if (argument === '--history') line = line.filter((a) => a !== '--no-history');
    // history import takes FILE... or --parquet DIR, not both.
    if (key === 'history import' && argument === '--parquet') line = line.filter((a) => a !== fixture('comparison'));
    return [...path, ...line];
  }
  const first = raw.findIndex((a) => a === '@project' || a === '@comparison');
  if (first >= 0) base.splice(first, 1, value);
  else base.unshift(value);
  return [...path, ...base];
}

/** A one-benchmark `compare --json` file (version 1, as older runs wrote it): the @comparison fixture. */
export const SMALL_COMPARISON = JSON.stringify({
  schema: 'frozen-duckdb/comparison',
  version: 1,
  outcome: 'pass',
  summary: 'no regression',
  blocks: 1,
  elapsedMs: 10,
  budgetMs: 100,
  exhausted: false,
  baseCommit: 'b'.repeat(40),
  candidateCommit: 'c'.repeat(40),
  candidateDirty: false,
  added: [],
  removed: [],
  benchmarks: [
    {
      id: 'demo/a',
      suite: 'demo',
      name: 'a',
      status: 'ok',
      threshold: 0.1,
      reason: 'within',
      baseMs: 1,
      candidateMs: 1,
      iterationsPerBatch: 1,
      blocks: [[{ base: 1, candidate: 1 }]],
    },
  ],
});
