// The packages from the outside: every published package packed as npm would publish it, then
// installed from those tarballs (and the registry, for everything else) into (a) a new Nx workspace
// with an application and (b) a plain npm project that pins another @duckdb/node-api than this
// repository. Each goes from init to a baseline, an A/A commit that passes and a slower commit that
// fails, and reports its own DuckDB. The commands and their times are written to reports/adoption/.
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pack, publishablePackages } from '@frozen-duckdb/release/packages';
import { ORDERS_SOURCE, ordersSuite, Project, REPO, SLOWER_ORDERS_SOURCE } from './helpers.js';

/** The version the plain project pins: older than this workspace's, inside the supported range. */
const PINNED_NODE_API = '1.5.5-r.5';
const NX_VERSION = JSON.parse(readFileSync(join(REPO, 'node_modules', 'nx', 'package.json'), 'utf8')).version as string;
const WORKSPACE_NODE_API = JSON.parse(readFileSync(join(REPO, 'node_modules', '@duckdb', 'node-api', 'package.json'), 'utf8')).version as string;

const root = realpathSync(mkdtempSync(join(tmpdir(), 'frozen-duckdb-adoption-')));
const tarballDir = join(root, 'tarballs');
mkdirSync(tarballDir);
const figures: { tarballs: { name: string; file: string; bytes: number; unpackedBytes: number }[]; projects: Record<string, { steps: Project['steps'] }> } = {
  tarballs: [],
  projects: {},
};
const tarball = (name: string) => `../tarballs/${figures.tarballs.find((t) => t.name === name)!.file}`;

beforeAll(() => {
  for (const result of pack(REPO, publishablePackages(REPO), tarballDir)) {
    figures.tarballs.push({ name: result.name, file: result.filename, bytes: result.size, unpackedBytes: result.unpackedSize });
  }
});

afterAll(() => {
  const out = join(REPO, 'reports', 'adoption');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
  const lines = [
    'tarballs:',
    ...figures.tarballs.map(
      (t) => `  ${t.name.padEnd(26)} ${(t.bytes / 1024).toFixed(1).padStart(6)} kB packed, ${(t.unpackedBytes / 1024).toFixed(1).padStart(6)} kB unpacked`,
    ),
    ...Object.entries(figures.projects).flatMap(([name, { steps }]) => [
      `${name}:`,
      ...steps.map(
        (s) =>
          `  ${s.seconds.toFixed(1).padStart(6)} s  exit ${s.status}  ${s.command.replace(/\.\.\/tarballs\/\S+/g, (m) => basename(m)).replace(/( \S+\.tgz){2,}/, ' <tarballs>')}`,
      ),
    ]),
  ];
  process.stdout.write(`\n${lines.join('\n')}\n(figures in ${join(out, 'figures.json')})\n`);
  rmSync(root, { recursive: true, force: true });
});

/** The tarball install: nothing of frozen-duckdb may come from anywhere but the tarballs. */
function expectInstalledFromTarballs(project: Project): void {
  const ours = Object.entries(project.lockedSources()).filter(([name]) => name === 'frozen-duckdb' || name.startsWith('@frozen-duckdb/'));
  expect(ours.length).toBeGreaterThanOrEqual(10);
  for (const [name, resolved] of ours) expect(`${name} <- ${resolved}`).toMatch(/ <- file:\.\.\/tarballs\/.*\.tgz$/);
}

/**
 * A suite over the project's query, committed, recorded as the baseline; then an A/A commit (a README)
 * that the comparison passes, and a commit that slows the query, which it fails with exit 1.
 */
