// The setup generators in a real Nx 24 workspace: `init` (what `nx add @frozen-duckdb/nx-plugin` runs)
// and `ci-workflow`, with the targets and the suite they lead to checked by running them.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toolVersion, workflowSource } from 'frozen-duckdb/init';
import { parse } from 'yaml';
import { git, makeWorkspace, nx, writeFiles } from './helpers.js';

const read = (ws: string, file: string) => readFileSync(join(ws, file), 'utf8');
const json = (ws: string, file: string) => JSON.parse(read(ws, file));

describe('init and ci-workflow generators', () => {
  let ws: string;

  beforeAll(() => {
    ws = makeWorkspace(undefined);
    // A workspace that has not met the plugin yet: nx.json without it, one application, one library.
    writeFiles(ws, {
      'nx.json': { neverConnectToCloud: true, useDaemonProcess: false },
      'package.json': { name: 'shop', private: true, workspaces: ['libs/*'], devDependencies: { nx: '24.0.6' } },
      'apps/shop/project.json': { name: 'shop', projectType: 'application', sourceRoot: 'apps/shop/src' },
      'apps/shop/src/main.ts': 'export {};\n',
      'libs/util/package.json': { name: 'util', version: '0.0.0' },
    });
    git(ws, 'add', '-A');
    git(ws, 'commit', '-q', '-m', 'a workspace without benchmarks');
  });

  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('init registers the plugin, declares the packages at the root, and gives the only application a starter suite', () => {
    const run = nx(ws, ['g', '@frozen-duckdb/nx-plugin:init', '--skipInstall', '--no-interactive']);
    expect(run.status).toBe(0);
    expect(json(ws, 'nx.json').plugins).toEqual([{ plugin: '@frozen-duckdb/nx-plugin', options: { base: 'origin/main' } }]);
    // The engine is pinned at the version installed (this workspace's, through the linked node_modules).
    const engine = json(ws, 'node_modules/@duckdb/node-api/package.json').version;
    expect(json(ws, 'package.json').devDependencies).toEqual({
      nx: '24.0.6',
      '@duckdb/node-api': engine,
      '@frozen-duckdb/bench': toolVersion(),
      'frozen-duckdb': toolVersion(),
    });
    expect(read(ws, '.gitignore')).toMatch(/^\.bench\/$/m);
    expect(read(ws, 'apps/shop/src/starter.bench.ts')).toContain('npx nx run shop:bench-record');
    expect(run.output).toContain("(shop is the workspace's only application)");
    expect(run.output).toContain('npx nx g @frozen-duckdb/nx-plugin:ci-workflow --project=shop');

    const shown = nx(ws, ['show', 'project', 'shop', '--json']);
    expect(Object.keys(JSON.parse(shown.output.slice(shown.output.indexOf('{'))).targets)).toEqual(
      expect.arrayContaining(['bench', 'bench-record', 'bench-compare']),
    );
  });

  it('init run again changes nothing and keeps the suite; a named project gets its own', () => {
    const before = ['nx.json', 'package.json', '.gitignore', 'apps/shop/src/starter.bench.ts'].map((f) => read(ws, f));
    const again = nx(ws, ['g', '@frozen-duckdb/nx-plugin:init', '--skipInstall', '--no-interactive']);
    expect(again.status).toBe(0);
    expect(again.output).toContain('was already in nx.json');
    expect(again.output).toContain('Kept apps/shop/src/starter.bench.ts');
    expect(['nx.json', 'package.json', '.gitignore', 'apps/shop/src/starter.bench.ts'].map((f) => read(ws, f))).toEqual(before);

    const named = nx(ws, ['g', '@frozen-duckdb/nx-plugin:init', '--project=util', '--name=lookups', '--skipInstall', '--no-interactive']);
    expect(named.status).toBe(0);
    expect(existsSync(join(ws, 'libs/util/src/lookups.bench.ts'))).toBe(true);
    expect(json(ws, 'libs/util/package.json').devDependencies).toEqual({ '@frozen-duckdb/bench': toolVersion(), 'frozen-duckdb': toolVersion() });
    const unknown = nx(ws, ['g', '@frozen-duckdb/nx-plugin:init', '--project=nope', '--skipInstall', '--no-interactive']);
    expect(unknown.status).not.toBe(0);
    expect(unknown.output).toContain('no Nx project named "nope"');
  });

  it('ci-workflow writes the workflow for the project, with its name and folder filled in, and never overwrites one', () => {
    const run = nx(ws, ['g', '@frozen-duckdb/nx-plugin:ci-workflow', '--project=shop', '--no-interactive']);
    expect(run.status).toBe(0);
    const text = read(ws, '.github/workflows/bench.yml');
    expect(text).toBe(workflowSource({ runner: 'nx', project: 'shop', root: 'apps/shop' }));
    const workflow = parse(text) as { jobs: Record<string, { steps: { run?: string }[] }> };
    const commands = Object.values(workflow.jobs)
      .flatMap((job) => job.steps.map((s) => s.run ?? ''))
      .join('\n');
    expect(commands).toContain('npx nx run shop:bench-compare --base="origin/$BASE_REF"');
    expect(commands).toContain('npx nx run shop:bench --json=');
    expect(commands).toContain('npx frozen-duckdb calibrate apps/shop --trials=5');

    writeFileSync(join(ws, '.github/workflows/bench.yml'), '# mine\n');
    const again = nx(ws, ['g', '@frozen-duckdb/nx-plugin:ci-workflow', '--project=shop', '--no-interactive']);
    expect(again.status).not.toBe(0);
    expect(again.output).toContain('.github/workflows/bench.yml already exists');
    expect(read(ws, '.github/workflows/bench.yml')).toBe('# mine\n');
  });

  it('ci-workflow says when the project has no suite yet', () => {
    rmSync(join(ws, '.github'), { recursive: true, force: true });
    writeFiles(ws, { 'apps/empty/project.json': { name: 'empty', projectType: 'application' } });
    const run = nx(ws, ['g', '@frozen-duckdb/nx-plugin:ci-workflow', '--project=empty', '--no-interactive']);
    expect(run.status).toBe(0);
    expect(run.output).toContain('empty has no *.bench.ts yet');
  });
});
