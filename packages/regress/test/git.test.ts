import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GitError, Repository } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

let dir: string;
let first: string;
let base: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'regress-git-'));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'user.name', 'test');
  for (const n of [1, 2, 3]) {
    writeFileSync(join(dir, 'file.txt'), `version ${n}\n`);
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', `commit ${n}`);
  }
  first = git(dir, 'rev-list', '--max-parents=0', 'HEAD');
  base = git(dir, 'rev-parse', 'HEAD');
  git(dir, 'checkout', '-q', '-b', 'feature');
  writeFileSync(join(dir, 'feature.txt'), 'new\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'feature');
  git(dir, 'checkout', '-q', 'main');
  writeFileSync(join(dir, 'file.txt'), 'version 4\n');
  git(dir, 'commit', '-q', '-am', 'main moves on');
  git(dir, 'checkout', '-q', 'feature');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('repository', () => {
  it('lists the files changed since a commit: committed, modified and untracked alike', async () => {
    const repo = await Repository.open(dir);
    expect(await repo.changedSince(git(dir, 'rev-parse', 'HEAD'))).toEqual([]);
    writeFileSync(join(dir, 'feature.txt'), 'changed\n');
    writeFileSync(join(dir, 'untracked.ts'), 'x\n');
    try {
      expect(await repo.changedSince(base)).toEqual(['feature.txt', 'untracked.ts']);
    } finally {
      git(dir, 'checkout', '--', 'feature.txt');
      rmSync(join(dir, 'untracked.ts'));
    }
  });

  it('finds the merge-base of HEAD and a branch', async () => {
    const repo = await Repository.open(join(dir));
    expect(await repo.mergeBase('main')).toBe(base);
  });

  it('names a ref that does not exist and how to get it', async () => {
    const repo = await Repository.open(dir);
    const error = await repo.resolve('origin/nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).message).toContain("'origin/nope' does not exist");
    expect((error as GitError).hint).toContain('git fetch origin nope');
  });

  it("quotes what it took from the ref in the command it suggests: 'origin/main;touch x' stays one argument", async () => {
    const repo = await Repository.open(dir);
    const error = await repo.resolve('origin/ma in;touch x').catch((e: unknown) => e);
    expect((error as GitError).hint).toBe("fetch it first: git fetch origin 'ma in;touch x'");
  });

  it('says so when the directory is not a repository', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'regress-plain-'));
    await expect(Repository.open(plain)).rejects.toThrow(/not inside a git repository/);
    rmSync(plain, { recursive: true, force: true });
  });

  it('reports a dirty tree only for tracked changes', async () => {
    const repo = await Repository.open(dir);
    writeFileSync(join(dir, 'untracked.txt'), 'x');
    expect(await repo.isDirty()).toBe(false);
    writeFileSync(join(dir, 'feature.txt'), 'changed\n');
    expect(await repo.isDirty()).toBe(true);
    git(dir, 'checkout', '--', 'feature.txt');
    rmSync(join(dir, 'untracked.txt'));
  });

  it('explains a shallow clone without the merge-base', async () => {
    const shallow = mkdtempSync(join(tmpdir(), 'regress-shallow-'));
    try {
      git(shallow, 'clone', '-q', '--depth', '1', '--branch', 'feature', '--no-single-branch', `file://${dir}`, 'clone');
      const repo = await Repository.open(join(shallow, 'clone'));
      const error = await repo.mergeBase('origin/main').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GitError);
      expect((error as GitError).hint).toContain('git fetch --unshallow');
    } finally {
      rmSync(shallow, { recursive: true, force: true });
    }
  });

  it('adds a worktree of another commit and removes it', async () => {
    const repo = await Repository.open(dir);
    const worktree = await repo.addWorktree(first);
    expect(git(worktree.dir, 'rev-parse', 'HEAD')).toBe(first);
    expect(await repo.worktrees()).toHaveLength(2);
    await worktree.remove();
    expect(existsSync(worktree.dir)).toBe(false);
    expect(await repo.worktrees()).toHaveLength(1);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('leaves no worktree behind when killed with %s', async (signal) => {
    const child = spawn(process.execPath, [join(here, 'fixtures', 'hold-worktree.mjs'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const worktreeDir = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())));
    expect(existsSync(worktreeDir)).toBe(true);
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill(signal);
    expect(await exit).toBe(signal === 'SIGTERM' ? 143 : 130);
    expect(existsSync(worktreeDir)).toBe(false);
    expect(git(dir, 'worktree', 'list', '--porcelain')).not.toContain(worktreeDir);
  });
});
