import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { locateEnginePackages } from '@frozen-duckdb/core';
import { check, fileSource, readElf, type Check } from '@frozen-duckdb/native';
import { EnvSetupError } from './errors.js';

export const VALGRIND_INSTALL_HINT = 'install valgrind (Debian/Ubuntu: `sudo apt-get install valgrind`; Fedora: `sudo dnf install valgrind`)';

/** The first executable file named `name` on PATH, or undefined. */
export function onPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (existsSync(candidate)) return candidate;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

/** valgrind and setarch (address-space randomisation off) on PATH, or what is missing. */
export function findValgrind(env: NodeJS.ProcessEnv = process.env): { valgrind: string; setarch: string } | { missing: string } {
  const valgrind = onPath('valgrind', env);
  const setarch = onPath('setarch', env);
  if (!valgrind) return { missing: 'valgrind is not on PATH' };
  if (!setarch) return { missing: 'setarch (util-linux) is not on PATH' };
  return { valgrind, setarch };
}

/**
 * Everything `--measure instructions` needs for the project in `projectDir`; a usage error (exit 2)
 * naming how to install valgrind when it is missing. The toggles come from duckdb.node's own imports,
 * so exactly the C API calls the binding makes are counted (not DuckDB's helpers, whose namespaced
 * names `duckdb_fmt::...` a `duckdb_*` pattern would also match).
 */
export function callgrindSetup(projectDir: string, env: NodeJS.ProcessEnv = process.env): { valgrind: string; setarch: string; toggles: string[] } {
  const found = findValgrind(env);
  if ('missing' in found) {
    throw new EnvSetupError(
      `--measure instructions runs benchmarks under valgrind, but ${found.missing}`,
      `${VALGRIND_INSTALL_HINT}, or measure without --measure instructions`,
      'usage',
    );
  }
  if (process.platform !== 'linux') {
    throw new EnvSetupError(
      `--measure instructions needs Linux (valgrind and setarch -R); this is ${process.platform}`,
      'run it in a Linux job or container',
      'usage',
    );
  }
  const { bindingPath } = locateEnginePackages(undefined, projectDir);
  const source = fileSource(bindingPath);
  let imported: string[];
  try {
    imported = readElf(source, bindingPath, { symbols: true }).importedSymbols;
  } finally {
    source.close();
  }
  const toggles = imported.filter((name) => name.startsWith('duckdb_'));
  if (toggles.length === 0) throw new EnvSetupError(`${bindingPath} imports no duckdb_* function`, 'reinstall @duckdb/node-api (npm ci)', 'environment');
  return { ...found, toggles };
}

/** doctor's line: whether `--measure instructions` can run here (optional: a warning, never a failure). */
export function valgrindCheck(env: NodeJS.ProcessEnv): Check {
  const found = findValgrind(env);
  return 'missing' in found
    ? check('valgrind (instruction counts)', 'warn', `${found.missing}: --measure instructions exits 2`, VALGRIND_INSTALL_HINT)
    : check('valgrind (instruction counts)', 'pass', `${found.valgrind}, ${found.setarch}: --measure instructions can run`);
}
