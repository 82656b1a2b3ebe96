import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { bufferSource, fileSource, readElf, ElfFormatError } from '../src/index.js';
import { BINDING, LIBRARY } from './helpers.js';

function readelf(args: string[], file: string): string {
  return execFileSync('readelf', [...args, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

describe('readElf on the installed engine', () => {
  const source = fileSource(LIBRARY);
  const library = readElf(source, LIBRARY, { symbols: true });
  source.close();

  it('reads the same DT_NEEDED list and soname as binutils readelf', () => {
    const dynamic = readelf(['-d'], LIBRARY);
    const needed = [...dynamic.matchAll(/\(NEEDED\)\s+Shared library: \[(.+)\]/g)].map((m) => m[1]);
    expect(library.needed).toEqual(needed);
    expect(library.soname).toBe('libduckdb.so');
    expect(library).toMatchObject({ bits: 64, endian: 'little', type: 'ET_DYN', machine: 'x86-64' });
  });

  it('reads the same required symbol versions as readelf -V', () => {
    const text = readelf(['-V'], LIBRARY);
    const section = text.slice(text.indexOf("'.gnu.version_r'"));
    const expected = [...section.matchAll(/Name: (\S+)\s+Flags/g)].map((m) => m[1]).sort();
    expect(library.versionNeeds.flatMap((n) => n.versions).sort()).toEqual(expected);
  });

  it('lists exactly the defined duckdb_* functions readelf lists', () => {
    const syms = readelf(['--dyn-syms', '-W'], LIBRARY)
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .filter((f) => f[3] === 'FUNC' && f[4] !== 'LOCAL' && f[6] !== 'UND' && f[7]?.startsWith('duckdb_'))
      .map((f) => f[7]!.replace(/@.*$/, ''));
    const ours = library.exportedSymbols.filter((s) => s.kind === 'function' && s.name.startsWith('duckdb_')).map((s) => s.name);
    expect(new Set(ours)).toEqual(new Set(syms));
    expect(ours.length).toBeGreaterThan(500);
  });

  it('lists exactly the undefined duckdb_* symbols readelf lists for duckdb.node (what instruction counting toggles on)', () => {
    const syms = readelf(['--dyn-syms', '-W'], BINDING)
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .filter((f) => f[6] === 'UND' && (f[4] === 'GLOBAL' || f[4] === 'WEAK') && f[7]?.startsWith('duckdb_'))
      .map((f) => f[7]!.replace(/@.*$/, ''));
    const s = fileSource(BINDING);
    const ours = readElf(s, BINDING, { symbols: true }).importedSymbols.filter((name) => name.startsWith('duckdb_'));
    s.close();
    expect(new Set(ours)).toEqual(new Set(syms));
    expect(ours.length).toBeGreaterThan(300);
  });

  it('reads RUNPATH $ORIGIN from duckdb.node and the version definitions of the system libc', () => {
    const s = fileSource(BINDING);
    expect(readElf(s, BINDING).runpath).toEqual(['$ORIGIN']);
    s.close();
    const libc = '/lib/x86_64-linux-gnu/libc.so.6';
    const c = fileSource(libc);
    const defs = readElf(c, libc).versionDefs;
    c.close();
    expect(defs).toContain('GLIBC_2.2.5');
    expect(defs).not.toContain('libc.so.6');
  });
});

describe('readElf on damaged files', () => {
  const whole = readFileSync(BINDING);

  it('fails with ElfFormatError at every truncation point, never a RangeError', () => {
    for (const length of [0, 3, 15, 16, 40, 63, 64, 500, 4096, whole.length >> 1, whole.length - 1]) {
      expect(() => readElf(bufferSource(whole.subarray(0, length)), `cut-${length}`)).toThrow(ElfFormatError);
    }
  });

  it('names what is wrong with a file that is not ELF', () => {
    expect(() => readElf(bufferSource(Buffer.from('#!/bin/sh\necho this is a script\n')), 'script')).toThrow(/no ELF magic/);
    const macho = Buffer.alloc(64);
    macho.writeUInt32BE(0xcffaedfe, 0);
    expect(() => readElf(bufferSource(macho), 'lib.dylib')).toThrow(/Mach-O/);
  });

  it('never throws anything but ElfFormatError on corrupted headers', () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 200; i++) {
      const copy = Buffer.from(whole);
      // Corrupt a few bytes of the ELF header or the section header table.
      const shoff = Number(whole.readBigUInt64LE(40));
      for (let j = 0; j < 4; j++) {
        const at = random() < 0.5 ? 16 + Math.floor(random() * 48) : shoff + Math.floor(random() * (whole.length - shoff));
        copy[at] = Math.floor(random() * 256);
      }
      try {
        readElf(bufferSource(copy), 'corrupt', { symbols: true });
      } catch (error) {
        expect(error).toBeInstanceOf(ElfFormatError);
      }
    }
  });
});