function fromBaselineToRegression(project: Project, paths: { suite: [string, string]; code: string; record: string; compare: string }): void {
  const [suiteFile, importPath] = paths.suite;
  project.write({ [suiteFile]: ordersSuite(importPath) });
  project.commit('benchmarks for the orders query');
  project.ok(paths.record);
  expect(project.read('.performance_baseline')).toContain('"orders/top customers"');
  project.commit('the baseline');

  project.write({ 'README.md': '# the service\n' });
  project.commit('a readme');
  const same = project.run(paths.compare);
  expect(same.output).toMatch(/no regression/);
  expect(same.status).toBe(0);

  project.write({ [paths.code]: SLOWER_ORDERS_SOURCE });
  project.commit('orders: skip empty rows');
  const slower = project.run(paths.compare);
  expect(slower.output).toMatch(/orders\/top customers .* regressed/);
  expect(slower.output).toContain('regression confirmed: orders/top customers');
  expect(slower.status).toBe(1);
}

describe('a plain npm project that pins @duckdb/node-api 1.5.5-r.5', () => {
  const project = new Project(join(root, 'orders-service'));
  figures.projects['plain npm project'] = project;

  beforeAll(() => {
    mkdirSync(project.dir);
    project.write({
      'package.json': { name: 'orders-service', version: '1.0.0', private: true, type: 'module', dependencies: { '@duckdb/node-api': PINNED_NODE_API } },
      '.gitignore': 'node_modules/\n',
      'src/orders.ts': ORDERS_SOURCE,
    });
    project.git('init', '-q', '-b', 'main');
  });

  it('installs from the tarballs alone, keeping its own DuckDB as the only copy', () => {
    // Everything a project without Nx uses: the CLI, the suite API and what they depend on.
    const tarballs = figures.tarballs.filter((t) => t.name !== '@frozen-duckdb/nx-plugin').map((t) => tarball(t.name));
    project.ok(`npm install --no-audit --no-fund -D ${tarballs.join(' ')}`);
    expectInstalledFromTarballs(project);
    expect(project.copiesOf('@duckdb/node-api')).toEqual([join(project.dir, 'node_modules', '@duckdb', 'node-api')]);
    expect(project.json('node_modules/@duckdb/node-api/package.json').version).toBe(PINNED_NODE_API);
  });

  it('init writes the suite folder, the scripts and the workflow', () => {
    const init = project.ok('npx frozen-duckdb init');
    expect(init.output).toContain('wrote bench/starter.bench.ts, .github/workflows/bench.yml, .gitignore, package.json');
    expect(project.json('package.json').scripts).toMatchObject({ 'bench:record': 'frozen-duckdb baseline record bench' });
    expect(project.read('.github/workflows/bench.yml')).toContain('npx frozen-duckdb compare bench --base="origin/$BASE_REF"');
  });

  it("info, env, link-check and doctor report the project's own DuckDB, 1.5.5", () => {
    const info = JSON.parse(project.ok('npx frozen-duckdb info --json').output);
    expect(info.duckdbVersion).toBe('v1.5.5');
    expect(info.nodeApi).toMatchObject({ version: PINNED_NODE_API, resolvedFrom: 'project', dir: join(project.dir, 'node_modules', '@duckdb', 'node-api') });
    const libDir = info.platformPackage.dir as string;
    expect(libDir.startsWith(join(project.dir, 'node_modules', '@duckdb'))).toBe(true);
    expect(info.libraryPath.startsWith(libDir)).toBe(true);
    const env = project.ok('npx frozen-duckdb env --shell dotenv').output;
    expect(env).toContain('DUCKDB_VERSION=v1.5.5');
    expect(env).toContain(`DUCKDB_LIB_DIR=${libDir}`);
    const link = JSON.parse(project.ok('npx frozen-duckdb link-check --json').output);
    expect(link).toMatchObject({ duckdbVersion: 'v1.5.5', libraryPath: info.libraryPath });
    const doctor = JSON.parse(project.ok('npx frozen-duckdb doctor --offline --json').output) as { checks: { name: string; status: string }[] };
    for (const name of ['engine version supported', 'engine loads, versions agree', 'one copy of the engine']) {
      expect(doctor.checks.find((c) => c.name === name)?.status).toBe('pass');
    }
  });

  it('records a baseline; an A/A commit passes the comparison, a slower query fails it with exit 1', () => {
    fromBaselineToRegression(project, {
      suite: ['bench/orders.bench.ts', '../src/orders.js'],
      code: 'src/orders.ts',
      record: 'npm run bench:record',
      compare: 'npm run bench:compare -- --base=HEAD~1 --filter=orders',
    });
  });
});

