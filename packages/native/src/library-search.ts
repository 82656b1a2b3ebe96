import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileSource } from './byte-source.js';
import { readElf, type ElfInfo } from './elf.js';

/** One line of `ldconfig -p`: a library name, its flags (ABI) and where it is. */
export interface LdCacheEntry {
  name: string;
  flags: string;
  path: string;
}

/** Where a DT_NEEDED name resolved, in the loader's search order, or null when it does not. */
export interface ResolvedLibrary {
  name: string;
  path: string | null;
  via: 'path' | 'DT_RPATH' | 'LD_LIBRARY_PATH' | 'DT_RUNPATH' | 'ld.so.cache' | 'default dirs' | null;
}

/** Parses `ldconfig -p` output: lines like `libc.so.6 (libc6,x86-64) => /lib/x86_64-linux-gnu/libc.so.6`. */
export function parseLdconfig(text: string): LdCacheEntry[] {
  const entries: LdCacheEntry[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*(\S+)\s+\(([^)]*)\)(?:\s+OS ABI:[^=]*)?\s+=>\s+(\S.*)$/.exec(line);
    if (m) entries.push({ name: m[1]!, flags: m[2]!, path: m[3]!.trim() });
  }
  return entries;
}

/** The ABI tag ldconfig prints for objects of this class and machine (an entry must match to be used). */
export function ldCacheTag(elf: Pick<ElfInfo, 'bits' | 'machine'>): (flags: string) => boolean {
  const tag: Record<string, string> = { 'x86-64': 'x86-64', aarch64: 'AArch64', ppc64: '64bit', riscv: 'riscv64', sparcv9: '64bit' };
  const want = tag[elf.machine];
  return (flags) => (want ? flags.includes(want) : !/x86-64|AArch64|64bit/.test(flags));
}

/** Reads the system's ld.so.cache through ldconfig; null where there is none (musl, macOS). */
export function readLdCache(): LdCacheEntry[] | null {
  for (const ldconfig of ['ldconfig', '/sbin/ldconfig', '/usr/sbin/ldconfig']) {
    try {
      return parseLdconfig(execFileSync(ldconfig, ['-p'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    } catch {
      // Not on PATH (non-root shells often lack /sbin): try the next place.
    }
  }
  return null;
}

/** The loader's built-in directories for this machine (the multiarch ones first, as Debian's loader has them). */
export function defaultLibraryDirs(elf: Pick<ElfInfo, 'bits' | 'machine'>): string[] {
  const triplets: Record<string, string> = { 'x86-64': 'x86_64-linux-gnu', aarch64: 'aarch64-linux-gnu', x86: 'i386-linux-gnu', arm: 'arm-linux-gnueabihf' };
  const triplet = triplets[elf.machine];
  const multiarch = triplet ? [`/lib/${triplet}`, `/usr/lib/${triplet}`] : [];
  const lib64 = elf.bits === 64 ? ['/lib64', '/usr/lib64'] : [];
  return [...multiarch, ...lib64, '/lib', '/usr/lib', '/usr/local/lib'];
}

export interface SearchContext {
  /** The folder of the object whose needs are resolved ($ORIGIN). */
  origin: string;
  elf: Pick<ElfInfo, 'bits' | 'machine' | 'runpath' | 'rpath'>;
  ldLibraryPath: string | undefined;
  cache: LdCacheEntry[] | null;
  defaultDirs: string[];
}

/** Resolves one DT_NEEDED name the way glibc's loader does: RPATH, LD_LIBRARY_PATH, RUNPATH, cache, default dirs. */
export function resolveNeeded(name: string, ctx: SearchContext): ResolvedLibrary {
  const compatible = (path: string): boolean => existsSync(path) && sameAbi(path, ctx.elf);
  if (name.includes('/')) {
    const path = resolve(ctx.origin, name);
    return { name, path: compatible(path) ? path : null, via: compatible(path) ? 'path' : null };
  }
  const expand = (dir: string): string => dir.replace(/\$\{?ORIGIN\}?/g, ctx.origin);
  const inDirs = (dirs: string[]): string | null => {
    for (const dir of dirs) {
      const path = join(expand(dir), name);
      if (compatible(path)) return path;
    }
    return null;
  };
  const order: [ResolvedLibrary['via'], () => string | null][] = [
    // DT_RPATH is ignored when DT_RUNPATH is present.
    ['DT_RPATH', () => (ctx.elf.runpath.length === 0 ? inDirs(ctx.elf.rpath) : null)],
    ['LD_LIBRARY_PATH', () => inDirs((ctx.ldLibraryPath ?? '').split(/[:;]/).filter((d) => d !== ''))],
    ['DT_RUNPATH', () => inDirs(ctx.elf.runpath)],
    [
      'ld.so.cache',
      () => {
        const matches = ldCacheTag(ctx.elf);
        return ctx.cache?.find((e) => e.name === name && matches(e.flags) && existsSync(e.path))?.path ?? null;
      },
    ],
    ['default dirs', () => inDirs(ctx.defaultDirs)],
  ];
  for (const [via, find] of order) {
    const path = find();
    if (path) return { name, path, via };
  }
  return { name, path: null, via: null };
}

function sameAbi(path: string, elf: Pick<ElfInfo, 'bits' | 'machine'>): boolean {
  let source;
  try {
    source = fileSource(path);
  } catch {
    return false;
  }
  try {
    const other = readElf(source, path);
    return other.bits === elf.bits && other.machine === elf.machine;
  } catch {
    // The loader skips files it cannot use and keeps searching; so do we.
    return false;
  } finally {
    source.close();
  }
}

/** $ORIGIN for an object: its own folder. */
export function originOf(path: string): string {
  return dirname(resolve(path));
}
