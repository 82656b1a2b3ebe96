/** Platform, arch and libc as DuckDB's platform packages name them. */
export interface PlatformInfo {
  platform: NodeJS.Platform;
  arch: string;
  libc: 'glibc' | 'musl' | null;
  glibcVersion: string | null;
}

/** Reads the running process's platform; libc comes from Node's own diagnostic report. */
export function detectPlatform(): PlatformInfo {
  if (process.platform !== 'linux') {
    return { platform: process.platform, arch: process.arch, libc: null, glibcVersion: null };
  }
  const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
  const glibcVersion = header?.glibcVersionRuntime ?? null;
  return { platform: 'linux', arch: process.arch, libc: glibcVersion ? 'glibc' : 'musl', glibcVersion };
}

/** The npm package that carries duckdb.node and libduckdb for a platform. */
export function platformPackageName(p: Pick<PlatformInfo, 'platform' | 'arch' | 'libc'>): string {
  return `@duckdb/node-bindings-${p.platform}-${p.arch}${p.libc === 'musl' ? '-musl' : ''}`;
}

/** The shared library's file name on a platform. */
export function libraryFileName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'libduckdb.dylib';
  if (platform === 'win32') return 'duckdb.dll';
  return 'libduckdb.so';
}
