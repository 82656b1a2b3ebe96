import { execFileSync } from 'node:child_process';
import { copyFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultLibraryDirs, fileSource, parseLdconfig, readElf, readLdCache, resolveNeeded } from '../src/index.js';
import { BINDING, ENGINE_DIR, LIBRARY, tempDir } from './helpers.js';

const source = fileSource(BINDING);
const binding = readElf(source, BINDING);
source.close();
const cache = readLdCache();
const ctx = (ldLibraryPath?: string) => ({ origin: ENGINE_DIR, elf: binding, ldLibraryPath, cache, defaultDirs: defaultLibraryDirs(binding) });

describe('library search', () => {
  it('parses ldconfig -p lines', () => {
    const text = execFileSync('ldconfig', ['-p'], { encoding: 'utf8' });
    const entries = parseLdconfig(text);
    expect(entries.length).toBeGreaterThan(10);
    expect(entries.find((e) => e.name === 'libc.so.6')).toMatchObject({
      flags: expect.stringContaining('x86-64'),
      path: expect.stringMatching(/libc\.so\.6$/),
    });
  });

  it('resolves libduckdb.so through RUNPATH $ORIGIN and libc through the cache', () => {
    expect(resolveNeeded('libduckdb.so', ctx())).toEqual({ name: 'libduckdb.so', path: LIBRARY, via: 'DT_RUNPATH' });
    expect(resolveNeeded('libc.so.6', ctx()).via).toBe('ld.so.cache');
    expect(resolveNeeded('libc.so.6', { ...ctx(), cache: null }).via).toBe('default dirs');
    expect(resolveNeeded('libnot-a-library.so.9', ctx())).toEqual({ name: 'libnot-a-library.so.9', path: null, via: null });
  });

  it('lets LD_LIBRARY_PATH win over RUNPATH, and skips files that are not loadable ELF', () => {
    const other = tempDir();
    symlinkSync(LIBRARY, join(other, 'libduckdb.so'));
    expect(resolveNeeded('libduckdb.so', ctx(other))).toEqual({ name: 'libduckdb.so', path: join(other, 'libduckdb.so'), via: 'LD_LIBRARY_PATH' });
    const junk = tempDir();
    writeFileSync(join(junk, 'libduckdb.so'), 'not a library');
    expect(resolveNeeded('libduckdb.so', ctx(junk)).via).toBe('DT_RUNPATH');
    const sameAbi = tempDir();
    // Any ELF of the same class and machine is taken, as the loader does (it fails later on missing symbols).
    copyFileSync(BINDING, join(sameAbi, 'libduckdb.so'));
    expect(resolveNeeded('libduckdb.so', ctx(sameAbi)).via).toBe('LD_LIBRARY_PATH');
  });
});
