import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

// A real install with the platform package left out, as `npm ci --omit=optional` leaves it.
describe('a missing platform package', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'core-binding-'));
    const modules = join(dir, 'node_modules');
    const nodeApi = dirname(require.resolve('@duckdb/node-api/package.json'));
    const bindings = dirname(createRequire(join(nodeApi, 'package.json')).resolve('@duckdb/node-bindings/package.json'));
    const detectLibc = dirname(createRequire(join(bindings, 'package.json')).resolve('detect-libc/package.json'));
    cpSync(nodeApi, join(modules, '@duckdb/node-api'), { recursive: true });
    cpSync(bindings, join(modules, '@duckdb/node-bindings'), { recursive: true });
    cpSync(detectLibc, join(modules, 'detect-libc'), { recursive: true });
    const core = join(here, '..');
    const semver = dirname(createRequire(join(core, 'package.json')).resolve('semver/package.json'));
    cpSync(semver, join(modules, 'semver'), { recursive: true });
    cpSync(join(core, 'dist'), join(modules, '@frozen-duckdb/core/dist'), { recursive: true });
    cpSync(join(core, 'package.json'), join(modules, '@frozen-duckdb/core/package.json'));
    writeFileSync(
      join(dir, 'open.mjs'),
      `import { Database } from '@frozen-duckdb/core';
       try { await Database.open(); console.log('opened'); }
       catch (e) { console.log(JSON.stringify({ name: e.name, message: e.message, hint: e.hint, category: e.category, pkg: e.platformPackage })); }`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('raises BindingLoadError naming the package to install, not MODULE_NOT_FOUND', () => {
    const run = spawnSync(process.execPath, ['open.mjs'], { cwd: dir, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const error = JSON.parse(run.stdout);
    expect(error.name).toBe('BindingLoadError');
    expect(error.category).toBe('environment');
    expect(error.pkg).toMatch(/^@duckdb\/node-bindings-/);
    expect(error.hint).toContain(`npm install ${error.pkg}`);
  });
});
