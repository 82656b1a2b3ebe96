import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bindingInfo, findWorkspaceRoot, FrozenDuckDBError, libraryFileName, locateEnginePackages, type BindingInfo } from '@frozen-duckdb/core';
import { checkOutputs } from '@frozen-duckdb/files';
import { ccSmoke, type CcSmokeResult } from './cc-smoke.js';
import { check, type Check } from './check.js';
import { snapshotEngine } from './engine.js';
import { ManifestError } from './errors.js';
import { linkCheck, type LinkReport } from './link-check.js';
import { LOCK_FILE, compareWithLock, readLock, updateLock, writeLock, type Drift } from './manifest.js';

export interface LinkCheckRunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Check this library / binding instead of the installed engine's. */
  libraryPath?: string;
  bindingPath?: string;
  /** Compile, link and run a C program against DUCKDB_LIB_DIR (or the installed engine). */
  cc?: boolean;
  compiler?: string;
  manifest?: 'verify' | 'update';
  /** The manifest file; default duckdb.lock.json at the workspace root. */
  manifestPath?: string;
}

export interface LinkCheckRun {
  libraryPath: string;
  bindingPath: string;
  duckdbVersion: string | null;
  link: LinkReport;
  cc: (CcSmokeResult & { libDir: string }) | null;
  manifest: { mode: 'verify' | 'update'; path: string; drift: Drift[]; dropped: string[] } | null;
  checks: Check[];
}

/** link-check: ELF checks of the engine files, then optionally the C link smoke test and the manifest. */
export async function runLinkCheck(options: LinkCheckRunOptions): Promise<LinkCheckRun> {
  const needsEngine = options.cc || options.manifest || !options.libraryPath || !options.bindingPath;
  const engine: BindingInfo | null = needsEngine ? await bindingInfo() : null;
  const located = engine ?? (options.libraryPath && options.bindingPath ? null : locateEnginePackages());
  const libraryPath = resolve(options.cwd, options.libraryPath ?? engine?.libraryPath ?? located!.libraryPath);
  const bindingPath = resolve(options.cwd, options.bindingPath ?? engine?.bindingPath ?? located!.bindingPath);
  for (const path of [libraryPath, bindingPath]) {
    if (!existsSync(path)) {
      throw new FrozenDuckDBError(`${path} does not exist`, { category: 'usage', hint: 'pass an existing file, or reinstall the engine with `npm ci`' });
    }
  }
  const link = linkCheck({ libraryPath, bindingPath, env: options.env });
  const checks = [...link.checks];

  let cc: LinkCheckRun['cc'] = null;
  if (options.cc && engine) {
    const libDir = options.env.DUCKDB_LIB_DIR || engine.platformPackage.dir;
    const libFile = join(libDir, libraryFileName(engine.platform.platform));
    if (!existsSync(libFile)) {
      throw new FrozenDuckDBError(`DUCKDB_LIB_DIR=${libDir} has no ${libraryFileName(engine.platform.platform)}`, {
        category: 'environment',
        hint: 'unset DUCKDB_LIB_DIR or set it with `eval "$(frozen-duckdb env --shell bash)"`',
      });
    }
    const result = ccSmoke({ libDir, expectedVersion: engine.duckdbVersion, env: options.env, ...(options.compiler ? { compiler: options.compiler } : {}) });
    cc = { ...result, libDir };
    checks.push(
      result.matches
        ? check(
            'cc: compile, link, run',
            'pass',
            `${result.compiler} linked against ${libDir} in ${result.compileAndLinkMs.toFixed(0)} ms; the program reports ${result.reportedVersion}, as Node does`,
          )
        : check(
            'cc: compile, link, run',
            'fail',
            `the C program reports ${result.reportedVersion || 'no version'} (answer ${result.answer}); Node reports ${result.expectedVersion}`,
            'point DUCKDB_LIB_DIR at the engine Node uses: `eval "$(frozen-duckdb env --shell bash)"`',
          ),
    );
  }

  let manifest: LinkCheckRun['manifest'] = null;
  if (options.manifest && engine) {
    const path = resolve(options.cwd, options.manifestPath ?? join(findWorkspaceRoot(options.cwd) ?? options.cwd, LOCK_FILE));
    // --update may not write over the engine files it pins.
    if (options.manifest === 'update') {
      const engineFiles = [libraryPath, bindingPath, engine.libraryPath, engine.bindingPath].map((file) => ({ name: 'an engine file', path: file }));
      checkOutputs({ outputs: [{ name: '--manifest', path }], inputs: engineFiles });
    }
    const lock = readLock(path);
    const now = await snapshotEngine(engine);
    if (options.manifest === 'update') {
      const updated = updateLock(lock, now);
      writeLock(path, updated.lock);
      manifest = { mode: 'update', path, drift: lock ? compareWithLock(lock, now) : [], dropped: updated.dropped };
      checks.push(
        check(
          'manifest: updated',
          'pass',
          `${path} pins ${now.duckdbVersion} for ${Object.keys(updated.lock.platforms).join(', ')}${updated.dropped.length ? `; dropped ${updated.dropped.join(', ')} (pinned another version)` : ''}`,
        ),
      );
    } else {
      if (!lock) {
        throw new ManifestError(`no ${LOCK_FILE} at ${path}`, 'create it with `frozen-duckdb link-check --update` and commit it', 'environment');
      }
      const drift = compareWithLock(lock, now);
      manifest = { mode: 'verify', path, drift, dropped: [] };
      checks.push(
        drift.length === 0
          ? check('manifest: engine matches', 'pass', `${path}: ${now.duckdbVersion}, ${now.platformKey} library and binding hashes match`)
          : check(
              'manifest: engine matches',
              'fail',
              drift.map((d) => `${d.what}: expected ${d.expected}, found ${d.actual}`).join('; '),
              'if the change is intended, run `frozen-duckdb link-check --update` and commit; otherwise reinstall with `npm ci`',
            ),
      );
    }
  }
  return { libraryPath, bindingPath, duckdbVersion: engine?.duckdbVersion ?? null, link, cc, manifest, checks };
}
