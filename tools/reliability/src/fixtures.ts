import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { WORKSPACE } from '../../testing/run-cli.js';
import { tempDir } from './files.js';

export const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

/** The files a fuzz folder starts with: inputs for convert, things that look like outputs, and an nx.json that stops upward searches. */
export function fuzzFolder(label: string): string {
  const root = tempDir(label);
  fillFuzzFolder(root);
  return root;
}

/** Empties `root` and puts the fuzz fixtures back. */
export function fillFuzzFolder(root: string): void {
  for (const entry of readdirSync(root)) rmSync(join(root, entry), { recursive: true, force: true });
  writeFiles(root, {
    'nx.json': '{}\n',
    'input.csv': 'id,name\n1,a\n2,b\n',
    'input.parquet': 'PAR1 this is not parquet',
    'empty.csv': '',
    'ragged.csv': 'a,b\n1\n2,3,4\n',
    'garbage.duckdb': 'not a database',
    'file.txt': 'just text\n',
  });
  mkdirSync(join(root, 'folder'));
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** A busy-wait of `ms`, as suite source text. */
export const SPIN = 'const spin = (ms: number) => { const end = performance.now() + ms; while (performance.now() < end); };\n';

/**
 * A git repository holding a project with suites, with node_modules linked to this workspace's
 * packages (so a base worktree reuses them), committed. `files` are paths under the repository.
 */
export function gitProject(label: string, files: Record<string, string>, dir = tempDir(label)): string {
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'reliability@example.com');
  git(dir, 'config', 'user.name', 'reliability');
  writeFiles(dir, {
    'package.json': JSON.stringify({ name: 'demo', private: true, type: 'module' }),
    'package-lock.json': JSON.stringify({ name: 'demo', lockfileVersion: 3, packages: {} }),
    '.gitignore': 'node_modules/\n.bench/\n',
    'nx.json': '{}\n',
    ...files,
  });
  mkdirSync(join(dir, 'node_modules', '@frozen-duckdb'), { recursive: true });
  for (const pkg of ['bench', 'core']) symlinkSync(join(WORKSPACE, 'packages', pkg), join(dir, 'node_modules', '@frozen-duckdb', pkg));
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'first');
  return dir;
}

/** The environment a run gets: no CI files to append to, a HOME of its own (DuckDB's extension folder lives there). */
export function isolatedEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, FORCE_COLOR: '0', NO_COLOR: '1', OLLAMA_HOST: '127.0.0.1:9', ...extra };
  for (const key of ['GITHUB_ENV', 'GITHUB_STEP_SUMMARY', 'GITHUB_OUTPUT', 'GITHUB_PATH', 'FROZEN_DUCKDB_HISTORY', 'OLLAMA_API_KEY']) delete env[key];
  return env;
}

const entry = (median: number) => ({
  median,
  mean: median * 1.02,
  p10: median * 0.9,
  p90: median * 1.2,
  spread: 0.3,
  samples: 400,
  processes: 1,
  threshold: 0.1,
});
/** A small valid `.performance_baseline` document, the starting point of the damaged ones. */
export const VALID_BASELINE = {
  schema: 'frozen-duckdb/baseline',
  version: 1,
  commit: '0123456789abcdef0123456789abcdef01234567',
  recordedAt: '2024-06-07T12:00:00.000Z',
  machine: { cpuModel: 'Test CPU', cores: 2, memoryBytes: 4294967296, os: 'linux-x64', node: 'v20.0.0', duckdb: 'v1.5.6' },
  settings: { profile: 'quick', processes: 1, threads: '2', memory_limit: '4GB' },
  benchmarks: { 'demo/a': entry(1.5), 'demo/b': entry(0.25), 'demo/c (rows=10)': entry(12) },
};
