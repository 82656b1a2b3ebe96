import { BindingLoadError } from './errors.js';
import { detectPlatform, platformPackageName } from './platform.js';

type NodeApi = typeof import('@duckdb/node-api');
let loaded: NodeApi | undefined;

/**
 * Loads @duckdb/node-api once. Imported lazily so that a missing platform package becomes a
 * BindingLoadError naming the package to install, never a bare MODULE_NOT_FOUND.
 */
export async function nodeApi(): Promise<NodeApi> {
  if (loaded) return loaded;
  try {
    const module = (await import('@duckdb/node-api')) as NodeApi & { default?: NodeApi };
    loaded = module;
    return module;
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
    throw new BindingLoadError(platformPackageName(detectPlatform()), detail, error);
  }
}

/** The loaded module, for code that runs only after a database was opened. */
export function loadedNodeApi(): NodeApi {
  if (!loaded) throw new Error('internal: @duckdb/node-api used before nodeApi() loaded it');
  return loaded;
}
