import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../tools/testing/run-cli.js';
import { commitAll, git, scratchProject } from '../../../tools/testing/scratch-project.js';

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

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** A comparison stopped by SIGTERM: exit 143, and no process, worktree or temporary file of it left. */
async function expectStoppedClean(exited: Promise<number | null>, mark: string, repo: string, tmp: string): Promise<void> {
  expect(await exited).toBe(143);
  await new Promise((r) => setTimeout(r, 500));
  expect(processesMarked(mark)).toEqual([]);
  expect(git(repo, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
  expect(readdirSync(tmp)).toEqual([]);
}

function makeRepo(buildScript?: string, extra: Record<string, string> = {}): string {
  const repo = scratchProject('cli-compare-faults-', {
    ...(buildScript ? { scripts: { build: buildScript } } : {}),
    files: {
      ...extra,
      'bench/demo.bench.ts':
        'const spin = (ms: number) => { const end = performance.now() + ms; while (performance.now() < end); };\n' +
        "export default { name: 'demo', benchmarks: { a: () => spin(5), b: () => spin(5) } };\n",
    },
  });
  commitAll(repo, 'base');
  return repo;
}

describe('compare under faults', () => {
  it('a base commit whose build fails: exit 2, says so, leaves no worktree', async () => {
    const repo = makeRepo('echo the base does not compile >&2; exit 3');
    try {
      const run = await runCli(['compare', '--base', 'main', '--exact', 'bench'], { cwd: repo });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/base commit [0-9a-f]{12} failed to build \(npm run build\)/);
      expect(run.stderr).toContain('the base does not compile');
      expect(git(repo, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('killed mid-comparison: exit 143, no worktree, no worker process and no temporary folder (shared setups, spill files) left', async () => {
    const repo = makeRepo();
    // A temp folder of its own: whatever the comparison leaves in it is visible.
    const tmp = mkdtempSync(join(tmpdir(), 'cli-compare-faults-tmp-'));
    const mark = `FROZEN_DUCKDB_TEST_MARK=${process.pid}-${Date.now()}`;
    const [key, value] = mark.split('=') as [string, string];
    try {
      let child: ChildProcess | undefined;
      let comparing = (): void => undefined;
      const started = new Promise<void>((done) => (comparing = done));
      const exited = runCli(['compare', '--base', 'main', '--exact', 'bench', '--budget', '600'], {
        cwd: repo,
        env: { [key]: value, TMPDIR: tmp },
        onSpawn: (c) => (child = c),
        onOutput: (all) => {
          if (all.includes('comparing 2 benchmarks')) comparing();
        },
      }).then((run) => run.code);
      await started;
      // Let the first block start its workers.
      await new Promise((r) => setTimeout(r, 1500));
      expect(processesMarked(mark).length).toBeGreaterThan(1);
      child?.kill('SIGTERM');
      await expectStoppedClean(exited, mark, repo, tmp);
    } finally {
      rmSync(repo, { recursive: true, force: true });
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('stopped while the base builds: exit 143 at once, the build and its children gone, no worktree', async () => {
    // A build that would take a minute: before, SIGTERM waited for it (a blocking spawnSync).
    const repo = makeRepo('node -e "setTimeout(() => {}, 60000)"');
    const mark = `FROZEN_DUCKDB_TEST_MARK=${process.pid}-${Date.now()}`;
    const [key, value] = mark.split('=') as [string, string];
    try {
      let child: ChildProcess | undefined;
      const exited = runCli(['compare', '--base', 'main', '--exact', 'bench'], { cwd: repo, env: { [key]: value }, onSpawn: (c) => (child = c) }).then(
        (run) => run.code,
      );
      // Wait until the build itself runs (the node that npm starts): counting marked processes is not
      // enough, since git's own children carry the mark while the worktree is checked out, before the
      // CLI has anything to clean up (a CI run under load sent SIGTERM then).
      const building = () => processesMarked(mark).some((pid) => commandLine(pid).includes('60000'));
      while (!building()) await new Promise((r) => setTimeout(r, 100));
      child?.kill('SIGTERM');
      expect(await exited).toBe(143);
      await new Promise((r) => setTimeout(r, 500));
      expect(processesMarked(mark)).toEqual([]);
      expect(git(repo, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  }, 30_000);

  it('stopped while the base is checked out: exit 143, no worktree and no folder left', async () => {
    // 4,000 files make `git worktree add` take about a second: the window before anything else exists.
    const files = Object.fromEntries(Array.from({ length: 4000 }, (_, i) => [`data/f${i}.txt`, `${i} `.repeat(400)]));
    const repo = makeRepo(undefined, files);
    const tmp = mkdtempSync(join(tmpdir(), 'cli-compare-faults-tmp-'));
    const mark = `FROZEN_DUCKDB_TEST_MARK=${process.pid}-${Date.now()}`;
    const [key, value] = mark.split('=') as [string, string];
    try {
      let child: ChildProcess | undefined;
      let ended = false;
      const exited = runCli(['compare', '--base', 'main', '--exact', 'bench'], {
        cwd: repo,
        env: { [key]: value, TMPDIR: tmp },
        onSpawn: (c) => (child = c),
      }).then((run) => ((ended = true), run.code));
      const checkingOut = () => processesMarked(mark).some((pid) => commandLine(pid).includes('worktree add'));
      while (!checkingOut() && !ended) await new Promise((r) => setTimeout(r, 10));
      expect(ended).toBe(false);
      child?.kill('SIGTERM');
      await expectStoppedClean(exited, mark, repo, tmp);
    } finally {
      rmSync(repo, { recursive: true, force: true });
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 30_000);
});
