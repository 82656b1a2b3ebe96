import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { locateEnginePackages } from '@frozen-duckdb/core';

// Shared by the native and env tests (env's test/helpers.ts re-exports this file).
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const engine = locateEnginePackages();
export const ENGINE_DIR = engine.platformPackage.dir;
export const LIBRARY = engine.libraryPath;
export const BINDING = engine.bindingPath;
const BIN = join(ROOT, 'packages', 'cli', 'bin', 'frozen-duckdb.js');

/** A fresh temp folder for one test. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'frozen-duckdb-test-'));
}

/** Runs the real CLI in a child process. */
export function cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): { code: number; stdout: string; stderr: string } {
  // CI exports NX_NO_CLOUD and may set NX_CACHE_DIRECTORY: doctor's Nx checks must see only what a test sets.
  const { NX_NO_CLOUD: _cloud, NX_CACHE_DIRECTORY: _cache, ...inherited } = process.env;
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...inherited, FORCE_COLOR: '0', ...options.env },
    encoding: 'utf8',
  });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}
