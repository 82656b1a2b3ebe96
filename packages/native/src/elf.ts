import type { ByteSource } from './byte-source.js';
import { ElfFormatError } from './errors.js';

/** What the dynamic loader needs to know about an ELF shared object, read without running it. */
export interface ElfInfo {
  bits: 32 | 64;
  endian: 'little' | 'big';
  /** ET_DYN for shared objects and PIE executables. */
  type: string;
  machine: string;
  programHeaderCount: number;
  sectionCount: number;
  interpreter: string | null;
  soname: string | null;
  /** DT_NEEDED, in load order. */
  needed: string[];
  /** DT_RUNPATH entries ($ORIGIN not expanded). */
  runpath: string[];
  /** DT_RPATH entries (the older form, searched before LD_LIBRARY_PATH). */
  rpath: string[];
  /** Symbol versions required from each needed library (.gnu.version_r). */
  versionNeeds: { file: string; versions: string[] }[];
  /** Symbol versions this object defines (.gnu.version_d), e.g. GLIBC_2.34 in libc.so.6. */
  versionDefs: string[];
  /** Defined global or weak dynamic symbols (functions and objects); empty unless asked for. */
  exportedSymbols: { name: string; kind: 'function' | 'object' | 'other' }[];
  /** Undefined global or weak dynamic symbols: what the object calls in its needed libraries; empty unless asked for. */
  importedSymbols: string[];
}

export interface ReadElfOptions {
  /** Also list the exported dynamic symbols (tens of thousands for libduckdb). */
  symbols?: boolean;
}

const SHT_DYNAMIC = 6;
const SHT_DYNSYM = 11;
const SHT_GNU_VERDEF = 0x6ffffffd;
const SHT_GNU_VERNEED = 0x6ffffffe;
const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const DT_NULL = 0;
const DT_NEEDED = 1;
const DT_STRTAB = 5;
const DT_STRSZ = 10;
const DT_SONAME = 14;
const DT_RPATH = 15;
const DT_RUNPATH = 29;

const MACHINES: Record<number, string> = {
  2: 'sparc',
  3: 'x86',
  8: 'mips',
  20: 'ppc',
  21: 'ppc64',
  40: 'arm',
  43: 'sparcv9',
  62: 'x86-64',
  183: 'aarch64',
  243: 'riscv',
  258: 'loongarch',
};
const TYPES: Record<number, string> = { 1: 'ET_REL', 2: 'ET_EXEC', 3: 'ET_DYN', 4: 'ET_CORE' };

interface Section {
  name: string;
  type: number;
  addr: number;
  offset: number;
  size: number;
  link: number;
  info: number;
  entsize: number;
}

interface Segment {
  type: number;
  offset: number;
  vaddr: number;
  filesz: number;
}

