import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const workspace = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bin = join(workspace, 'packages', 'cli', 'bin', 'frozen-duckdb.js');
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

/** Processes (Linux) whose environment carries `mark`: the CLI's workers inherit it. */
function processesMarked(mark: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').includes(mark)) pids.push(Number(entry));
    } catch {
      // gone already, or not ours to read
    }
  }
  return pids;
}

function makeRepo(buildScript?: string): string {
  const repo = mkdtempSync(join(tmpdir(), 'cli-compare-faults-'));
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.email', 'test@example.com');
  git(repo, 'config', 'user.name', 'test');
  const scripts = buildScript ? { build: buildScript } : {};
  writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: 'demo', private: true, type: 'module', scripts }));
  writeFileSync(join(repo, 'package-lock.json'), JSON.stringify({ name: 'demo', lockfileVersion: 3, packages: {} }));
  writeFileSync(join(repo, '.gitignore'), 'node_modules/\n');
  mkdirSync(join(repo, 'node_modules', '@frozen-duckdb'), { recursive: true });
  for (const pkg of ['bench', 'core']) symlinkSync(join(workspace, 'packages', pkg), join(repo, 'node_modules', '@frozen-duckdb', pkg));
  mkdirSync(join(repo, 'bench'));
  writeFileSync(
    join(repo, 'bench', 'demo.bench.ts'),
    "const spin = (ms: number) => { const end = performance.now() + ms; while (performance.now() < end); };\n" +
      "export default { name: 'demo', benchmarks: { a: () => spin(5), b: () => spin(5) } };\n",
  );
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'base');
  return repo;
}

describe('compare under faults', () => {
  it('a base commit whose build fails: exit 2, says so, leaves no worktree', async () => {
    const repo = makeRepo('echo the base does not compile >&2; exit 3');
    try {
      const run = await new Promise<{ code: number | null; stderr: string }>((done) => {
        const child = spawn(process.execPath, [bin, 'compare', '--base', 'main', '--exact', 'bench'], { cwd: repo, env: { ...process.env, FORCE_COLOR: '0' } });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (code) => done({ code, stderr }));
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/base commit [0-9a-f]{12} failed to build \(npm run build\)/);
      expect(run.stderr).toContain('the base does not compile');
      expect(git(repo, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('killed mid-comparison: exit 143, no worktree and no worker process left', async () => {
    const repo = makeRepo();
    const mark = `FROZEN_DUCKDB_TEST_MARK=${process.pid}-${Date.now()}`;
    const [key, value] = mark.split('=') as [string, string];
    try {
      const child = spawn(process.execPath, [bin, 'compare', '--base', 'main', '--exact', 'bench', '--budget', '600'], {
        cwd: repo,
        env: { ...process.env, FORCE_COLOR: '0', [key]: value },
      });
      let stderr = '';
      const started = new Promise<void>((done) =>
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          if (stderr.includes('comparing 2 benchmarks')) done();
        }),
      );
      const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
      await started;
      // Let the first block start its workers.
      await new Promise((r) => setTimeout(r, 1500));
      expect(processesMarked(mark).length).toBeGreaterThan(1);
      child.kill('SIGTERM');
      expect(await exited).toBe(143);
      await new Promise((r) => setTimeout(r, 500));
      expect(processesMarked(mark)).toEqual([]);
      expect(git(repo, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('stopped while the base builds: exit 143 at once, the build and its children gone, no worktree', async () => {
    // A build that would take a minute: before, SIGTERM waited for it (a blocking spawnSync).
    const repo = makeRepo('node -e "setTimeout(() => {}, 60000)"');
    const mark = `FROZEN_DUCKDB_TEST_MARK=${process.pid}-${Date.now()}`;
    const [key, value] = mark.split('=') as [string, string];
    try {
      const child = spawn(process.execPath, [bin, 'compare', '--base', 'main', '--exact', 'bench'], { cwd: repo, env: { ...process.env, FORCE_COLOR: '0', [key]: value } });
      const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
      // Wait until the build runs: npm and the node it starts carry the mark besides the CLI itself.
      while (processesMarked(mark).length < 3) await new Promise((r) => setTimeout(r, 100));
      child.kill('SIGTERM');
      expect(await exited).toBe(143);
      await new Promise((r) => setTimeout(r, 500));
      expect(processesMarked(mark)).toEqual([]);
      expect(git(repo, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  }, 30_000);
});
