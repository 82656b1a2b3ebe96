import { dirname } from 'node:path';
import { bindingInfo, locateEnginePackages, type EnginePackages } from '@frozen-duckdb/core';
import { assertSupported, supportMatrix, type SupportMatrix } from './matrix.js';
import { resolvePlatform, type ResolvedPlatform } from './platform.js';

/** The engine for this platform: where its files are and which DuckDB version it is. */
export interface EngineLocation {
  platform: ResolvedPlatform;
  matrix: SupportMatrix;
  packages: EnginePackages;
  /** The folder with libduckdb (DUCKDB_LIB_DIR). */
  libDir: string;
  /** The version the loaded library reports (v1.5.6), or the package's when the platform is overridden. */
  duckdbVersion: string;
  versionSource: 'library' | 'package';
}

/** Finds the engine; throws UnsupportedPlatformError or BindingLoadError with the fix when there is none. */
export async function locateEngine(env: NodeJS.ProcessEnv = process.env): Promise<EngineLocation> {
  const platform = resolvePlatform(env);
  const matrix = supportMatrix();
  assertSupported(platform, matrix);
  const packages = locateEnginePackages(platform);
  // Loading the library is the only way to know its own version; a pretended platform cannot be loaded.
  const loaded = platform.overridden ? null : await bindingInfo();
  return {
    platform,
    matrix,
    packages,
    libDir: dirname(packages.libraryPath),
    duckdbVersion: loaded?.duckdbVersion ?? versionFromPackage(packages.platformPackage.version),
    versionSource: loaded ? 'library' : 'package',
  };
}

/** '1.5.6-r.1' (the npm package's version) -> 'v1.5.6' (what duckdb_library_version() says). */
export function versionFromPackage(version: string): string {
  return `v${version.replace(/-r\.\d+$/, '')}`;
}
