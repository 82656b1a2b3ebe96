// The engine the commands measure is the project's own @duckdb/node-api, found from the working folder;
// one outside the supported range stops them with exit 2 and the version to install.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recommendedNodeApiVersion, supportedNodeApiRange } from '@frozen-duckdb/core';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'bin', 'frozen-duckdb.js');
const nodeApi = dirname(createRequire(join(here, '..', '..', 'core', 'package.json')).resolve('@duckdb/node-api/package.json'));
const bindings = dirname(createRequire(join(nodeApi, 'package.json')).resolve('@duckdb/node-bindings/package.json'));

let root: string;
beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'cli-engine-')));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A project with its own copy of @duckdb/node-api (its version label `version` when given). */
function project(name: string, version?: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'node_modules', '@duckdb'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true }));
  cpSync(nodeApi, join(dir, 'node_modules', '@duckdb', 'node-api'), { recursive: true });
  symlinkSync(bindings, join(dir, 'node_modules', '@duckdb', 'node-bindings'));
  if (version) {
    const file = join(dir, 'node_modules', '@duckdb', 'node-api', 'package.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), version }));
  }
  return dir;
}

const cli = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });

describe("the project's own engine", () => {
  it("info names the project's copy of @duckdb/node-api and the supported range", () => {
    const dir = project('own');
    const run = cli(dir, 'info');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`^@duckdb/node-api\\s+\\S+ \\(the project's, ${join(dir, 'node_modules', '@duckdb', 'node-api').replace(/[/.]/g, '\\$&')}\\)$`, 'm'),
    );
    expect(run.stdout).toContain(supportedNodeApiRange());
  });

  it('an unsupported version stops the command with exit 2, naming the version, the range and the fix', () => {
    const run = cli(project('old', '1.4.4-r.4'), 'info');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('@duckdb/node-api 1.4.4-r.4');
    expect(run.stderr).toContain(`it supports ${supportedNodeApiRange()}`);
    expect(run.stderr).toContain(`fix: install a supported version in your project: \`npm install @duckdb/node-api@${recommendedNodeApiVersion()}\``);
  });
});
