import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BINDING, LIBRARY, cli, tempDir } from './helpers.js';

describe('frozen-duckdb link-check', () => {
  it('passes on the installed engine and reports needs, versions and exports as JSON', () => {
    const run = cli(['link-check', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    const library = report.link.objects[0];
    expect(library.needed.map((n: { name: string }) => n.name)).toContain('libc.so.6');
    expect(library.needed.every((n: { path: string | null }) => n.path !== null)).toBe(true);
    expect(library.requiredGlibc).toMatch(/^2\.\d+$/);
    expect(library.exports.missingCore).toEqual([]);
    expect(report.checks.every((c: { status: string }) => c.status === 'pass')).toBe(true);
  });

  it('fails clearly, without a crash, on a truncated and on a non-ELF library', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'libduckdb.so'), readFileSync(BINDING).subarray(0, 5000));
    const truncated = cli(['link-check', '--library', join(dir, 'libduckdb.so'), '--binding', BINDING]);
    expect(truncated.code).toBe(1);
    expect(truncated.stdout).toMatch(/FAIL\s+library: ELF readable.*truncated/);
    writeFileSync(join(dir, 'text.so'), 'INPUT ( /usr/lib/libduckdb.so.1 )\n/* a linker script, not a library */\n');
    const text = cli(['link-check', '--library', join(dir, 'text.so'), '--binding', BINDING]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/no ELF magic/);
    expect(text.stderr).toBe('');
  });

  it('compiles, links and runs a C program against the library with cc', () => {
    const run = cli(['link-check', '--cc', '--json']);
    expect(run.code).toBe(0);
    const { cc } = JSON.parse(run.stdout);
    expect(cc.reportedVersion).toBe(cc.expectedVersion);
    expect(cc.answer).toBe(42);
    expect(cc.compileAndLinkMs).toBeGreaterThan(0);
  });

  it('exits 2 with a clear message when there is no C compiler', () => {
    const empty = tempDir();
    const noPath = cli(['link-check', '--cc'], { env: { PATH: empty, CC: '' } });
    expect(noPath.code).toBe(2);
    expect(noPath.stderr).toMatch(/no C compiler: 'cc' was not found/);
    const bad = cli(['link-check', '--cc', '--cc-path', join(empty, 'gcc-13')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/gcc-13' was not found/);
  });

  it('links against DUCKDB_LIB_DIR when it is set, and refuses one without the library', () => {
    const dir = tempDir();
    const wrong = cli(['link-check', '--cc'], { env: { DUCKDB_LIB_DIR: dir } });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/has no libduckdb.so/);
    mkdirSync(join(dir, 'lib'));
    copyFileSync(LIBRARY, join(dir, 'lib', 'libduckdb.so'));
    const copy = cli(['link-check', '--cc', '--json'], { env: { DUCKDB_LIB_DIR: join(dir, 'lib') } });
    rmSync(dir, { recursive: true, force: true });
    expect(copy.code).toBe(0);
    expect(JSON.parse(copy.stdout).cc.libDir).toBe(join(dir, 'lib'));
  });

  it('pins the engine with --update and catches drift with --verify', () => {
    const dir = tempDir();
    const manifest = join(dir, 'duckdb.lock.json');
    expect(cli(['link-check', '--verify', '--manifest', manifest]).code).toBe(2);
    expect(cli(['link-check', '--update', '--manifest', manifest]).code).toBe(0);
    expect(cli(['link-check', '--verify', '--manifest', manifest]).code).toBe(0);
    const lock = JSON.parse(readFileSync(manifest, 'utf8'));
    lock.platforms['linux-x64'].library.sha256 = '0'.repeat(64);
    writeFileSync(manifest, JSON.stringify(lock));
    const drift = cli(['link-check', '--verify', '--manifest', manifest]);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toMatch(/FAIL\s+manifest: engine matches\s+linux-x64 libduckdb.so sha256: expected 0{64}, found [0-9a-f]{64}/);
    writeFileSync(manifest, 'not json');
    const broken = cli(['link-check', '--update', '--manifest', manifest]);
    expect(broken.code).toBe(2);
    expect(readFileSync(manifest, 'utf8')).toBe('not json');
  });

  it('--update refuses a --manifest that is the library it checks, and a FIFO as --library does not hang', () => {
    const dir = tempDir();
    const copy = join(dir, 'libduckdb.so');
    copyFileSync(LIBRARY, copy);
    const before = readFileSync(copy);
    const run = cli(['link-check', '--update', '--library', copy, '--binding', BINDING, '--manifest', copy]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--manifest ${copy} is an engine file (${copy}), which this command reads`);
    expect(readFileSync(copy).equals(before)).toBe(true);
    execFileSync('mkfifo', [join(dir, 'fifo.so')]);
    const fifo = cli(['link-check', '--library', join(dir, 'fifo.so'), '--binding', BINDING]);
    expect(fifo.code).toBe(1);
    expect(fifo.stdout).toMatch(/FAIL\s+library/);
  });

  it('refuses --verify with --update', () => {
    const run = cli(['link-check', '--verify', '--update']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot be combined/);
  });

  it('verifies the committed duckdb.lock.json at the workspace root', () => {
    expect(cli(['link-check', '--verify']).code).toBe(0);
  });
});
