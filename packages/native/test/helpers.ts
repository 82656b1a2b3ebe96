import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateEnginePackages } from '@frozen-duckdb/core';
import { runCliSync, WORKSPACE } from '../../../tools/testing/run-cli.js';

// Shared by the native and env tests (env's test/helpers.ts re-exports this file).
export const ROOT = WORKSPACE;
const engine = locateEnginePackages();
export const ENGINE_DIR = engine.platformPackage.dir;
export const LIBRARY = engine.libraryPath;
export const BINDING = engine.bindingPath;

/** A fresh temp folder for one test. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'frozen-duckdb-test-'));
}

/** Runs the real CLI in a child process, in the workspace unless told. */
export function cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  // CI exports NX_NO_CLOUD and may set NX_CACHE_DIRECTORY: doctor's Nx checks must see only what a test sets.
  const run = runCliSync(args, { cwd: options.cwd ?? ROOT, env: { NX_NO_CLOUD: undefined, NX_CACHE_DIRECTORY: undefined, ...options.env } });
  return { ...run, code: run.code ?? -1 };
}
