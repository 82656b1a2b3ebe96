import { FrozenDuckDBError } from '@frozen-duckdb/core';
import { locateEngine, type EngineLocation } from './engine.js';
import { UnsupportedPlatformError } from './errors.js';
import { checkIncludeDir, type IncludeCheck } from './include-dir.js';
import { supportMatrix, type SupportMatrix } from './matrix.js';
import { resolvePlatform, type ResolvedPlatform } from './platform.js';
import { loaderVariables } from './shell-exports.js';

/** Everything `frozen-duckdb env` shows: the platform, the supported matrix, the engine and the exports. */
export interface EnvReport {
  platform: ResolvedPlatform;
  node: string;
  napi: string;
  supported: boolean;
  matrix: SupportMatrix;
  engine: {
    package: string;
    packageVersion: string;
    libDir: string;
    libraryPath: string;
    bindingPath: string;
    duckdbVersion: string;
    versionSource: EngineLocation['versionSource'];
  } | null;
  /** The variables `env --shell` would set (the loader paths as names only). */
  exports: { DUCKDB_LIB_DIR: string; DUCKDB_VERSION: string; loaderPaths: string[] } | null;
  include: IncludeCheck | null;
  /** Why there is no engine, and what to do. */
  problem: { message: string; hint: string | undefined } | null;
}

/** Builds the report; an unsupported platform is reported (with its fix), not thrown. */
export async function envReport(env: NodeJS.ProcessEnv = process.env): Promise<EnvReport> {
  const platform = resolvePlatform(env);
  const matrix = supportMatrix();
  const base = { platform, node: process.version, napi: process.versions.napi ?? 'unknown', matrix };
  let engine: EngineLocation;
  try {
    engine = await locateEngine(env);
  } catch (error) {
    // No engine (unsupported platform, or its package is not installed): report it with the fix.
    if (!(error instanceof FrozenDuckDBError)) throw error;
    const supported = !(error instanceof UnsupportedPlatformError);
    return { ...base, supported, engine: null, exports: null, include: null, problem: { message: error.message, hint: error.hint } };
  }
  return {
    ...base,
    supported: true,
    engine: {
      package: engine.packages.platformPackage.name,
      packageVersion: engine.packages.platformPackage.version,
      libDir: engine.libDir,
      libraryPath: engine.packages.libraryPath,
      bindingPath: engine.packages.bindingPath,
      duckdbVersion: engine.duckdbVersion,
      versionSource: engine.versionSource,
    },
    exports: { DUCKDB_LIB_DIR: engine.libDir, DUCKDB_VERSION: engine.duckdbVersion, loaderPaths: loaderVariables(platform.platform) },
    include: checkIncludeDir(env, { path: engine.packages.libraryPath, duckdbVersion: engine.duckdbVersion }),
    problem: null,
  };
}