/** Parses an ELF file's headers, dynamic section, version tables and (optionally) its dynamic symbols. */
export function readElf(source: ByteSource, path: string, options: ReadElfOptions = {}): ElfInfo {
  const ident = source.read(0, 16);
  if (!ident) throw new ElfFormatError(path, `only ${source.size} bytes, shorter than an ELF header`);
  if (ident.readUInt32BE(0) !== 0x7f454c46) {
    throw new ElfFormatError(path, `no ELF magic (starts with ${describeMagic(ident)})`);
  }
  const bits = ident[4] === 1 ? 32 : ident[4] === 2 ? 64 : null;
  const endian = ident[5] === 1 ? 'little' : ident[5] === 2 ? 'big' : null;
  if (!bits || !endian) throw new ElfFormatError(path, `unknown ELF class ${ident[4]} or data encoding ${ident[5]}`);
  const r = new Reader(source, path, bits, endian);

  const header = r.bytes(0, bits === 64 ? 64 : 52, 'ELF header');
  const type = r.u16(header, 16);
  const machine = r.u16(header, 18);
  const phoff = bits === 64 ? r.u64(header, 32) : r.u32(header, 28);
  const shoff = bits === 64 ? r.u64(header, 40) : r.u32(header, 32);
  const o = bits === 64 ? 52 : 40;
  const phentsize = r.u16(header, o + 2);
  const phnum = r.u16(header, o + 4);
  const shentsize = r.u16(header, o + 6);
  const shnum = r.u16(header, o + 8);
  const shstrndx = r.u16(header, o + 10);

  const segments = readSegments(r, phoff, phentsize, phnum);
  const sections = readSections(r, shoff, shentsize, shnum, shstrndx);

  const interpSegment = segments.find((s) => s.type === PT_INTERP);
  const interpreter = interpSegment ? r.cstring(r.bytes(interpSegment.offset, interpSegment.filesz, 'PT_INTERP'), 0) : null;

  const dynamic = readDynamic(r, sections, segments);
  const verneed = sections.find((s) => s.type === SHT_GNU_VERNEED);
  const verdef = sections.find((s) => s.type === SHT_GNU_VERDEF);
  const dynsym = options.symbols ? sections.find((s) => s.type === SHT_DYNSYM) : undefined;

  return {
    bits,
    endian,
    type: TYPES[type] ?? `type ${type}`,
    machine: MACHINES[machine] ?? `machine ${machine}`,
    programHeaderCount: phnum,
    sectionCount: shnum,
    interpreter,
    ...dynamic,
    versionNeeds: verneed ? readVersionNeeds(r, verneed, sections) : [],
    versionDefs: verdef ? readVersionDefs(r, verdef, sections) : [],
    exportedSymbols: dynsym ? readExportedSymbols(r, dynsym, sections) : [],
    importedSymbols: dynsym ? readImportedSymbols(r, dynsym, sections) : [],
  };
}

function describeMagic(bytes: Buffer): string {
  if (bytes.readUInt32BE(0) === 0xcffaedfe || bytes.readUInt32BE(0) === 0xcefaedfe) return 'Mach-O magic';
  if (bytes[0] === 0x4d && bytes[1] === 0x5a) return "'MZ', a Windows PE file";
  const printable = [...bytes.subarray(0, 8)].map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
  return `${JSON.stringify(printable)}`;
}

function readSegments(r: Reader, phoff: number, phentsize: number, phnum: number): Segment[] {
  const segments: Segment[] = [];
  for (let i = 0; i < phnum; i++) {
    const b = r.bytes(phoff + i * phentsize, phentsize, `program header ${i}`);
    segments.push(
      r.bits === 64
        ? { type: r.u32(b, 0), offset: r.u64(b, 8), vaddr: r.u64(b, 16), filesz: r.u64(b, 32) }
        : { type: r.u32(b, 0), offset: r.u32(b, 4), vaddr: r.u32(b, 8), filesz: r.u32(b, 16) },
    );
  }
  return segments;
}

function readSections(r: Reader, shoff: number, shentsize: number, shnum: number, shstrndx: number): Section[] {
  if (shnum === 0) return [];
  const raw: Omit<Section, 'name'>[] = [];
  const nameOffsets: number[] = [];
  for (let i = 0; i < shnum; i++) {
    const b = r.bytes(shoff + i * shentsize, shentsize, `section header ${i}`);
    nameOffsets.push(r.u32(b, 0));
    raw.push(
      r.bits === 64
        ? {
            type: r.u32(b, 4),
            addr: r.u64(b, 16),
            offset: r.u64(b, 24),
            size: r.u64(b, 32),
            link: r.u32(b, 40),
            info: r.u32(b, 44),
            entsize: r.u64(b, 56),
          }
        : {
            type: r.u32(b, 4),
            addr: r.u32(b, 12),
            offset: r.u32(b, 16),
            size: r.u32(b, 20),
            link: r.u32(b, 24),
            info: r.u32(b, 28),
            entsize: r.u32(b, 36),
          },
    );
  }
  const shstr = raw[shstrndx];
  const names = shstr ? r.bytes(shstr.offset, shstr.size, 'section name table') : null;
  return raw.map((s, i) => ({ ...s, name: names ? r.cstring(names, nameOffsets[i] ?? 0) : '' }));
}

