import { closeSync, constants, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { fileSource } from './byte-source.js';
import { CORE_C_API } from './c-api.js';
import { check, type Check } from './check.js';
import { readElf, type ElfInfo } from './elf.js';
import { ElfFormatError } from './errors.js';
import { defaultLibraryDirs, originOf, readLdCache, resolveNeeded, type LdCacheEntry, type ResolvedLibrary } from './library-search.js';
import { highestVersion } from './versions.js';

/** A needed library: where it resolved, which symbol versions the object needs from it, which it lacks. */
export interface NeededReport extends ResolvedLibrary {
  required: string[];
  /** Versions the resolved library defines; null when it did not resolve. */
  available: string[] | null;
  missing: string[];
}

export type ObjectFormat = 'elf' | 'mach-o' | 'pe' | 'unreadable';

export interface ObjectReport {
  role: 'library' | 'binding';
  path: string;
  format: ObjectFormat;
  elf: Pick<ElfInfo, 'bits' | 'endian' | 'type' | 'machine' | 'soname' | 'runpath' | 'rpath' | 'interpreter'> | null;
  needed: NeededReport[];
  /** Highest GLIBC_ / GLIBCXX_ version the object needs. */
  requiredGlibc: string | null;
  requiredGlibcxx: string | null;
  /** Exported duckdb_* functions (library only). */
  exports: { duckdbFunctions: number; missingCore: string[] } | null;
  /** What this report could not check, said rather than pretended. */
  notChecked: string[];
  error: string | null;
}

export interface LinkReport {
  objects: ObjectReport[];
  /** GLIBC versions the system's libc defines (highest), when it was found. */
  systemGlibc: string | null;
  checks: Check[];
}

export interface LinkCheckInput {
  libraryPath: string;
  bindingPath: string;
  env?: NodeJS.ProcessEnv;
  /** The ld.so.cache; read with ldconfig when absent. */
  ldCache?: LdCacheEntry[] | null;
}

/** Reads both engine files and checks that they link on this system. */
export function linkCheck(input: LinkCheckInput): LinkReport {
  const env = input.env ?? process.env;
  const cache = input.ldCache === undefined ? readLdCache() : input.ldCache;
  const objects = [inspectObject(input.libraryPath, 'library', env, cache), inspectObject(input.bindingPath, 'binding', env, cache)];
  const libc = objects.flatMap((o) => o.needed).find((n) => n.name === 'libc.so.6' && n.available);
  const systemGlibc = libc?.available ? highestVersion(libc.available, 'GLIBC_') : null;
  const checks = objects.flatMap((o) => objectChecks(o, systemGlibc));
  const binding = objects[1]!;
  const ownLibrary = binding.needed.find((n) => n.name === basename(input.libraryPath));
  if (binding.format === 'elf' && ownLibrary) {
    checks.push(
      ownLibrary.path === input.libraryPath
        ? check('binding: loads the library beside it', 'pass', `${ownLibrary.name} resolves through ${ownLibrary.via} to ${ownLibrary.path}`)
        : check(
            'binding: loads the library beside it',
            ownLibrary.path ? 'warn' : 'fail',
            ownLibrary.path
              ? `${ownLibrary.name} resolves through ${ownLibrary.via} to ${ownLibrary.path}, not ${input.libraryPath}`
              : `${ownLibrary.name} does not resolve`,
            ownLibrary.via === 'LD_LIBRARY_PATH'
              ? "remove the other libduckdb folder from LD_LIBRARY_PATH (it takes precedence over the binding's RUNPATH)"
              : 'reinstall the platform package so duckdb.node and libduckdb sit side by side',
          ),
    );
  }
  return { objects, systemGlibc, checks };
}

/** Reads one object; a file that is not ELF becomes a report with an error, never an exception. */
export function inspectObject(path: string, role: ObjectReport['role'], env: NodeJS.ProcessEnv, cache: LdCacheEntry[] | null): ObjectReport {
  const base: ObjectReport = {
    role,
    path,
    format: 'unreadable',
    elf: null,
    needed: [],
    requiredGlibc: null,
    requiredGlibcxx: null,
    exports: null,
    notChecked: [],
    error: null,
  };
  const format = sniffFormat(path);
  if (format === 'mach-o' || format === 'pe') {
    return {
      ...base,
      format,
      notChecked: [
        `needed libraries and where they resolve (${format === 'mach-o' ? 'LC_LOAD_DYLIB' : 'the import table'} is not read)`,
        'required symbol versions',
        'exported duckdb_* symbols',
      ],
    };
  }
  let source;
  try {
    source = fileSource(path);
  } catch (error) {
    return { ...base, error: `${path} cannot be opened: ${(error as Error).message}` };
  }
  try {
    const elf = readElf(source, path, { symbols: role === 'library' });
    const ctx = { origin: originOf(path), elf, ldLibraryPath: env.LD_LIBRARY_PATH, cache, defaultDirs: defaultLibraryDirs(elf) };
    const needed = elf.needed.map((name) => withVersions(resolveNeeded(name, ctx), elf));
    const versions = elf.versionNeeds.flatMap((n) => n.versions);
    const exported = new Set(elf.exportedSymbols.filter((s) => s.kind === 'function' && s.name.startsWith('duckdb_')).map((s) => s.name));
    return {
      ...base,
      format: 'elf',
      elf: {
        bits: elf.bits,
        endian: elf.endian,
        type: elf.type,
        machine: elf.machine,
        soname: elf.soname,
        runpath: elf.runpath,
        rpath: elf.rpath,
        interpreter: elf.interpreter,
      },
      needed,
      requiredGlibc: highestVersion(versions, 'GLIBC_'),
      requiredGlibcxx: highestVersion(versions, 'GLIBCXX_'),
      exports: role === 'library' ? { duckdbFunctions: exported.size, missingCore: CORE_C_API.filter((f) => !exported.has(f)) } : null,
    };
  } catch (error) {
    if (error instanceof ElfFormatError) return { ...base, error: error.message };
    throw error;
  } finally {
    source.close();
  }
}

function withVersions(resolved: ResolvedLibrary, elf: ElfInfo): NeededReport {
  const required = elf.versionNeeds.find((n) => n.file === resolved.name)?.versions ?? [];
  if (!resolved.path) return { ...resolved, required, available: null, missing: required };
  let available: string[] = [];
  const source = fileSource(resolved.path);
  try {
    available = readElf(source, resolved.path).versionDefs;
  } finally {
    source.close();
  }
  return { ...resolved, required, available, missing: required.filter((v) => !available.includes(v)) };
}

function sniffFormat(path: string): ObjectFormat {
  let fd;
  try {
    // Without blocking on a FIFO that has no writer (its read then gives nothing: unreadable).
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return 'unreadable';
  }
  try {
    const b = Buffer.alloc(4);
    if (readSync(fd, b, 0, 4, 0) < 4) return 'unreadable';
    const magic = b.readUInt32BE(0);
    if (magic === 0x7f454c46) return 'elf';
    if ([0xcffaedfe, 0xcefaedfe, 0xfeedfacf, 0xfeedface, 0xcafebabe].includes(magic)) return 'mach-o';
    if (b[0] === 0x4d && b[1] === 0x5a) return 'pe';
    return 'unreadable';
  } catch {
    // A folder opens on Linux but cannot be read (EISDIR).
    return 'unreadable';
  } finally {
    closeSync(fd);
  }
}

function objectChecks(o: ObjectReport, systemGlibc: string | null): Check[] {
  const file = basename(o.path);
  const name = (what: string): string => `${o.role}: ${what}`;
  if (o.format === 'mach-o' || o.format === 'pe') {
    return [
      check(
        name('linking'),
        'skip',
        `${file} is ${o.format === 'pe' ? 'a PE' : 'a Mach-O'} file; not checked: ${o.notChecked.join('; ')}`,
        'run link-check on Linux for these checks; the manifest and --cc still run here',
      ),
    ];
  }
  if (!o.elf) {
    return [check(name('ELF readable'), 'fail', o.error ?? `${o.path} is not an ELF file`, 'reinstall the engine: `rm -rf node_modules && npm ci`')];
  }
  const checks = [
    check(
      name('ELF readable'),
      'pass',
      `${file}: ELF ${o.elf.bits}-bit ${o.elf.machine} ${o.elf.type}${o.elf.soname ? `, soname ${o.elf.soname}` : ''}${o.elf.runpath.length ? `, RUNPATH ${o.elf.runpath.join(':')}` : ''}`,
    ),
  ];
  const unresolved = o.needed.filter((n) => !n.path);
  checks.push(
    unresolved.length === 0
      ? check(name('needed libraries resolve'), 'pass', `${o.needed.length} of ${o.needed.length}: ${o.needed.map((n) => n.name).join(', ')}`)
      : check(
          name('needed libraries resolve'),
          'fail',
          `not found: ${unresolved.map((n) => n.name).join(', ')}`,
          `install the package that provides ${unresolved[0]!.name} or add its folder to LD_LIBRARY_PATH`,
        ),
  );
  const missing = o.needed.filter((n) => n.path && n.missing.length > 0);
  const needs = [o.requiredGlibc && `GLIBC_${o.requiredGlibc}`, o.requiredGlibcxx && `GLIBCXX_${o.requiredGlibcxx}`].filter(Boolean).join(', ');
  checks.push(
    missing.length === 0
      ? check(name('symbol versions available'), 'pass', `needs up to ${needs || 'no versioned symbols'}${systemGlibc ? `; system glibc ${systemGlibc}` : ''}`)
      : check(
          name('symbol versions available'),
          'fail',
          missing.map((n) => `${n.name} lacks ${n.missing.join(', ')}`).join('; '),
          `use a system with glibc >= ${o.requiredGlibc ?? '?'} and libstdc++ with GLIBCXX_${o.requiredGlibcxx ?? '?'} (or the -musl package on Alpine)`,
        ),
  );
  if (o.exports) {
    checks.push(
      o.exports.missingCore.length === 0
        ? check(name('C API exported'), 'pass', `${o.exports.duckdbFunctions} duckdb_* functions; all ${CORE_C_API.length} core functions present`)
        : check(
            name('C API exported'),
            'fail',
            `${o.exports.duckdbFunctions} duckdb_* functions; missing ${o.exports.missingCore.join(', ')}`,
            'this is not a complete DuckDB library: reinstall the platform package',
          ),
    );
  }
  return checks;
}
