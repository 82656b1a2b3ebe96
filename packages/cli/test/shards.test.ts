import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCliSync } from '../../../tools/testing/run-cli.js';
import { commitAll, scratchProject } from '../../../tools/testing/scratch-project.js';

const cli = (cwd: string, ...args: string[]) => runCliSync(args, { cwd });
const spinSuite = (name: string, keys: string[]) =>
  `const spin = (ms: number) => { const end = performance.now() + ms; while (performance.now() < end); };\n` +
  `export default { name: '${name}', benchmarks: { ${keys.map((k) => `'${k}': () => spin(1)`).join(', ')} } };\n`;

let repo: string;
let shardFiles: string[];
beforeAll(() => {
  repo = scratchProject('cli-shards-', {
    ignore: ['*.json.out'],
    files: { 'bench/big.bench.ts': spinSuite('big', ['one', 'two']), 'bench/small.bench.ts': spinSuite('small', ['three']) },
  });
  commitAll(repo, 'base');
  const quick = ['--budget', '40', '--max-blocks', '3', '--rounds', '3', '--no-history'];
  shardFiles = ['1/2', '2/2'].map((shard, i) => {
    const file = join(repo, `shard-${i + 1}.json.out`);
    const run = cli(repo, 'compare', 'bench', '--base', 'main', '--exact', '--shard', shard, '--json', file, ...quick);
    if (![0, 3].includes(run.code ?? -1)) throw new Error(`compare --shard ${shard} exited ${run.code}: ${run.stderr}`);
    return file;
  });
}, 240_000);
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe('a comparison in shards', () => {
  it('gives each shard whole suites, every suite to exactly one shard', () => {
    const [first, second] = shardFiles.map(read);
    expect(first.shard).toEqual({ index: 1, count: 2 });
    expect(first.benchmarks.map((b: { id: string }) => b.id)).toEqual(['big/one', 'big/two']);
    expect(second.benchmarks.map((b: { id: string }) => b.id)).toEqual(['small/three']);
  });

  it('merges the shards into one verdict with the geometric mean over all of them', () => {
    const out = join(repo, 'merged.json.out');
    const run = cli(repo, 'merge-shards', ...shardFiles, '--json', out, '--no-history');
    expect([0, 3]).toContain(run.code);
    expect(run.stdout).toContain('geometric mean');
    const merged = read(out);
    expect(merged.shard).toBeNull();
    expect(merged.benchmarks.map((b: { id: string }) => b.id).sort()).toEqual(['big/one', 'big/two', 'small/three']);
    expect(merged.suite.estimate.blocks).toBeGreaterThan(0);
  });

  it.each([
    ['a shard is missing', () => [shardFiles[0] as string], /shard 2\/2 missing/],
    ['a shard is given twice', () => [shardFiles[0] as string, shardFiles[0] as string, shardFiles[1] as string], /shard 1\/2 appears twice/],
    [
      'shards of different comparisons',
      () => {
        const other = join(repo, 'other.json.out');
        writeFileSync(other, JSON.stringify({ ...read(shardFiles[1] as string), baseCommit: 'f'.repeat(40) }));
        return [shardFiles[0] as string, other];
      },
      /are not shards of one comparison: their base commit differ/,
    ],
    [
      'a file written without --shard',
      () => {
        const whole = join(repo, 'whole.json.out');
        writeFileSync(whole, JSON.stringify({ ...read(shardFiles[1] as string), shard: null }));
        return [shardFiles[0] as string, whole];
      },
      /is not a shard: it was written without --shard/,
    ],
  ])('refuses to merge when %s: exit 2, naming the files', (_, files, message) => {
    const run = cli(repo, 'merge-shards', ...files(), '--no-history');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
