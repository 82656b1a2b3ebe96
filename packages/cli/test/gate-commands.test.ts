import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliSync } from '../../../tools/testing/run-cli.js';

const cli = (cwd: string, ...args: string[]) => runCliSync(args, { cwd });
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

let repo: string;
beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'cli-gate-'));
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.email', 'test@example.com');
  git(repo, 'config', 'user.name', 'test');
  writeFileSync(join(repo, 'nx.json'), '{}');
  mkdirSync(join(repo, 'bench'));
  writeFileSync(join(repo, 'bench', 'demo.bench.ts'), "export default { name: 'demo', benchmarks: { noop: () => {} } };\n");
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'first');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('compare', () => {
  it('requires --base', () => {
    const { code, stderr } = cli(repo, 'compare', 'bench');
    expect(code).toBe(2);
    expect(stderr).toContain('--base is required');
  });

  it('names a base ref that does not exist and how to fetch it', () => {
    const { code, stderr } = cli(repo, 'compare', '--base', 'origin/feature', 'bench');
    expect(code).toBe(2);
    expect(stderr).toContain("git ref 'origin/feature' does not exist");
    expect(stderr).toContain('git fetch origin feature');
  });

  it.each([
    ['--threshold', '0'],
    ['--threshold', 'ten'],
    ['--budget', '-5'],
    ['--rounds', '2.5'],
    ['--profile', 'huge'],
    ['--filter', '('],
  ])('refuses %s %s with exit 2', (flag, value) => {
    const { code, stderr } = cli(repo, 'compare', '--base', 'main', 'bench', flag, value);
    expect(code).toBe(2);
    expect(stderr).toContain(flag);
  });

  it('outside a git repository says so', () => {
    const plain = mkdtempSync(join(tmpdir(), 'cli-plain-'));
    try {
      const { code, stderr } = cli(plain, 'compare', '--base', 'main');
      expect(code).toBe(2);
      expect(stderr).toContain('not inside a git repository');
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});

describe('baseline', () => {
  it('record refuses a dirty tree unless --allow-dirty, and writes nothing', () => {
    writeFileSync(join(repo, 'bench', 'demo.bench.ts'), "export default { name: 'demo', benchmarks: { other: () => {} } };\n");
    try {
      const { code, stderr } = cli(repo, 'baseline', 'record', 'bench');
      expect(code).toBe(2);
      expect(stderr).toContain('uncommitted changes');
      expect(stderr).toContain('--allow-dirty');
      expect(() => readFileSync(join(repo, '.performance_baseline'))).toThrow();
    } finally {
      git(repo, 'checkout', '--', 'bench/demo.bench.ts');
    }
  });

  it('show explains a damaged file and leaves it byte for byte', () => {
    const path = join(repo, '.performance_baseline');
    writeFileSync(path, '{"schema": "frozen-duckdb/baseline", "version": 1, "comm');
    try {
      const { code, stderr } = cli(repo, 'baseline', 'show', 'bench');
      expect(code).toBe(2);
      expect(stderr).toContain('.performance_baseline');
      expect(stderr).toContain('not valid JSON');
      expect(readFileSync(path, 'utf8')).toBe('{"schema": "frozen-duckdb/baseline", "version": 1, "comm');
    } finally {
      rmSync(path);
    }
  });

  it("a second project records its own baseline instead of replacing the first project's", () => {
    const root = join(repo, '.performance_baseline');
    mkdirSync(join(repo, 'other'));
    writeFileSync(join(repo, 'other', 'o.bench.ts'), "export default { name: 'other', benchmarks: { noop: () => {} } };\n");
    try {
      expect(cli(repo, 'baseline', 'record', 'bench', '--allow-dirty', '--no-history').code).toBe(0);
      const first = readFileSync(root, 'utf8');
      expect(Object.keys(JSON.parse(first).benchmarks)).toEqual(['demo/noop']);
      const second = cli(repo, 'baseline', 'record', 'other', '--allow-dirty', '--no-history');
      expect(second.code).toBe(0);
      expect(second.stderr).toContain("holds another project's benchmarks");
      expect(readFileSync(root, 'utf8')).toBe(first);
      const own = JSON.parse(readFileSync(join(repo, 'other', '.performance_baseline'), 'utf8'));
      expect(Object.keys(own.benchmarks)).toEqual(['other/noop']);
      // Recording the first project again still updates the file at the root.
      expect(cli(repo, 'baseline', 'record', 'bench', '--allow-dirty', '--no-history').code).toBe(0);
      expect(readFileSync(join(repo, 'other', '.performance_baseline'), 'utf8')).toBe(JSON.stringify(own, null, 2) + '\n');
    } finally {
      rmSync(join(repo, 'other'), { recursive: true, force: true });
      rmSync(root, { force: true });
    }
  }, 60_000);

  it('an unknown subcommand exits 2', () => {
    const { code, stderr } = cli(repo, 'baseline', 'erase');
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'baseline erase'");
  });
});

describe('calibrate', () => {
  it('refuses malformed levels', () => {
    const { code, stderr } = cli(repo, 'calibrate', 'bench', '--levels', '5,x');
    expect(code).toBe(2);
    expect(stderr).toContain('--levels');
  });
});
