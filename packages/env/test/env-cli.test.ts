import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_BIN } from '../../../tools/testing/run-cli.js';
import { ENGINE_DIR, cli, tempDir } from './helpers.js';

const C_PROGRAM = `#include <stdio.h>
const char *duckdb_library_version(void);
int main(void) { printf("%s\\n", duckdb_library_version()); return 0; }
`;

function sh(shell: string, script: string, cwd: string, env: NodeJS.ProcessEnv = {}): { code: number; stdout: string; stderr: string } {
  const run = spawnSync(shell, ['-c', script], { cwd, env: { ...process.env, LD_LIBRARY_PATH: '/opt/keep-me', LIBRARY_PATH: '', ...env }, encoding: 'utf8' });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

describe('frozen-duckdb env', () => {
  it('shows the platform, the matrix and the engine', () => {
    const run = cli(['env', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.supported).toBe(true);
    expect(report.engine.libDir).toBe(ENGINE_DIR);
    expect(report.engine.duckdbVersion).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(report.include.status).toBe('unset');
    expect(report.platform.glibcVersion).toMatch(/^2\.\d+$/);
  });

  it('says what to do on an unsupported platform', () => {
    const run = cli(['env'], { env: { FROZEN_DUCKDB_PLATFORM: 'sunos-sparc' } });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/supported\s+no: .*linux-x64/);
    expect(run.stderr).toMatch(/no prebuilt engine for sunos-sparc \(set by FROZEN_DUCKDB_PLATFORM\)/);
    expect(run.stderr).toMatch(/fix: .*build DuckDB from source/);
    const shell = cli(['env', '--shell', 'bash'], { env: { FROZEN_DUCKDB_PLATFORM: 'sunos-sparc' } });
    expect(shell.code).toBe(2);
    expect(shell.stdout).toBe('');
    const bad = cli(['env'], { env: { FROZEN_DUCKDB_PLATFORM: 'not a platform' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/is not a platform/);
  });

  it('after eval of the bash exports, cc app.c -lduckdb links and runs against the same engine', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'app.c'), C_PROGRAM);
    const run = sh(
      'bash',
      `eval "$("${process.execPath}" "${CLI_BIN}" env --shell bash)" && cc app.c -lduckdb -o app && ./app && echo "LD=$LD_LIBRARY_PATH"`,
      dir,
    );
    expect(run.stderr).toMatch(/note: DUCKDB_INCLUDE_DIR not set/);
    expect(run.code).toBe(0);
    const [version, ld] = run.stdout.trim().split('\n');
    expect(version).toBe(JSON.parse(cli(['env', '--json']).stdout).engine.duckdbVersion);
    expect(ld).toBe(`LD=${ENGINE_DIR}:/opt/keep-me`);
  });

  it('prints exports that zsh and fish evaluate, extending the loader path', () => {
    const shells = ['zsh', 'fish'].filter((shell) => spawnSync(shell, ['-c', 'true']).status === 0);
    for (const shell of shells) {
      const load =
        shell === 'fish' ? `"${process.execPath}" "${CLI_BIN}" env --shell fish | source` : `eval "$("${process.execPath}" "${CLI_BIN}" env --shell zsh)"`;
      const run = sh(shell, `${load}; ${load}; echo "$LD_LIBRARY_PATH"`, tempDir());
      expect({ shell, out: run.stdout.trim() }).toEqual({ shell, out: `${ENGINE_DIR}:/opt/keep-me` });
    }
  });

  it('writes a setup_env.sh that works when sourced from any folder, in bash and in dash', () => {
    const project = tempDir();
    const write = cli(['env', '--write', 'setup_env.sh'], { cwd: project });
    expect(write.code).toBe(0);
    expect(write.stderr).toMatch(/wrote .*setup_env.sh/);
    writeFileSync(join(project, 'app.c'), C_PROGRAM);
    const elsewhere = tempDir();
    mkdirSync(join(elsewhere, 'deep'));
    for (const shell of ['bash', 'sh']) {
      const run = sh(
        shell,
        `. "${join(project, 'setup_env.sh')}" && . "${join(project, 'setup_env.sh')}" && echo "$DUCKDB_LIB_DIR|$LD_LIBRARY_PATH" && cc "${join(project, 'app.c')}" -lduckdb -o app && ./app`,
        join(elsewhere, 'deep'),
      );
      expect(run.code).toBe(0);
      const [paths, version] = run.stdout.trim().split('\n');
      expect(paths).toBe(`${ENGINE_DIR}|${ENGINE_DIR}:/opt/keep-me`);
      expect(version).toMatch(/^v\d/);
    }
    const executed = sh('bash', `bash "${join(project, 'setup_env.sh')}"`, elsewhere);
    expect(executed.stderr).toMatch(/source this file/);
  });

  it('appends to $GITHUB_ENV, and refuses --shell github without it', () => {
    const dir = tempDir();
    const file = join(dir, 'github_env');
    writeFileSync(file, 'EXISTING=1\n');
    expect(cli(['env', '--shell', 'github'], { env: { GITHUB_ENV: file, LD_LIBRARY_PATH: '/usr/local/lib' } }).code).toBe(0);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('EXISTING=1');
    expect(lines).toContain(`DUCKDB_LIB_DIR=${ENGINE_DIR}`);
    expect(lines).toContain(`LD_LIBRARY_PATH=${ENGINE_DIR}:/usr/local/lib`);
    const missing = cli(['env', '--shell', 'github'], { env: { GITHUB_ENV: '' } });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/GITHUB_ENV, which is not set/);
  });

  it('writes dotenv files and never leaves half a file when the folder is missing', () => {
    const dir = tempDir();
    expect(cli(['env', '--write', '.env'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, '.env'), 'utf8')).toMatch(/^DUCKDB_LIB_DIR=.*\nDUCKDB_VERSION=v/);
    const missing = cli(['env', '--write', join(dir, 'no', 'such', 'setup_env.sh')]);
    expect(missing.code).toBe(2);
    expect(existsSync(join(dir, 'no'))).toBe(false);
    expect(cli(['env', '--shell', 'tcsh']).code).toBe(2);
  });

  it('--write refuses a file that exists unless --force, like convert, download and tpch answers', () => {
    const dir = tempDir();
    const file = join(dir, 'duckdb.lock.json');
    writeFileSync(file, '{"keep": "me"}\n');
    const refused = cli(['env', '--write', file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`output exists already: ${file}`);
    expect(refused.stderr).toMatch(/^fix: pass --force to replace it/m);
    expect(readFileSync(file, 'utf8')).toBe('{"keep": "me"}\n');
    expect(cli(['env', '--write', file, '--force']).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^# Generated by `frozen-duckdb env --write`/);
    expect(cli(['env', '--force']).code).toBe(2);
  });

  it('checks DUCKDB_INCLUDE_DIR: missing header, matching header, header from another build', () => {
    const dir = tempDir();
    const json = (env: NodeJS.ProcessEnv) => JSON.parse(cli(['env', '--json'], { env }).stdout).include;
    expect(json({ DUCKDB_INCLUDE_DIR: dir })).toMatchObject({ status: 'missing' });
    const decl = (names: string[]) => names.map((n) => `DUCKDB_C_API duckdb_state ${n}(duckdb_connection connection);`).join('\n');
    writeFileSync(join(dir, 'duckdb.h'), `#pragma once\n${decl(['duckdb_connect', 'duckdb_query', 'duckdb_library_version'])}\n`);
    expect(json({ DUCKDB_INCLUDE_DIR: dir })).toMatchObject({ status: 'matches', declared: 3 });
    writeFileSync(join(dir, 'duckdb.h'), `${decl(['duckdb_connect', 'duckdb_function_from_the_future'])}\n`);
    expect(json({ DUCKDB_INCLUDE_DIR: dir })).toMatchObject({ status: 'differs', missingInLibrary: ['duckdb_function_from_the_future'] });
    writeFileSync(join(dir, 'duckdb.h'), `#define DUCKDB_VERSION "v0.9.2"\n${decl(['duckdb_connect'])}\n`);
    const old = json({ DUCKDB_INCLUDE_DIR: dir });
    expect(old).toMatchObject({ status: 'differs', headerVersion: 'v0.9.2' });
    const shell = cli(['env', '--shell', 'bash'], { env: { DUCKDB_INCLUDE_DIR: dir } });
    expect(shell.stderr).toMatch(/warning: .*states v0.9.2/);
  });
});