function readDynamic(r: Reader, sections: Section[], segments: Segment[]): Pick<ElfInfo, 'soname' | 'needed' | 'runpath' | 'rpath'> {
  const empty = { soname: null, needed: [], runpath: [], rpath: [] };
  const entrySize = r.bits === 64 ? 16 : 8;
  let table: Buffer;
  let strings: Buffer | null = null;
  const section = sections.find((s) => s.type === SHT_DYNAMIC);
  if (section) {
    table = r.bytes(section.offset, section.size, '.dynamic');
    const strtab = sections[section.link];
    if (strtab) strings = r.bytes(strtab.offset, strtab.size, '.dynstr');
  } else {
    // No section headers (stripped with sstrip): the loader's own view is PT_DYNAMIC.
    const segment = segments.find((s) => s.type === PT_DYNAMIC);
    if (!segment) return empty;
    table = r.bytes(segment.offset, segment.filesz, 'PT_DYNAMIC');
  }
  const entries: { tag: number; value: number }[] = [];
  for (let at = 0; at + entrySize <= table.length; at += entrySize) {
    const tag = r.bits === 64 ? r.u64(table, at) : r.u32(table, at);
    if (tag === DT_NULL) break;
    entries.push({ tag, value: r.bits === 64 ? r.u64(table, at + 8) : r.u32(table, at + 4) });
  }
  if (!strings) {
    const addr = entries.find((e) => e.tag === DT_STRTAB)?.value;
    const size = entries.find((e) => e.tag === DT_STRSZ)?.value;
    const load = segments.find((s) => s.type === PT_LOAD && addr !== undefined && addr >= s.vaddr && addr < s.vaddr + s.filesz);
    if (addr === undefined || size === undefined || !load) return empty;
    strings = r.bytes(addr - load.vaddr + load.offset, size, 'DT_STRTAB');
  }
  const text = (e: { value: number }): string => r.cstring(strings as Buffer, e.value);
  const paths = (tag: number): string[] =>
    entries
      .filter((e) => e.tag === tag)
      .flatMap((e) => text(e).split(':'))
      .filter((p) => p !== '');
  const soname = entries.find((e) => e.tag === DT_SONAME);
  return {
    soname: soname ? text(soname) : null,
    needed: entries.filter((e) => e.tag === DT_NEEDED).map(text),
    runpath: paths(DT_RUNPATH),
    rpath: paths(DT_RPATH),
  };
}

function linkedStrings(r: Reader, section: Section, sections: Section[], what: string): Buffer {
  const strtab = sections[section.link];
  if (!strtab) throw r.error(`${what} links to missing string table ${section.link}`);
  return r.bytes(strtab.offset, strtab.size, `${what} strings`);
}

function readVersionNeeds(r: Reader, section: Section, sections: Section[]): ElfInfo['versionNeeds'] {
  const strings = linkedStrings(r, section, sections, '.gnu.version_r');
  const data = r.bytes(section.offset, section.size, '.gnu.version_r');
  const needs: ElfInfo['versionNeeds'] = [];
  let at = 0;
  // sh_info holds the entry count; the next-offsets chain them (vn_next, vna_next).
  for (let i = 0; i < section.info; i++) {
    r.within(data, at, 16, 'Verneed entry');
    const count = r.u16(data, at + 2);
    const file = r.cstring(strings, r.u32(data, at + 4));
    const versions: string[] = [];
    let aux = at + r.u32(data, at + 8);
    for (let j = 0; j < count; j++) {
      r.within(data, aux, 16, 'Vernaux entry');
      versions.push(r.cstring(strings, r.u32(data, aux + 8)));
      const next = r.u32(data, aux + 12);
      if (next === 0) break;
      aux += next;
    }
    needs.push({ file, versions });
    const next = r.u32(data, at + 12);
    if (next === 0) break;
    at += next;
  }
  return needs;
}

function readVersionDefs(r: Reader, section: Section, sections: Section[]): string[] {
  const strings = linkedStrings(r, section, sections, '.gnu.version_d');
  const data = r.bytes(section.offset, section.size, '.gnu.version_d');
  const defs: string[] = [];
  let at = 0;
  for (let i = 0; i < section.info; i++) {
    r.within(data, at, 20, 'Verdef entry');
    const flags = r.u16(data, at + 2);
    const aux = at + r.u32(data, at + 12);
    r.within(data, aux, 8, 'Verdaux entry');
    // VER_FLG_BASE names the file itself (e.g. libc.so.6), not a version.
    if ((flags & 1) === 0) defs.push(r.cstring(strings, r.u32(data, aux)));
    const next = r.u32(data, at + 16);
    if (next === 0) break;
    at += next;
  }
  return defs;
}

