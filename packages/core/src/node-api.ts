import { pathToFileURL } from 'node:url';
import { BindingLoadError, FrozenDuckDBError } from './errors.js';
import { projectNodeApi, recommendedNodeApiVersion, type NodeApiPackage } from './node-api-package.js';
import { detectPlatform, platformPackageName } from './platform.js';

type NodeApi = typeof import('@duckdb/node-api');
let loaded: NodeApi | undefined;
let loadedFrom: NodeApiPackage | undefined;

/** The project's @duckdb/node-api (supported range checked), or an error saying how to install one. */
export function requireNodeApiPackage(projectDir: string = process.cwd()): NodeApiPackage {
  const found = projectNodeApi(projectDir);
  if (!found) {
    throw new FrozenDuckDBError(`@duckdb/node-api is not installed in ${projectDir} (nor beside frozen-duckdb)`, {
      category: 'environment',
      hint: `install the engine your project runs: \`npm install @duckdb/node-api@${recommendedNodeApiVersion()}\``,
    });
  }
  return found;
}

/**
 * Loads the project's @duckdb/node-api once (resolved from the working folder, the project's, so
 * the engine measured is the one the project ships). Imported lazily so that a missing platform
 * package becomes a BindingLoadError naming the package to install, never a bare MODULE_NOT_FOUND.
 */
export async function nodeApi(): Promise<NodeApi> {
  if (loaded) return loaded;
  const found = requireNodeApiPackage();
  try {
    const module = (await import(pathToFileURL(found.entry).href)) as Partial<NodeApi> & { default?: NodeApi };
    // A CommonJS package imported by URL: its named exports are on the module, or on default.
    loaded = module.DuckDBInstance ? (module as NodeApi) : (module.default as NodeApi);
    loadedFrom = found;
    return loaded;
  } catch (error) {
    const detail = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new BindingLoadError(platformPackageName(detectPlatform()), detail, error);
  }
}

/** The package nodeApi() loaded, or undefined before the first load. */
export function loadedNodeApiPackage(): NodeApiPackage | undefined {
  return loadedFrom;
}

/** The loaded module, for code that runs only after a database was opened. */
export function loadedNodeApi(): NodeApi {
  if (!loaded) throw new Error('internal: @duckdb/node-api used before nodeApi() loaded it');
  return loaded;
}
