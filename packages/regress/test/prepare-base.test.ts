import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareTree } from '../src/ab/prepare-base.js';
import { Repository } from '../src/git/repository.js';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

describe('preparing the base worktree', () => {
  it("mirrors node_modules with the same lockfile: external packages, workspace links to the worktree's own sources, and a workspace package's nested dependencies", async () => {
    const repo = mkdtempSync(join(tmpdir(), 'regress-prepare-'));
    try {
      git(repo, 'init', '-q', '-b', 'main');
      git(repo, 'config', 'user.email', 'test@example.com');
      git(repo, 'config', 'user.name', 'test');
      writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: 'ws', private: true, workspaces: ['packages/*'] }));
      writeFileSync(join(repo, 'package-lock.json'), JSON.stringify({ name: 'ws', lockfileVersion: 3, packages: {} }));
      writeFileSync(join(repo, '.gitignore'), 'node_modules/\n');
      mkdirSync(join(repo, 'packages', 'lib'), { recursive: true });
      writeFileSync(join(repo, 'packages', 'lib', 'package.json'), JSON.stringify({ name: 'lib', version: '1.0.0' }));
      writeFileSync(join(repo, 'packages', 'lib', 'index.js'), 'export const side = "base";\n');
      git(repo, 'add', '.');
      git(repo, 'commit', '-q', '-m', 'base');
      // As npm install leaves it: a registry package at the root, the workspace linked, and the
      // workspace's own version of a dependency nested in its folder (npm does this on a version clash).
      mkdirSync(join(repo, 'node_modules', 'dep'), { recursive: true });
      writeFileSync(join(repo, 'node_modules', 'dep', 'package.json'), JSON.stringify({ name: 'dep', version: '2.0.0' }));
      symlinkSync('../packages/lib', join(repo, 'node_modules', 'lib'));
      mkdirSync(join(repo, 'packages', 'lib', 'node_modules', 'dep'), { recursive: true });
      writeFileSync(join(repo, 'packages', 'lib', 'node_modules', 'dep', 'package.json'), JSON.stringify({ name: 'dep', version: '1.0.0' }));
      writeFileSync(join(repo, 'packages', 'lib', 'index.js'), 'export const side = "candidate";\n');

      const worktree = await (await Repository.open(repo)).addWorktree(git(repo, 'rev-parse', 'HEAD'));
      try {
        const prepared = await prepareTree(worktree.dir, repo, worktree.commit);
        expect(prepared.install).toBe('linked');
        const version = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
        expect(version(join(worktree.dir, 'node_modules', 'dep', 'package.json'))).toBe('2.0.0');
        expect(readFileSync(join(worktree.dir, 'node_modules', 'lib', 'index.js'), 'utf8')).toContain('"base"');
        expect(realpathSync(join(worktree.dir, 'node_modules', 'lib'))).toBe(realpathSync(join(worktree.dir, 'packages', 'lib')));
        // Before, this resolved to the root's 2.0.0: the base ran with another version than its lockfile names.
        expect(version(join(worktree.dir, 'packages', 'lib', 'node_modules', 'dep', 'package.json'))).toBe('1.0.0');
      } finally {
        await worktree.remove();
      }
      expect(existsSync(join(repo, 'packages', 'lib', 'node_modules', 'dep'))).toBe(true);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
