import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Database } from './database.js';
import { BindingLoadError } from './errors.js';
import { loadedNodeApiPackage, requireNodeApiPackage } from './node-api.js';
import { supportedNodeApiRange, type NodeApiPackage } from './node-api-package.js';
import { detectPlatform, libraryFileName, platformPackageName, type PlatformInfo } from './platform.js';

/** Where the installed DuckDB engine is and which version it is. */
export interface BindingInfo {
  duckdbVersion: string;
  sourceId: string;
  codename: string;
  nodeApi: NodeApiLocation;
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

/** Where @duckdb/node-api is, whether the project's own copy, and the range this release supports. */
export interface NodeApiLocation {
  version: string;
  dir: string;
  resolvedFrom: NodeApiPackage['resolvedFrom'];
  supportedRange: string;
}

/** Installed package folders, without loading the engine. */
export interface EnginePackages {
  nodeApi: NodeApiLocation;
  bindings: { version: string; dir: string };
  platformPackage: { name: string; version: string; dir: string };
  bindingPath: string;
  libraryPath: string;
  platform: PlatformInfo;
}

/** Finds the engine's npm packages and files as the project in `projectDir` resolves them (see findNodeApiPackage). */
export function locateEnginePackages(platform: PlatformInfo = detectPlatform(), projectDir: string = process.cwd()): EnginePackages {
  return enginePackagesOf(requireNodeApiPackage(projectDir), platform);
}

function enginePackagesOf(found: NodeApiPackage, platform: PlatformInfo): EnginePackages {
  const name = platformPackageName(platform);
  const nodeApi = { version: found.version, dir: found.dir, resolvedFrom: found.resolvedFrom, supportedRange: supportedNodeApiRange() };
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

/** Binding info: the packages of the engine this process loaded, plus the version the library reports itself. */
export async function bindingInfo(): Promise<BindingInfo> {
  const db = await Database.open(':memory:');
  try {
    const loaded = loadedNodeApiPackage();
    if (!loaded) throw new Error('internal: a database opened without loading @duckdb/node-api');
    const packages = enginePackagesOf(loaded, detectPlatform());
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
