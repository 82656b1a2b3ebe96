import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { EnvSetupError, UnsupportedPlatformError } from './errors.js';
import type { ResolvedPlatform } from './platform.js';

/** The platforms @duckdb/node-bindings ships prebuilt engines for, read from its optionalDependencies. */
export interface SupportMatrix {
  bindingsVersion: string;
  bindingsDir: string;
  /** Platform keys, e.g. linux-x64, linux-x64-musl, darwin-arm64, win32-x64. */
  platforms: string[];
}

const PREFIX = '@duckdb/node-bindings-';

/** Reads the matrix from the bindings installed for `projectDir`, or for this package when absent. */
export function supportMatrix(projectDir?: string): SupportMatrix {
  const manifest = bindingsManifest(projectDir);
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string; optionalDependencies?: Record<string, string> };
  const platforms = Object.keys(pkg.optionalDependencies ?? {})
    .filter((name) => name.startsWith(PREFIX))
    .map((name) => name.slice(PREFIX.length))
    .sort();
  return { bindingsVersion: pkg.version, bindingsDir: join(manifest, '..'), platforms };
}

/** Throws UnsupportedPlatformError when the matrix has no engine for the platform. */
export function assertSupported(platform: ResolvedPlatform, matrix: SupportMatrix): void {
  if (!matrix.platforms.includes(platform.key)) throw new UnsupportedPlatformError(platform.key, matrix.platforms, platform.overridden);
}

/** package.json of @duckdb/node-bindings as Node resolves it from a folder (through @duckdb/node-api). */
export function bindingsManifest(projectDir?: string): string {
  // Without a project folder, resolve from core: the engine the rest of this workspace loads.
  const from = projectDir ? join(projectDir, 'package.json') : createRequire(import.meta.url).resolve('@frozen-duckdb/core');
  try {
    const nodeApi = createRequire(from).resolve('@duckdb/node-api/package.json');
    return createRequire(nodeApi).resolve('@duckdb/node-bindings/package.json');
  } catch {
    try {
      return createRequire(from).resolve('@duckdb/node-bindings/package.json');
    } catch {
      throw new EnvSetupError(
        `@duckdb/node-bindings is not installed${projectDir && existsSync(projectDir) ? ` for ${projectDir}` : ''}`,
        'install the engine: `npm install @duckdb/node-api`',
      );
    }
  }
}
