import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { recommendedNodeApiVersion, supportedNodeApiRange } from '@frozen-duckdb/core';
import { ROOT, cli, tempDir } from './helpers.js';

interface Check {
  name: string;
  status: string;
  detail: string;
  fix: string;
}

/** A project folder whose node_modules links the real engine packages (so they load for real). */
function project(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
  mkdirSync(join(dir, 'node_modules', '@duckdb'), { recursive: true });
  for (const name of ['node-api', 'node-bindings', `node-bindings-${process.platform}-${process.arch}`]) {
    symlinkSync(join(ROOT, 'node_modules', '@duckdb', name), join(dir, 'node_modules', '@duckdb', name));
  }
  return dir;
}

function put(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function doctor(args: string[], env: NodeJS.ProcessEnv = {}): { code: number; checks: Check[]; stdout: string } {
  const run = cli(['doctor', '--json', ...args], { env });
  const report = JSON.parse(run.stdout) as { checks: Check[] };
  return { code: run.code, checks: report.checks, stdout: run.stdout };
}
const find = (checks: Check[], name: string): Check => checks.find((c) => c.name === name) as Check;

describe('frozen-duckdb doctor', () => {
  it('passes on this workspace and prints one line per check with a fix for each non-pass', () => {
    const run = cli(['doctor', '--timeout', '3000']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/PASS\s+engine loads, versions agree\s+the library reports v/);
    expect(run.stdout).toMatch(/PASS\s+nx: cloud off/);
    expect(run.stdout).toMatch(/\d+ pass, \d+ warn, 0 fail/);
    // The download check is bounded: it passes with network and warns without, never fails or hangs.
    expect(run.stdout).toMatch(/(PASS|WARN)\s+extensions downloadable/);
  });

  it('passes on a healthy project folder', () => {
    const { code, checks } = doctor([project(), '--offline']);
    expect(code).toBe(0);
    expect(find(checks, 'one copy of the engine').status).toBe('pass');
    expect(find(checks, 'engine version supported')).toMatchObject({ status: 'pass', detail: expect.stringContaining(supportedNodeApiRange()) });
    expect(find(checks, 'nx: settings').status).toBe('skip');
    expect(find(checks, 'extensions downloadable').status).toBe('skip');
  });

  it('fails on two copies of the bindings in node_modules', () => {
    const dir = project();
    put(join(dir, 'node_modules', 'some-orm', 'package.json'), JSON.stringify({ name: 'some-orm', version: '2.0.0' }));
    put(
      join(dir, 'node_modules', 'some-orm', 'node_modules', '@duckdb', 'node-bindings', 'package.json'),
      JSON.stringify({ name: '@duckdb/node-bindings', version: '1.4.0-r.1' }),
    );
    const { code, checks } = doctor([dir, '--offline']);
    expect(code).toBe(1);
    const copies = find(checks, 'one copy of the engine');
    expect(copies.status).toBe('fail');
    expect(copies.detail).toMatch(/@duckdb\/node-bindings@1.4.0-r.1 at .*some-orm/);
    expect(copies.fix).toMatch(/npm dedupe/);
  });

  // What an exact dependency on another @duckdb/node-api leaves behind: a second copy nested under the package that asked for it.
  it("fails on a second @duckdb/node-api, naming the project's own as the one measured", () => {
    const dir = project();
    put(join(dir, 'node_modules', '@frozen-duckdb', 'core', 'package.json'), JSON.stringify({ name: '@frozen-duckdb/core', version: '0.0.1' }));
    put(
      join(dir, 'node_modules', '@frozen-duckdb', 'core', 'node_modules', '@duckdb', 'node-api', 'package.json'),
      JSON.stringify({ name: '@duckdb/node-api', version: '1.5.6-r.1' }),
    );
    const { code, checks } = doctor([dir, '--offline']);
    expect(code).toBe(1);
    const copies = find(checks, 'one copy of the engine');
    expect(copies.status).toBe('fail');
    expect(copies.detail).toMatch(/@duckdb\/node-api@1.5.6-r.1 at .*@frozen-duckdb\/core\/node_modules/);
    expect(copies.fix).toContain(`the project's own @duckdb/node-api`);
    expect(copies.fix).toMatch(/npm ls @duckdb\/node-api.*npm dedupe/);
  });

  it('fails on a @duckdb/node-api outside the supported range, with the version to install', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    put(join(dir, 'node_modules', '@duckdb', 'node-api', 'package.json'), JSON.stringify({ name: '@duckdb/node-api', version: '1.4.4-r.4' }));
    const { code, checks } = doctor([dir, '--offline']);
    expect(code).toBe(1);
    expect(find(checks, 'engine version supported')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('1.4.4-r.4 is outside the range'),
      fix: expect.stringContaining(`npm install @duckdb/node-api@${recommendedNodeApiVersion()}`),
    });
  });

  it('fails on a deprecated duckdb package without its binding, and warns when it has one', () => {
    const dir = project();
    const pkg = { name: 'duckdb', version: '1.4.4', binary: { module_name: 'duckdb', module_path: './lib/binding/' } };
    put(join(dir, 'node_modules', 'duckdb', 'package.json'), JSON.stringify(pkg));
    const broken = doctor([dir, '--offline']);
    expect(broken.code).toBe(1);
    expect(find(broken.checks, 'deprecated duckdb package')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/has no lib\/binding\/duckdb.node/),
    });
    put(join(dir, 'node_modules', 'duckdb', 'lib', 'binding', 'duckdb.node'), 'built');
    const built = doctor([dir, '--offline']);
    expect(built.code).toBe(0);
    expect(find(built.checks, 'deprecated duckdb package')).toMatchObject({ status: 'warn', fix: expect.stringMatching(/@duckdb\/node-api/) });
  });

  it('fails when the engine is not installed for the project', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), '{"name":"empty","version":"1.0.0"}');
    const { code, checks } = doctor([dir, '--offline']);
    expect(code).toBe(1);
    expect(find(checks, 'engine packages installed')).toMatchObject({ status: 'fail', fix: `npm install @duckdb/node-api@${recommendedNodeApiVersion()}` });
  });

  it('fails on env vars that point at another library or version', () => {
    const other = tempDir();
    writeFileSync(join(other, 'libduckdb.so'), 'a different build');
    const { code, checks } = doctor([project(), '--offline'], { DUCKDB_LIB_DIR: other, LD_LIBRARY_PATH: other, DUCKDB_VERSION: 'v0.10.0' });
    expect(code).toBe(1);
    expect(find(checks, 'env: DUCKDB_LIB_DIR')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/differs from the installed/) });
    expect(find(checks, 'env: LD_LIBRARY_PATH')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/precedence over duckdb.node's RUNPATH/) });
    expect(find(checks, 'env: DUCKDB_VERSION').status).toBe('fail');
  });

  it('fails when the extension directory cannot be created', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a-file'), '');
    const { checks } = doctor([project(), '--offline'], { HOME: join(dir, 'a-file', 'home') });
    expect(find(checks, 'extension directory writable')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/is a file/) });
  });

  it('warns about Nx Cloud and a cache outside the workspace, fails on a broken nx.json', () => {
    const dir = project();
    writeFileSync(join(dir, 'nx.json'), JSON.stringify({ nxCloudId: 'abc', cacheDirectory: '/var/tmp/nx-cache' }));
    const { checks } = doctor([dir, '--offline']);
    expect(find(checks, 'nx: cloud off').status).toBe('warn');
    expect(find(checks, 'nx: cache inside workspace')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/outside the workspace/) });
    writeFileSync(join(dir, 'nx.json'), '{');
    expect(doctor([dir, '--offline']).code).toBe(1);
  });

  it('reports an unsupported platform as a failure with its fix', () => {
    const { code, checks } = doctor([project(), '--offline'], { FROZEN_DUCKDB_PLATFORM: 'sunos-sparc' });
    expect(code).toBe(1);
    expect(find(checks, 'platform supported')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/no prebuilt engine for sunos-sparc/) });
  });
});
