import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { declaredFunctions, fileSource, headerVersion, readElf } from '@frozen-duckdb/native';

/** What DUCKDB_INCLUDE_DIR holds and whether its duckdb.h fits the installed library. */
export interface IncludeCheck {
  status: 'unset' | 'missing' | 'matches' | 'differs';
  dir: string | null;
  headerVersion: string | null;
  /** Functions duckdb.h declares that the library does not export (a newer or other header). */
  missingInLibrary: string[];
  declared: number;
  detail: string;
}

/** Checks DUCKDB_INCLUDE_DIR against the library: duckdb.h present, its version (when stated) and its functions. */
export function checkIncludeDir(env: NodeJS.ProcessEnv, library: { path: string; duckdbVersion: string }): IncludeCheck {
  const dir = env.DUCKDB_INCLUDE_DIR || null;
  const base = { dir, headerVersion: null, missingInLibrary: [], declared: 0 };
  if (!dir) {
    return {
      ...base,
      status: 'unset',
      detail: `not set; duckdb.h is not in the npm package: for C/C++ take it from DuckDB's ${library.duckdbVersion} release (libduckdb-<os>-<arch>.zip)`,
    };
  }
  const header = join(dir, 'duckdb.h');
  if (!existsSync(header)) {
    return { ...base, status: 'missing', detail: `DUCKDB_INCLUDE_DIR=${dir} has no duckdb.h` };
  }
  const text = readFileSync(header, 'utf8');
  const version = headerVersion(text);
  const declared = declaredFunctions(text);
  const source = fileSource(library.path);
  let exported: Set<string>;
  try {
    exported = new Set(readElf(source, library.path, { symbols: true }).exportedSymbols.map((s) => s.name));
  } finally {
    source.close();
  }
  const missingInLibrary = declared.filter((f) => !exported.has(f));
  const versionDiffers = version !== null && version !== library.duckdbVersion;
  const differs = versionDiffers || missingInLibrary.length > 0 || declared.length === 0;
  const reasons = [
    versionDiffers ? `it states ${version}, the library is ${library.duckdbVersion}` : null,
    missingInLibrary.length
      ? `${missingInLibrary.length} of its ${declared.length} functions are not in the library (${missingInLibrary.slice(0, 3).join(', ')}${missingInLibrary.length > 3 ? ', ...' : ''})`
      : null,
    declared.length === 0 ? 'it declares no duckdb_* functions' : null,
  ].filter(Boolean);
  return {
    dir,
    headerVersion: version,
    missingInLibrary,
    declared: declared.length,
    status: differs ? 'differs' : 'matches',
    detail: differs
      ? `${header} does not match the library: ${reasons.join('; ')}`
      : `${header}: all ${declared.length} functions it declares are exported by the ${library.duckdbVersion} library` +
        (version ? ` and it states ${version}` : ' (duckdb.h states no version: this shows it fits the library, and an older header fits too)'),
  };
}
