// Which @duckdb/node-api a run uses: the project's own copy, found from the working folder, in the
// range core's peer dependency states. Real child processes in real folders with real package copies.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import semver from 'semver';
import { isSupportedNodeApi, recommendedNodeApiVersion, supportedNodeApiRange } from '../src/node-api-package.js';

const core = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(core, 'package.json'), 'utf8'));
const workspaceNodeApi = dirname(createRequire(join(core, 'package.json')).resolve('@duckdb/node-api/package.json'));
const workspaceBindings = dirname(createRequire(join(workspaceNodeApi, 'package.json')).resolve('@duckdb/node-bindings/package.json'));

describe('the supported range', () => {
  it('is core peer dependency, and npm accepts the version this workspace tests and the oldest supported one', () => {
    const range = supportedNodeApiRange();
    expect(range).toBe(manifest.peerDependencies['@duckdb/node-api']);
    expect(manifest.dependencies?.['@duckdb/node-api']).toBeUndefined();
    // npm checks peers without includePrerelease, and every DuckDB release is a prerelease (1.5.6-r.1).
    for (const version of [manifest.devDependencies['@duckdb/node-api'], '1.5.5-r.5']) expect(semver.satisfies(version, range)).toBe(true);
    expect(semver.satisfies('1.5.5-r.4', range)).toBe(false);
  });

  it('accepts the supported lines at run time, later patches of them included, and nothing older or newer', () => {
    expect(isSupportedNodeApi('1.5.6-r.1')).toBe(true);
    expect(isSupportedNodeApi('1.5.5-r.5')).toBe(true);
    expect(isSupportedNodeApi('1.5.7-r.2')).toBe(true);
    expect(isSupportedNodeApi('1.5.5-r.4')).toBe(false); // before the value converters core uses
    expect(isSupportedNodeApi('1.4.4-r.4')).toBe(false);
    expect(isSupportedNodeApi('1.6.0-r.1')).toBe(false);
  });

  it('recommends the version this workspace is tested with', () => {
    expect(recommendedNodeApiVersion()).toBe(manifest.devDependencies['@duckdb/node-api']);
  });
});

describe('resolving the engine from the project', () => {
  let root: string;
  // Prints what bindingInfo() reports, or the error, for the engine as seen from the working folder.
  const probe = (cwd: string) => {
    const script = `import { bindingInfo } from ${JSON.stringify(pathToFileURL(join(core, 'dist', 'index.js')).href)};
      try { const i = await bindingInfo(); console.log(JSON.stringify({ nodeApi: i.nodeApi, duckdb: i.duckdbVersion })); }
      catch (e) { console.log(JSON.stringify({ error: e.name, message: e.message, hint: e.hint, category: e.category })); }`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    return JSON.parse(run.stdout);
  };
  // A project with its own copy of @duckdb/node-api (the bindings linked: only which node-api is chosen matters here).
  const project = (name: string, version?: string) => {
    const dir = join(root, name);
    const modules = join(dir, 'node_modules', '@duckdb');
    mkdirSync(modules, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true }));
    cpSync(workspaceNodeApi, join(modules, 'node-api'), { recursive: true });
    symlinkSync(workspaceBindings, join(modules, 'node-bindings'));
    if (version) {
      const file = join(modules, 'node-api', 'package.json');
      writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), version }));
    }
    mkdirSync(join(dir, 'src'));
    return dir;
  };

  beforeAll(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'core-node-api-')));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("loads the project's own copy, also from a folder inside the project", () => {
    const dir = project('own');
    for (const cwd of [dir, join(dir, 'src')]) {
      const info = probe(cwd);
      expect(info.nodeApi).toMatchObject({ dir: join(dir, 'node_modules', '@duckdb', 'node-api'), resolvedFrom: 'project' });
      expect(info.duckdb).toMatch(/^v\d+\.\d+\.\d+$/);
    }
  });

  it('falls back to the copy beside frozen-duckdb when the project has none', () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    expect(probe(empty).nodeApi).toMatchObject({ dir: workspaceNodeApi, resolvedFrom: 'frozen-duckdb' });
  });

  it('refuses a version outside the range, naming it, the range and the fix', () => {
    const info = probe(project('old', '1.4.4-r.4'));
    expect(info).toMatchObject({ error: 'UnsupportedEngineError', category: 'environment' });
    expect(info.message).toContain('@duckdb/node-api 1.4.4-r.4');
    expect(info.message).toContain(supportedNodeApiRange());
    expect(info.hint).toContain(`npm install @duckdb/node-api@${recommendedNodeApiVersion()}`);
  });
});
