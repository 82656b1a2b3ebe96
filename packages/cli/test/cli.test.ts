import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliSync } from '../../../tools/testing/run-cli.js';
import { commands } from '../src/commands/index.js';

const cli = (...args: string[]) => runCliSync(args);

describe('frozen-duckdb info', () => {
  it('--json names files that exist and the version the library reports', () => {
    const { code, stdout } = cli('info', '--json');
    expect(code).toBe(0);
    const info = JSON.parse(stdout);
    expect(existsSync(info.bindingPath)).toBe(true);
    expect(existsSync(info.libraryPath)).toBe(true);
    expect(existsSync(info.platformPackage.dir)).toBe(true);
    expect(info.duckdbVersion).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(info.nodeApi.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('prints a readable table', () => {
    const { code, stdout } = cli('info');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^DuckDB\s+v\d+\.\d+\.\d+/m);
    expect(stdout).toMatch(/^library\s+\/.*libduckdb/m);
  });
});

describe('usage', () => {
  it('an unknown command exits 2 with a usage line', () => {
    const { code, stderr } = cli('frobnicate');
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'frobnicate'");
    expect(stderr).toContain('usage: frozen-duckdb');
  });

  it('an unknown flag exits 2 and names the flag', () => {
    const { code, stderr } = cli('info', '--jsn');
    expect(code).toBe(2);
    expect(stderr).toContain("'--jsn'");
    expect(stderr).toContain('usage: frozen-duckdb info [--json]');
  });

  it('a value given to a boolean flag exits 2', () => {
    const { code, stderr } = cli('info', '--json=yes');
    expect(code).toBe(2);
    expect(stderr).toContain('--json');
  });

  it('an unexpected argument exits 2', () => {
    const { code, stderr } = cli('info', 'extra');
    expect(code).toBe(2);
    expect(stderr).toContain("'extra'");
  });

  it('a command whose last positional repeats takes any number of them; one past a fixed list is refused', () => {
    const files = Array.from({ length: 50 }, (_, i) => `missing-${i}.json`);
    const many = cli('history', 'import', ...files, '--history', join(tmpdir(), 'never-opened.duckdb'));
    expect(many.code).toBe(2);
    expect(many.stderr).not.toContain('unexpected argument');
    expect(many.stderr).toContain('missing-0.json');
    const extra = cli('report', '--html', join(tmpdir(), 'never-written.html'), '.', 'extra');
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain("unexpected argument 'extra'");
  });

  it('no command prints the list of commands and exits 2; --help exits 0', () => {
    const none = cli();
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('Commands:');
    const help = cli('--help');
    expect(help.code).toBe(0);
    for (const command of commands) expect(help.stdout).toContain(command.name);
  });

  it.each(commands.map((c) => c.name))('%s --help prints its usage and exits 0', (name) => {
    const { code, stdout } = cli(name, '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: frozen-duckdb ${name}`));
  });
});

describe('a reader that goes away', () => {
  it('ends the command quietly when its output pipe is closed (frozen-duckdb ... | head)', async () => {
    const { spawn } = await import('node:child_process');
    const { CLI_BIN } = await import('../../../tools/testing/run-cli.js');
    // The pipe's reader is closed before the command writes its help, as `head -c 0` would.
    const child = spawn(process.execPath, [CLI_BIN, 'download', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).not.toContain('Unhandled');
    expect(code).toBe(0);
  });
});
