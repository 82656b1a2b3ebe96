import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import semver from 'semver';
import { UnsupportedEngineError } from './errors.js';

/** The @duckdb/node-api package a run uses: the user's project's own copy when it has one. */
export interface NodeApiPackage {
  version: string;
  /** The package folder. */
  dir: string;
  /** The file `import '@duckdb/node-api'` loads. */
  entry: string;
  /** 'project': resolved from the project folder; 'frozen-duckdb': the copy installed beside this tool (the project has none). */
  resolvedFrom: 'project' | 'frozen-duckdb';
  /** The folder it was resolved from. */
  projectDir: string;
}

const PACKAGE = '@duckdb/node-api';
const own = createRequire(import.meta.url);

/** The range of @duckdb/node-api this release supports: core's peer dependency, the one place it is written. */
export function supportedNodeApiRange(): string {
  const manifest = JSON.parse(readFileSync(own.resolve('../package.json'), 'utf8')) as { peerDependencies?: Record<string, string> };
  const range = manifest.peerDependencies?.[PACKAGE];
  if (!range) throw new Error(`internal: @frozen-duckdb/core's package.json declares no peer dependency on ${PACKAGE}`);
  return range;
}

/**
 * Whether a version is on a supported release line. npm's install check accepts only the patch
 * releases the range lists (DuckDB's versions are all prereleases, `1.5.6-r.1`); at run time a later
 * patch of a listed line is accepted too, since its API is the same.
 */
export function isSupportedNodeApi(version: string, range = supportedNodeApiRange()): boolean {
  return semver.satisfies(version, range, { includePrerelease: true });
}

/** The newest version the range lists: what a project without DuckDB is given. */
export function recommendedNodeApiVersion(range = supportedNodeApiRange()): string {
  const lowest = range
    .split('||')
    .map((part) => semver.minVersion(part.trim()))
    .filter((v): v is semver.SemVer => v !== null);
  const newest = lowest.sort(semver.rcompare)[0];
  if (!newest) throw new Error(`internal: no version satisfies ${PACKAGE} ${range}`);
  return newest.version;
}

/**
 * Finds @duckdb/node-api as the project in `projectDir` resolves it (its node_modules, then upwards),
 * so the engine measured and checked is the one the project ships; falls back to the copy installed
 * with frozen-duckdb when the project has none. Returns null when neither exists.
 */
export function findNodeApiPackage(projectDir: string = process.cwd()): NodeApiPackage | null {
  const fromProject = tryResolve(createRequire(join(projectDir, 'package.json')));
  if (fromProject) return { ...fromProject, resolvedFrom: 'project', projectDir };
  const fromTool = tryResolve(own);
  return fromTool ? { ...fromTool, resolvedFrom: 'frozen-duckdb', projectDir } : null;
}

/** The package as findNodeApiPackage finds it, checked against the supported range; throws with the fix otherwise. */
export function projectNodeApi(projectDir: string = process.cwd()): NodeApiPackage | null {
  const found = findNodeApiPackage(projectDir);
  if (found && !isSupportedNodeApi(found.version)) throw new UnsupportedEngineError(found, supportedNodeApiRange(), recommendedNodeApiVersion());
  return found;
}

function tryResolve(require: NodeJS.Require): Omit<NodeApiPackage, 'resolvedFrom' | 'projectDir'> | null {
  let manifest: string;
  let entry: string;
  try {
    manifest = require.resolve(`${PACKAGE}/package.json`);
    entry = require.resolve(PACKAGE);
  } catch {
    return null;
  }
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { version, dir: dirname(manifest), entry };
}
