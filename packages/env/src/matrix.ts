import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { findNodeApiPackage } from '@frozen-duckdb/core';
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
  const from = join(projectDir ?? process.cwd(), 'package.json');
  // Without a project folder, the @duckdb/node-api core loads: the working folder's project's, else the one beside frozen-duckdb.
  const loaded = projectDir ? null : findNodeApiPackage();
  const nodeApi = loaded ? join(loaded.dir, 'package.json') : tryResolve(from, '@duckdb/node-api/package.json');
  const bindings = (nodeApi && tryResolve(nodeApi, '@duckdb/node-bindings/package.json')) ?? tryResolve(from, '@duckdb/node-bindings/package.json');
  if (!bindings) {
    throw new EnvSetupError(
      `@duckdb/node-bindings is not installed${projectDir && existsSync(projectDir) ? ` for ${projectDir}` : ''}`,
      'install the engine: `npm install @duckdb/node-api`',
    );
  }
  return bindings;
}

function tryResolve(from: string, request: string): string | null {
  try {
    return createRequire(from).resolve(request);
  } catch {
    return null;
  }
}
