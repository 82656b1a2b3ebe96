import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Database } from './database.js';
import { BindingLoadError } from './errors.js';
import { detectPlatform, libraryFileName, platformPackageName, type PlatformInfo } from './platform.js';

/** Where the installed DuckDB engine is and which version it is. */
export interface BindingInfo {
  duckdbVersion: string;
  sourceId: string;
  codename: string;
  nodeApi: { version: string; dir: string };
  bindings: { version: string; dir: string };
  platformPackage: { name: string; version: string; dir: string };
  /** Absolute path of duckdb.node, the N-API addon. */
  bindingPath: string;
  /** Absolute path of libduckdb.so / .dylib / duckdb.dll, which native consumers link. */
  libraryPath: string;
  platform: PlatformInfo;
  node: string;
  napi: string;
}

/** Installed package folders, without loading the engine. */
export interface EnginePackages {
  nodeApi: { version: string; dir: string };
  bindings: { version: string; dir: string };
  platformPackage: { name: string; version: string; dir: string };
  bindingPath: string;
  libraryPath: string;
  platform: PlatformInfo;
}

/** Finds the engine's npm packages and files from this module's point of view. */
export function locateEnginePackages(platform: PlatformInfo = detectPlatform()): EnginePackages {
  const name = platformPackageName(platform);
  const nodeApi = resolvePackage(createRequire(import.meta.url), '@duckdb/node-api', name);
  const bindings = resolvePackage(createRequire(join(nodeApi.dir, 'package.json')), '@duckdb/node-bindings', name);
  const platformPackage = { name, ...resolvePackage(createRequire(join(bindings.dir, 'package.json')), name, name) };
  return {
    nodeApi,
    bindings,
    platformPackage,
    bindingPath: join(platformPackage.dir, 'duckdb.node'),
    libraryPath: join(platformPackage.dir, libraryFileName(platform.platform)),
    platform,
  };
}

/** Binding info: the packages above plus the version the loaded library reports itself. */
export async function bindingInfo(): Promise<BindingInfo> {
  const packages = locateEnginePackages();
  const db = await Database.open(':memory:');
  try {
    const connection = await db.connect();
    const [row] = await connection.query<{ library_version: string; source_id: string; codename: string }>(
      'SELECT library_version, source_id, codename FROM pragma_version()',
    );
    return {
      duckdbVersion: row?.library_version ?? 'unknown',
      sourceId: row?.source_id ?? 'unknown',
      codename: row?.codename ?? 'unknown',
      ...packages,
      node: process.version,
      napi: process.versions.napi ?? 'unknown',
    };
  } finally {
    db.close();
  }
}

function resolvePackage(require: NodeJS.Require, pkg: string, platformPackage: string): { version: string; dir: string } {
  let manifest: string;
  try {
    manifest = require.resolve(`${pkg}/package.json`);
  } catch (error) {
    throw new BindingLoadError(platformPackage, `${pkg} is not installed`, error);
  }
  const dir = dirname(manifest);
  if (!existsSync(manifest)) throw new BindingLoadError(platformPackage, `${pkg} has no package.json`);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { version, dir };
}
