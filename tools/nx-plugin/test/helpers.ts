// A real Nx workspace in a temp folder, using this workspace's installed packages (nx, the plugin,
// the frozen-duckdb CLI and @frozen-duckdb/bench) through a node_modules link: nothing is installed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CLI_BIN, WORKSPACE } from '../../testing/run-cli.js';

export const REPO = WORKSPACE;
export const CLI = CLI_BIN;

export function nxBin(root = REPO): string {
  const manifest = createRequire(join(root, 'package.json')).resolve('nx/package.json');
  return join(dirname(manifest), JSON.parse(readFileSync(manifest, 'utf8')).bin.nx);
}

/** The environment of a child: none of the NX_* variables of the Nx task running these tests. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('NX_') && !key.startsWith('npm_')) env[key] = value;
  return { ...env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0', FROZEN_DUCKDB_HISTORY: 'off', ...extra };
}

export interface Run {
  status: number | null;
  output: string;
}

export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const result = spawnSync(command, args, { cwd, env: cleanEnv(env), encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

export function nx(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Run {
  return run(process.execPath, [nxBin(), ...args], cwd, env);
}

export function git(cwd: string, ...args: string[]): Run {
  const result = run('git', ['-c', 'user.name=nx-plugin test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], cwd);
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed:\n${result.output}`);
  return result;
}

export function writeFiles(root: string, files: Record<string, string | object>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
}

/** An empty workspace with the plugin in nx.json (with `options`), in a fresh git repository on main. */
export function makeWorkspace(options: Record<string, unknown> | undefined, workspaces = ['libs/*', 'apps/*']): string {
  const dir = mkdtempSync(join(tmpdir(), 'nx-plugin-'));
  writeFiles(dir, {
    'package.json': { name: 'plugin-test-workspace', private: true, workspaces },
    'nx.json': {
      neverConnectToCloud: true,
      useDaemonProcess: false,
      plugins: [options === undefined ? '@frozen-duckdb/nx-plugin' : { plugin: '@frozen-duckdb/nx-plugin', options }],
      targetDefaults: { build: { dependsOn: ['^build'], cache: true, outputs: ['{projectRoot}/dist'] } },
    },
    '.gitignore': 'node_modules\n.nx\ndist\n',
  });
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  git(dir, 'init', '-q', '-b', 'main');
  return dir;
}

/** A build script that leaves dist/built, so a test sees that the build ran. */
export const BUILD_SCRIPT = "node -e \"require('fs').mkdirSync('dist',{recursive:true});require('fs').writeFileSync('dist/built',String(Date.now()))\"";

/** A suite of two trivial benchmarks: `tiny/one` and `tiny/two`. */
export const TINY_SUITE = `import { defineSuite } from '@frozen-duckdb/bench';

export default defineSuite({
  name: 'tiny',
  benchmarks: {
    one: (ctx) => ctx.connection.scalar('SELECT 1'),
    two: (ctx) => ctx.connection.scalar('SELECT 2'),
  },
});
`;
