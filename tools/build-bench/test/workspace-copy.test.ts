import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { childEnv } from '../src/run-command.js';
import { copyWorkspace, workspaceFiles, workspaceToMeasure } from '../src/workspace-copy.js';

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

describe('a copy of the workspace to measure builds in', () => {
  const base = mkdtempSync(join(tmpdir(), 'build-bench-'));
  const source = join(base, 'source');
  const target = join(base, 'copy');

  beforeAll(() => {
    write(source, {
      'nx.json': '{}',
      'package.json': '{"workspaces":["packages/*"]}',
      '.gitignore': 'node_modules\ndist\n*.log\n',
      'packages/lib/package.json': '{"name":"@x/lib"}',
      'packages/lib/src/index.ts': 'export const a = 1;\n',
      'packages/lib/dist/index.js': 'stale output',
      'packages/lib/src/new-file.ts': 'untracked, not ignored\n',
      'debug.log': 'ignored',
      'node_modules/leftpad/index.js': 'module.exports = 1;',
      'node_modules/leftpad/bin.js': '#!/usr/bin/env node',
    });
    mkdirSync(join(source, 'node_modules', '@x'), { recursive: true });
    mkdirSync(join(source, 'node_modules', '.bin'), { recursive: true });
    symlinkSync('../../packages/lib', join(source, 'node_modules', '@x', 'lib'));
    symlinkSync('../leftpad/bin.js', join(source, 'node_modules', '.bin', 'leftpad'));
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: source });
    git('init', '-q');
    git('add', 'nx.json', 'package.json', '.gitignore', 'packages/lib/package.json', 'packages/lib/src/index.ts');
    git('commit', '-q', '-m', 'x');
    // Tracked but deleted in the working tree: not copied.
    write(source, { 'gone.txt': 'x' });
    git('add', 'gone.txt');
    git('commit', '-q', '-m', 'y');
    rmSync(join(source, 'gone.txt'));
  });

  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('copies tracked and untracked sources as they are on disk, nothing git ignores, no outputs', () => {
    expect(workspaceFiles(source).sort()).toEqual([
      '.gitignore',
      'nx.json',
      'package.json',
      'packages/lib/package.json',
      'packages/lib/src/index.ts',
      'packages/lib/src/new-file.ts',
    ]);
    expect(copyWorkspace(source, target)).toBe(6);
    expect(readFileSync(join(target, 'packages/lib/src/new-file.ts'), 'utf8')).toBe('untracked, not ignored\n');
    expect(existsSync(join(target, 'packages/lib/dist'))).toBe(false);
    expect(existsSync(join(target, 'debug.log'))).toBe(false);
  });

  it('links installed packages to the source, and workspace packages to the copy', () => {
    expect(realpathSync(join(target, 'node_modules/leftpad'))).toBe(realpathSync(join(source, 'node_modules/leftpad')));
    expect(realpathSync(join(target, 'node_modules/@x/lib'))).toBe(realpathSync(join(target, 'packages/lib')));
    expect(lstatSync(join(target, 'node_modules/.bin')).isDirectory()).toBe(true);
    expect(readlinkSync(join(target, 'node_modules/.bin/leftpad'))).toBe('../leftpad/bin.js');
    expect(readFileSync(join(target, 'node_modules/.bin/leftpad'), 'utf8')).toBe('#!/usr/bin/env node');
  });

  it('finds the workspace root from a folder inside it', () => {
    expect(workspaceToMeasure(join(target, 'packages/lib/src'))).toBe(target);
    expect(() => workspaceToMeasure(tmpdir())).toThrow(/no nx.json at or above/);
  });
});

describe("the environment of the copy's Nx", () => {
  it("drops the outer Nx task's variables and turns off the daemon, the cloud and the terminal UI", () => {
    const env = childEnv({ PATH: '/bin', NX_TASK_TARGET_PROJECT: 'build-bench', NX_WORKSPACE_ROOT: '/elsewhere', npm_package_name: 'build-bench' });
    expect(env).toEqual({ PATH: '/bin', NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_SKIP_LOG_GROUPING: 'true', FORCE_COLOR: '0' });
  });
});
