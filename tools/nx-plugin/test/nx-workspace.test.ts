// Real Nx 24 on a temp workspace: projects get the targets by having a suite file, the targets run the
// real CLI, the generator's suite runs, and `nx affected` picks only the projects a change reaches.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_SCRIPT, CLI, git, makeWorkspace, nx, run, TINY_SUITE, writeFiles } from './helpers.js';

interface ShownTarget {
  executor: string;
  cache?: boolean;
  dependsOn?: string[];
  options: Record<string, unknown>;
}

function showProject(ws: string, name: string): { root: string; targets: Record<string, ShownTarget> } {
  const shown = nx(ws, ['show', 'project', name, '--json']);
  expect(shown.status).toBe(0);
  return JSON.parse(shown.output.slice(shown.output.indexOf('{')));
}

function projectsWith(ws: string, target: string, extra: string[] = []): string[] {
  const listed = nx(ws, ['show', 'projects', '--with-target', target, '--json', ...extra]);
  expect(listed.status).toBe(0);
  return (JSON.parse(listed.output.slice(listed.output.indexOf('['))) as string[]).sort();
}

describe('the plugin in a real Nx workspace', () => {
  let ws: string;

  beforeAll(() => {
    ws = makeWorkspace({ threshold: 15, base: 'origin/dev' });
    writeFiles(ws, {
      'libs/shared/package.json': { name: 'shared', version: '0.0.0', scripts: { build: BUILD_SCRIPT } },
      'libs/shared/src/index.js': 'export const answer = 42;\n',
      'apps/queries/package.json': { name: 'queries', version: '0.0.0', dependencies: { shared: '0.0.0' }, scripts: { build: BUILD_SCRIPT } },
      'apps/queries/src/tiny.bench.ts': TINY_SUITE,
      'apps/other/package.json': { name: 'other', version: '0.0.0' },
      'apps/other/src/index.js': 'export {};\n',
      'apps/plain/package.json': { name: 'plain', version: '0.0.0' },
    });
    git(ws, 'add', '-A');
    git(ws, 'commit', '-q', '-m', 'a workspace with one suite');
  });

  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('gives a project with a suite file the three targets, uncached, after the builds, with the plugin options', () => {
    const { targets } = showProject(ws, 'queries');
    expect(Object.keys(targets)).toEqual(expect.arrayContaining(['build', 'bench', 'bench-record', 'bench-compare']));
    for (const name of ['bench', 'bench-record', 'bench-compare']) {
      expect(targets[name]).toMatchObject({ executor: 'nx:run-commands', cache: false, dependsOn: ['^build', 'build'] });
      expect(targets[name]?.options).toMatchObject({ cwd: 'apps/queries', threshold: 15 });
    }
    expect(targets['bench-compare']?.options).toMatchObject({ command: 'frozen-duckdb compare .', base: 'origin/dev' });
    expect(projectsWith(ws, 'bench')).toEqual(['queries']);
  });

  it('runs the CLI after the builds, passing flags on; a run is never taken from the cache', () => {
    for (const file of ['libs/shared/dist/built', 'apps/queries/dist/built']) rmSync(join(ws, file), { force: true });
    const first = nx(ws, ['run', 'queries:bench', '--filter=tiny/one', '--no-baseline', '--outputStyle=static']);
    expect(first.status).toBe(0);
    // Both builds ran first: the project's own and its dependency's (^build).
    expect(existsSync(join(ws, 'libs/shared/dist/built'))).toBe(true);
    expect(existsSync(join(ws, 'apps/queries/dist/built'))).toBe(true);
    expect(first.output).toContain('frozen-duckdb bench . --threshold=15 --filter=tiny/one --no-baseline');
    expect(first.output).toMatch(/^\s+one\s/m);
    expect(first.output).not.toMatch(/^\s+two\s/m);

    const second = nx(ws, ['run', 'queries:bench', '--filter=tiny/one', '--no-baseline', '--outputStyle=static']);
    expect(second.status).toBe(0);
    expect(second.output).toMatch(/nx run queries:build\s+\[local cache\]/);
    expect(second.output).not.toMatch(/nx run queries:bench\s+\[(local|remote) cache\]/);
    expect(second.output).toMatch(/^\s+one\s/m);
  });

  it('lets a flag given to nx override the target option, and the CLI checks it', () => {
    const bad = nx(ws, ['run', 'queries:bench', '--threshold=abc', '--outputStyle=static']);
    expect(bad.status).not.toBe(0);
    expect(bad.output).toContain('--threshold must be a percentage between 0 and 100, e.g. 10; got "abc"');
    // bench-compare's base comes from the plugin options in nx.json; this repository has no origin/dev.
    const compare = nx(ws, ['run', 'queries:bench-compare', '--outputStyle=static']);
    expect(compare.status).not.toBe(0);
    expect(compare.output).toContain('frozen-duckdb compare . --base=origin/dev --threshold=15');
    expect(compare.output).toContain("git ref 'origin/dev' does not exist");
  });

  it('adds a starter suite with the generator; the project then has the targets and the suite runs', () => {
    const generated = nx(ws, ['g', '@frozen-duckdb/nx-plugin:suite', '--project=other', '--name=starter', '--no-interactive']);
    expect(generated.status).toBe(0);
    const file = join(ws, 'apps/other/src/starter.bench.ts');
    expect(readFileSync(file, 'utf8')).toContain('name: "starter"');
    const manifest = JSON.parse(readFileSync(join(ws, 'apps/other/package.json'), 'utf8'));
    expect(manifest.devDependencies).toEqual({ '@frozen-duckdb/bench': '0.1.0', 'frozen-duckdb': '0.1.0' });

    expect(Object.keys(showProject(ws, 'other').targets)).toEqual(expect.arrayContaining(['bench', 'bench-record', 'bench-compare']));
    const bench = run(process.execPath, [CLI, 'bench', '--no-baseline'], join(ws, 'apps/other'));
    expect(bench.status).toBe(0);
    for (const name of ['count rows', 'sum by kind', 'one kind, prepared (kind=0)', 'one kind, prepared (kind=49)']) expect(bench.output).toContain(name);
    expect(bench.output).toContain('rows: 100,000');

    const again = nx(ws, ['g', '@frozen-duckdb/nx-plugin:suite', '--project=other', '--name=starter', '--no-interactive']);
    expect(again.status).not.toBe(0);
    expect(again.output).toContain('apps/other/src/starter.bench.ts already exists: pick another --name, or edit that suite');
    const unknown = nx(ws, ['g', '@frozen-duckdb/nx-plugin:suite', '--project=nope', '--name=x', '--no-interactive']);
    expect(unknown.status).not.toBe(0);
    expect(unknown.output).toContain('no Nx project named "nope"');
  });

  it('runs bench-compare under `nx affected` only for the projects a change reaches', () => {
    git(ws, 'add', '-A');
    git(ws, 'commit', '-q', '-m', 'a second project with a suite');
    git(ws, 'checkout', '-q', '-b', 'change-shared');
    writeFileSync(join(ws, 'libs/shared/src/index.js'), 'export const answer = 43;\n');
    git(ws, 'commit', '-q', '-am', 'change the library queries uses');
    expect(affectedTasks(ws)).toEqual(['queries:bench-compare']);
    expect(projectsWith(ws, 'bench-compare', ['--affected', '--base=main'])).toEqual(['queries']);

    git(ws, 'checkout', '-q', '-b', 'change-suite', 'main');
    writeFileSync(join(ws, 'apps/other/src/starter.bench.ts'), readFileSync(join(ws, 'apps/other/src/starter.bench.ts'), 'utf8').replace('% 50', '% 40'));
    git(ws, 'commit', '-q', '-am', "change other's suite");
    expect(affectedTasks(ws)).toEqual(['other:bench-compare']);
  });
});

/** The benchmark tasks `nx affected -t bench-compare --base=main` would run (its task graph, not run). */
function affectedTasks(ws: string): string[] {
  const graph = nx(ws, ['affected', '-t', 'bench-compare', '--base=main', '--head=HEAD', '--graph=stdout']);
  expect(graph.status).toBe(0);
  const parsed = JSON.parse(graph.output.slice(graph.output.indexOf('{'))) as { tasks: { tasks: Record<string, unknown> } };
  return Object.keys(parsed.tasks.tasks)
    .filter((id) => id.endsWith(':bench-compare'))
    .sort();
}