describe('a new Nx workspace with an application', () => {
  const project = new Project(join(root, 'shop'));
  figures.projects['Nx workspace'] = project;

  beforeAll(() => {
    mkdirSync(project.dir);
    project.write({
      'package.json': { name: 'shop', version: '0.0.0', private: true },
      'nx.json': { $schema: './node_modules/nx/schemas/nx-schema.json', neverConnectToCloud: true, useDaemonProcess: false },
      'apps/shop/project.json': { name: 'shop', projectType: 'application', sourceRoot: 'apps/shop/src' },
      'apps/shop/src/orders.ts': ORDERS_SOURCE,
      '.gitignore': 'node_modules/\n.nx/\ndist/\n',
    });
    project.git('init', '-q', '-b', 'main');
  });

  it('nx add @frozen-duckdb/nx-plugin (from its tarball) registers the plugin and gives the application a starter suite', () => {
    // What the plugin depends on comes from the tarballs; Nx itself from the registry.
    const tarballs = figures.tarballs.filter((t) => t.name !== '@frozen-duckdb/nx-plugin').map((t) => tarball(t.name));
    project.ok(`npm install --no-audit --no-fund -D nx@${NX_VERSION} ${tarballs.join(' ')}`);
    project.commit('a new Nx workspace');
    const add = project.ok(`npx nx add @frozen-duckdb/nx-plugin@file:${tarball('@frozen-duckdb/nx-plugin')}`);
    expect(add.output).toContain("Wrote apps/shop/src/starter.bench.ts (shop is the workspace's only application)");
    expect(add.output).toContain('npx nx g @frozen-duckdb/nx-plugin:ci-workflow --project=shop');
    expectInstalledFromTarballs(project);
    expect(project.json('nx.json').plugins).toEqual([expect.objectContaining({ plugin: '@frozen-duckdb/nx-plugin' })]);
    // npm installed the peer dependency; init pinned the version it installed.
    expect(project.json('package.json').devDependencies['@duckdb/node-api']).toBe(WORKSPACE_NODE_API);
    expect(project.copiesOf('@duckdb/node-api')).toHaveLength(1);

    const shown = project.ok('npx nx show project shop --json', { record: false }).output;
    expect(Object.keys(JSON.parse(shown.slice(shown.indexOf('{'))).targets)).toEqual(expect.arrayContaining(['bench', 'bench-record', 'bench-compare']));
    project.ok('npx nx g @frozen-duckdb/nx-plugin:ci-workflow --project=shop');
    expect(project.read('.github/workflows/bench.yml')).toContain('npx nx run shop:bench-compare --base="origin/$BASE_REF"');
  });

  it("info reports the workspace's own DuckDB", () => {
    const info = JSON.parse(project.ok('npx frozen-duckdb info --json').output);
    expect(info.nodeApi).toMatchObject({ version: WORKSPACE_NODE_API, resolvedFrom: 'project', dir: join(project.dir, 'node_modules', '@duckdb', 'node-api') });
    expect(info.duckdbVersion).toBe(`v${WORKSPACE_NODE_API.replace(/-r\.\d+$/, '')}`);
  });

  it('bench-record, then bench-compare: an A/A commit passes, a slower query fails the target with exit 1', () => {
    fromBaselineToRegression(project, {
      suite: ['apps/shop/src/orders.bench.ts', './orders.js'],
      code: 'apps/shop/src/orders.ts',
      record: 'npx nx run shop:bench-record --outputStyle=static',
      compare: 'npx nx run shop:bench-compare --base=HEAD~1 --filter=orders --outputStyle=static',
    });
  });
});
