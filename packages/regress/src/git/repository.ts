import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { shellArgument } from '@frozen-duckdb/core';
import { isProcessAlive, onCleanup } from '@frozen-duckdb/files';
import { GitError } from '../errors.js';

/** A checked-out worktree of another commit, removed with `remove()` or on SIGINT/SIGTERM. */
export interface Worktree {
  dir: string;
  commit: string;
  remove(): Promise<void>;
}

/** The git operations the gate needs, on the repository that contains `dir`. */
export class Repository {
  readonly root: string;
  private readonly git: SimpleGit;

  private constructor(root: string) {
    this.root = root;
    this.git = simpleGit(root);
  }

  static async open(dir: string): Promise<Repository> {
    try {
      const root = (await simpleGit(dir).revparse(['--show-toplevel'])).trim();
      return new Repository(root);
    } catch (error) {
      throw new GitError(`${dir} is not inside a git repository`, 'run the command from a git checkout of your project', error);
    }
  }

  /** The commit id `ref` names; a clear error when it names nothing. */
  async resolve(ref: string): Promise<string> {
    try {
      // simple-git resolves a failed command with empty output when git wrote nothing to stderr.
      const commit = (await this.git.revparse(['--verify', `${ref}^{commit}`])).trim();
      if (!/^[0-9a-f]{40}$/.test(commit)) throw new Error(`git rev-parse printed '${commit}'`);
      return commit;
    } catch (error) {
      throw new GitError(
        `git ref '${ref}' does not exist in ${this.root}`,
        ref.includes('/')
          ? `fetch it first: git fetch ${shellArgument(ref.split('/')[0] ?? '')} ${shellArgument(ref.split('/').slice(1).join('/'))}`
          : `check the name; \`git branch -a\` lists branches`,
        error,
      );
    }
  }

  async head(): Promise<string> {
    return this.resolve('HEAD');
  }

  /** True when tracked files differ from HEAD (untracked files do not count). */
  async isDirty(): Promise<boolean> {
    const status = await this.git.status(['--untracked-files=no']);
    return !status.isClean();
  }

  /** Files that differ between `commit` and the working tree (committed, staged, unstaged and untracked), relative to the root. */
  async changedSince(commit: string): Promise<string[]> {
    const tracked = await this.git.raw(['diff', '--name-only', '--no-renames', commit, '--']);
    const untracked = await this.git.raw(['ls-files', '--others', '--exclude-standard']);
    return [...new Set(`${tracked}\n${untracked}`.split('\n').filter((line) => line !== ''))].sort();
  }

  async isShallow(): Promise<boolean> {
    return (await this.git.revparse(['--is-shallow-repository'])).trim() === 'true';
  }

  /** The merge-base of HEAD and `ref`: what a pull request is compared with. */
  async mergeBase(ref: string): Promise<string> {
    const other = await this.resolve(ref);
    try {
      const base = (await this.git.raw(['merge-base', 'HEAD', other])).trim();
      if (!/^[0-9a-f]{40}$/.test(base)) throw new Error('git merge-base found no common commit');
      return base;
    } catch (error) {
      if (await this.isShallow()) {
        throw new GitError(
          `no merge-base of HEAD and '${ref}': this is a shallow clone`,
          'fetch the history: `git fetch --unshallow` (or in GitHub Actions, actions/checkout with fetch-depth: 0)',
          error,
        );
      }
      throw new GitError(`HEAD and '${ref}' have no common ancestor`, `compare against a branch that shares history with HEAD`, error);
    }
  }

  /**
   * Checks `commit` out in a new temporary worktree (detached); removed on exit or signal. It is
   * locked with this process's pid, so that one left by a killed run (SIGKILL runs no cleanup) is
   * recognised and removed by the next run.
   */
  async addWorktree(commit: string): Promise<Worktree> {
    await this.removeOrphanWorktrees();
    const dir = mkdtempSync(join(tmpdir(), 'frozen-duckdb-base-'));
    // Registered before git starts: a signal during the checkout still removes what it left, and the
    // run ends by its exit code for the signal instead of by the signal itself.
    const remove = onCleanup(async () => {
      try {
        // Twice --force: the worktree is locked (by us).
        await this.git.raw(['worktree', 'remove', '--force', '--force', dir]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
        await this.git.raw(['worktree', 'prune']).catch(() => undefined);
      }
    });
    try {
      await this.git.raw(['worktree', 'add', '--detach', '--force', '--lock', '--reason', `${LOCK_REASON}${process.pid}`, dir, commit]);
    } catch (error) {
      // Not a worktree yet, so git refuses to remove it; the folder and git's record still go.
      await remove().catch(() => undefined);
      throw new GitError(`cannot check out ${commit} in a worktree`, 'check that the commit exists and the disk has room', error);
    }
    return { dir, commit, remove };
  }

  /** Removes the worktrees locked by runs of this tool whose process is gone. */
  private async removeOrphanWorktrees(): Promise<void> {
    const out = await this.git.raw(['worktree', 'list', '--porcelain']);
    for (const entry of out.split('\n\n')) {
      const dir = /^worktree (.+)$/m.exec(entry)?.[1];
      const pid = Number(new RegExp(`^locked ${LOCK_REASON}(\\d+)$`, 'm').exec(entry)?.[1]);
      if (!dir || !Number.isInteger(pid) || pid <= 0 || isProcessAlive(pid)) continue;
      await this.git.raw(['worktree', 'remove', '--force', '--force', dir]).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
    await this.git.raw(['worktree', 'prune']).catch(() => undefined);
  }

  /** Paths of every worktree git knows for this repository, the main one first. */
  async worktrees(): Promise<string[]> {
    const out = await this.git.raw(['worktree', 'list', '--porcelain']);
    return out
      .split('\n')
      .filter((line) => line.startsWith('worktree '))
      .map((line) => line.slice('worktree '.length));
  }
}

const LOCK_REASON = 'frozen-duckdb pid ';