/** Each entry of the dynamic symbol table after the null one: its name offset, binding, type, visibility and section index. */
function* dynamicSymbols(
  r: Reader,
  section: Section,
  sections: Section[],
): Generator<{ name: string; binding: number; type: number; visibility: number; shndx: number }> {
  const strings = linkedStrings(r, section, sections, '.dynsym');
  const data = r.bytes(section.offset, section.size, '.dynsym');
  const size = section.entsize || (r.bits === 64 ? 24 : 16);
  for (let at = size; at + size <= data.length; at += size) {
    const info = r.bits === 64 ? data[at + 4]! : data[at + 12]!;
    const other = r.bits === 64 ? data[at + 5]! : data[at + 13]!;
    const shndx = r.bits === 64 ? r.u16(data, at + 6) : r.u16(data, at + 14);
    const nameAt = r.u32(data, at);
    yield {
      get name() {
        return r.cstring(strings, nameAt);
      },
      binding: info >> 4,
      type: info & 0xf,
      visibility: other & 3,
      shndx,
    };
  }
}

function readExportedSymbols(r: Reader, section: Section, sections: Section[]): ElfInfo['exportedSymbols'] {
  const symbols: ElfInfo['exportedSymbols'] = [];
  for (const s of dynamicSymbols(r, section, sections)) {
    // Defined (section index not SHN_UNDEF), global or weak, default or protected visibility.
    if (s.shndx === 0 || (s.binding !== 1 && s.binding !== 2) || s.visibility === 1 || s.visibility === 2) continue;
    symbols.push({ name: s.name, kind: s.type === 2 ? 'function' : s.type === 1 ? 'object' : 'other' });
  }
  return symbols;
}

function readImportedSymbols(r: Reader, section: Section, sections: Section[]): string[] {
  const names: string[] = [];
  // Undefined (SHN_UNDEF), global or weak: resolved in another object at load time.
  for (const s of dynamicSymbols(r, section, sections)) if (s.shndx === 0 && (s.binding === 1 || s.binding === 2)) names.push(s.name);
  return names;
}

/** Bounds-checked reads in the file's byte order; every short read becomes an ElfFormatError naming what was cut. */
class Reader {
  constructor(
    private readonly source: ByteSource,
    private readonly path: string,
    readonly bits: 32 | 64,
    private readonly endian: 'little' | 'big',
  ) {}

  error(detail: string): ElfFormatError {
    return new ElfFormatError(this.path, detail);
  }

  bytes(offset: number, length: number, what: string): Buffer {
    const b = this.source.read(offset, length);
    if (!b) {
      throw this.error(`truncated: ${what} needs bytes ${offset}..${offset + length} but the file has ${this.source.size}`);
    }
    return b;
  }

  within(b: Buffer, offset: number, length: number, what: string): void {
    if (offset < 0 || offset + length > b.length) throw this.error(`${what} at ${offset} runs past its section`);
  }

  u16(b: Buffer, at: number): number {
    this.within(b, at, 2, 'field');
    return this.endian === 'little' ? b.readUInt16LE(at) : b.readUInt16BE(at);
  }

  u32(b: Buffer, at: number): number {
    this.within(b, at, 4, 'field');
    return this.endian === 'little' ? b.readUInt32LE(at) : b.readUInt32BE(at);
  }

  u64(b: Buffer, at: number): number {
    this.within(b, at, 8, 'field');
    const v = this.endian === 'little' ? b.readBigUInt64LE(at) : b.readBigUInt64BE(at);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw this.error(`64-bit value at ${at} is out of range`);
    return Number(v);
  }

  cstring(b: Buffer, at: number): string {
    if (at >= b.length) throw this.error(`string offset ${at} lies outside its table`);
    const end = b.indexOf(0, at);
    return b.toString('utf8', at, end === -1 ? b.length : end);
  }
}
