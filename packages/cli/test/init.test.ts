// `frozen-duckdb init` in real project folders (node_modules linked to this
// workspace's so the suite it writes runs for real), and the workflow template it shares with the Nx plugin.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toolVersion } from '../src/init/dependencies.js';
import { workflowSource } from '../src/init/workflow-template.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..', '..');
const bin = join(here, '..', 'bin', 'frozen-duckdb.js');
const env = { ...process.env, FORCE_COLOR: '0', FROZEN_DUCKDB_HISTORY: 'off' };

function cli(cwd: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const dirs: string[] = [];
/** A project folder with a package.json (and, linked, this workspace's node_modules). */
function project(manifest: object | null = { name: 'shop', version: '1.0.0', private: true }, linked = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'cli-init-'));
  dirs.push(dir);
  if (manifest) writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  if (linked) symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}
/** Every file under a folder with its text (node_modules aside), to show that nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const path = join(sub, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[path] = readFileSync(join(dir, path), 'utf8');
    }
  };
  walk('.');
  return files;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the workflow template', () => {
  it("renders this repository's own .github/workflows/bench.yml for the Nx project benchmarks", () => {
    expect(workflowSource({ runner: 'nx', project: 'benchmarks', root: 'benchmarks' })).toBe(
      readFileSync(join(repo, '.github', 'workflows', 'bench.yml'), 'utf8'),
    );
  });
});

describe('frozen-duckdb init', () => {
  it('writes a starter suite, the scripts, the workflow and .gitignore entries, and declares the packages; the suite runs', () => {
    const dir = project();
    const run = cli(dir, 'init');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('wrote bench/starter.bench.ts, .github/workflows/bench.yml, .gitignore, package.json');
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(manifest.scripts).toEqual({
      bench: 'frozen-duckdb bench bench',
      'bench:record': 'frozen-duckdb baseline record bench',
      'bench:compare': 'frozen-duckdb compare bench --base=origin/main',
    });
    // The engine pinned is the one installed for the project (npm installs the peer dependency unasked).
    const engine = JSON.parse(readFileSync(join(repo, 'node_modules', '@duckdb', 'node-api', 'package.json'), 'utf8')).version;
    expect(manifest.devDependencies).toEqual({ '@duckdb/node-api': engine, '@frozen-duckdb/bench': toolVersion(), 'frozen-duckdb': toolVersion() });
    expect(readFileSync(join(dir, '.github/workflows/bench.yml'), 'utf8')).toBe(workflowSource({ runner: 'npm', dir: 'bench' }));
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toMatch(/^\.bench\/\n\.performance_baseline\.lock\n$/m);
    expect(run.stdout).toMatch(/^ {2}npm install\s+install what init declared$/m);

    // The script as a user runs it: npm puts node_modules/.bin on PATH.
    const bench = spawnSync('npm', ['run', 'bench', '--', '--no-baseline', '--filter=count'], { cwd: dir, encoding: 'utf8', env });
    expect(bench.status).toBe(0);
    expect(bench.stdout).toContain('count rows');
    expect(bench.stdout).toContain('rows: 100,000');
  });

  it('takes a folder and a name, keeps an existing .gitignore, and leaves the workflow out with --no-workflow', () => {
    const dir = project({
      name: 'shop',
      private: true,
      devDependencies: { 'frozen-duckdb': '^0.1.0', '@frozen-duckdb/bench': '^0.1.0', '@duckdb/node-api': '1.5.5-r.5' },
    });
    writeFileSync(join(dir, '.gitignore'), 'node_modules\n.bench/');
    const run = cli(dir, 'init', '--dir', 'perf/suites', '--name', 'orders', '--no-workflow');
    expect(run.code).toBe(0);
    expect(existsSync(join(dir, 'perf/suites/orders.bench.ts'))).toBe(true);
    expect(existsSync(join(dir, '.github'))).toBe(false);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe(
      "node_modules\n.bench/\n# frozen-duckdb: the history database and the baseline's lock\n.performance_baseline.lock\n",
    );
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    // Declared versions are the project's own business: nothing is added or changed.
    expect(manifest.devDependencies).toEqual({ 'frozen-duckdb': '^0.1.0', '@frozen-duckdb/bench': '^0.1.0', '@duckdb/node-api': '1.5.5-r.5' });
    expect(manifest.scripts.bench).toBe('frozen-duckdb bench perf/suites');
    expect(run.stdout).not.toContain('npm install');
  });

  it('run twice, refuses the suite that exists and writes nothing', () => {
    const dir = project();
    expect(cli(dir, 'init').code).toBe(0);
    const before = snapshot(dir);
    const again = cli(dir, 'init');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('bench/starter.bench.ts already exists');
    expect(snapshot(dir)).toEqual(before);
  });

  it.each([
    [
      'a script of the same name doing something else',
      { scripts: { bench: 'vitest bench' } },
      [],
      'package.json already has a script \'bench\' ("vitest bench")',
    ],
    ['a workflow of its own', {}, ['.github/workflows/bench.yml'], 'pass --no-workflow to keep yours'],
    ['a folder the suites would not be found in', {}, [], '--dir must be a folder inside the project', ['--dir', '.perf']],
    ['a folder outside the project', {}, [], '--dir must be a folder inside the project', ['--dir', '../elsewhere']],
    ['a name that is not a file name', {}, [], '--name must be letters, digits', ['--name', 'my suite']],
  ])('refuses %s, exit 2, nothing written', (_what, extra, files, message, args: string[] = []) => {
    const dir = project({ name: 'shop', private: true, ...extra });
    for (const file of files) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), '# mine\n');
    }
    const before = snapshot(dir);
    const run = cli(dir, 'init', ...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toMatch(/usage: frozen-duckdb init/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a folder without package.json and says how to make one', () => {
    const dir = project(null, false);
    const run = cli(dir, 'init');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('has no package.json');
    expect(run.stderr).toContain('npm init -y');
    expect(readdirSync(dir)).toEqual([]);
  });
});
