import { existsSync, mkdtempSync, readFileSync, realpathSync, rmdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import {
  findWorkspaceRoot,
  isSupportedNodeApi,
  libraryFileName,
  platformPackageName,
  recommendedNodeApiVersion,
  supportedNodeApiRange,
} from '@frozen-duckdb/core';
import { allPassed, check, compareVersions, fileSource, highestVersion, pinFile, readElf, type Check } from '@frozen-duckdb/native';
import { versionFromPackage } from '../engine.js';
import { EnvSetupError } from '../errors.js';
import { checkIncludeDir } from '../include-dir.js';
import { valgrindCheck } from '../callgrind.js';
import { supportMatrix, type SupportMatrix } from '../matrix.js';
import { resolvePlatform, type ResolvedPlatform } from '../platform.js';
import { nxChecks } from './nx.js';
import { probeEngine, probeExtensionDownload, type EngineProbe } from './probe.js';
import { preGypBindingPath, scanNodeModules } from './scan.js';

export interface DoctorOptions {
  /** The project to check (its node_modules, its nx.json); default the current folder. */
  projectDir: string;
  env: NodeJS.ProcessEnv;
  /** Bound on the extension download check (default 5000 ms). */
  timeoutMs?: number;
  /** Skip the network check. */
  offline?: boolean;
}

export interface DoctorReport {
  projectDir: string;
  workspaceRoot: string;
  platform: ResolvedPlatform;
  checks: Check[];
  ok: boolean;
}

interface ProjectEngine {
  nodeApi: { version: string; dir: string } | null;
  bindings: { version: string; dir: string } | null;
  platformPackage: { name: string; version: string; dir: string } | null;
  libraryPath: string | null;
}

/** Runs every check for a project; a check that cannot run says so instead of passing. */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const projectDir = resolve(options.projectDir);
  if (!existsSync(projectDir) || !statSync(projectDir).isDirectory()) {
    throw new EnvSetupError(`doctor: ${projectDir} is not a folder`, 'pass the folder of a project (the one with package.json and node_modules)', 'usage');
  }
  const workspaceRoot = findWorkspaceRoot(projectDir) ?? projectDir;
  const platform = resolvePlatform(options.env);
  const checks: Check[] = [];

  const matrix = readMatrix(projectDir);
  checks.push(
    !matrix
      ? check('platform supported', 'skip', `${platform.key}: @duckdb/node-bindings is not installed, so its platform list is unknown`)
      : matrix.platforms.includes(platform.key)
        ? check(
            'platform supported',
            'pass',
            `${platform.key}${platform.overridden ? ' (FROZEN_DUCKDB_PLATFORM)' : ''} is one of ${matrix.platforms.length} platforms @duckdb/node-bindings ${matrix.bindingsVersion} ships`,
          )
        : check(
            'platform supported',
            'fail',
            `no prebuilt engine for ${platform.key}${platform.overridden ? ' (FROZEN_DUCKDB_PLATFORM)' : ''}; shipped: ${matrix.platforms.join(', ')}`,
            'run on a listed platform (e.g. a linux/amd64 container) or build DuckDB from source and set DUCKDB_LIB_DIR',
          ),
  );

  const engine = locateProjectEngine(projectDir, platform);
  checks.push(packagesCheck(engine, platform));
  checks.push(supportedCheck(engine));

  const probe = engine.platformPackage && !platform.overridden ? await probeEngine(projectDir, options.env) : null;
  checks.push(loadCheck(engine, probe, platform));

  const installed = scanNodeModules([...new Set([projectDir, workspaceRoot])]);
  checks.push(copiesCheck(installed, platform, engine));
  checks.push(...deprecatedChecks(installed));

  checks.push(glibcCheck(engine.libraryPath, platform));
  const loadedVersion =
    probe && !('error' in probe) ? probe.libraryVersion : engine.platformPackage ? versionFromPackage(engine.platformPackage.version) : null;
  checks.push(...(await envVarChecks(options.env, engine.libraryPath, loadedVersion, platform)));

  const good = probe && !('error' in probe) ? probe : null;
  checks.push(extensionDirCheck(good, options.env));
  checks.push(await downloadCheck(good, options));
  checks.push(...nxChecks(workspaceRoot, options.env));
  checks.push(valgrindCheck(options.env));
  return { projectDir, workspaceRoot, platform, checks, ok: allPassed(checks) };
}

function readMatrix(projectDir: string): SupportMatrix | null {
  try {
    return supportMatrix(projectDir);
  } catch {
    return null;
  }
}

function locateProjectEngine(projectDir: string, platform: ResolvedPlatform): ProjectEngine {
  const find = (from: string, name: string): { version: string; dir: string } | null => {
    try {
      const manifest = createRequire(from).resolve(`${name}/package.json`);
      return { version: (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version, dir: dirname(manifest) };
    } catch {
      return null;
    }
  };
  const nodeApi = find(join(projectDir, 'package.json'), '@duckdb/node-api');
  const bindings = nodeApi ? find(join(nodeApi.dir, 'package.json'), '@duckdb/node-bindings') : null;
  const name = platformPackageName(platform);
  const found = bindings ? find(join(bindings.dir, 'package.json'), name) : null;
  const platformPackage = found ? { name, ...found } : null;
  const libraryPath = platformPackage ? join(platformPackage.dir, libraryFileName(platform.platform)) : null;
  return { nodeApi, bindings, platformPackage, libraryPath };
}

function packagesCheck(e: ProjectEngine, platform: ResolvedPlatform): Check {
  const name = 'engine packages installed';
  if (!e.nodeApi) return check(name, 'fail', '@duckdb/node-api is not installed here', `npm install @duckdb/node-api@${recommendedNodeApiVersion()}`);
  if (!e.bindings)
    return check(name, 'fail', `@duckdb/node-api ${e.nodeApi.version} is installed without @duckdb/node-bindings`, 'rm -rf node_modules && npm install');
  if (!e.platformPackage) {
    return check(
      name,
      'fail',
      `${platformPackageName(platform)} is not installed (npm skips optional dependencies with --omit=optional, or when the lockfile was made elsewhere)`,
      `npm install ${platformPackageName(platform)}@${e.bindings.version}`,
    );
  }
  return check(
    name,
    'pass',
    `@duckdb/node-api ${e.nodeApi.version}, @duckdb/node-bindings ${e.bindings.version}, ${e.platformPackage.name} ${e.platformPackage.version}`,
  );
}

function supportedCheck(e: ProjectEngine): Check {
  const name = 'engine version supported';
  const range = supportedNodeApiRange();
  if (!e.nodeApi) return check(name, 'skip', '@duckdb/node-api is not installed');
  return isSupportedNodeApi(e.nodeApi.version, range)
    ? check(name, 'pass', `@duckdb/node-api ${e.nodeApi.version} is in the range this frozen-duckdb supports (${range})`)
    : check(
        name,
        'fail',
        `@duckdb/node-api ${e.nodeApi.version} is outside the range this frozen-duckdb supports (${range}): its commands refuse to run`,
        `npm install @duckdb/node-api@${recommendedNodeApiVersion()}, or the frozen-duckdb release made for ${e.nodeApi.version}`,
      );
}

function loadCheck(e: ProjectEngine, probe: EngineProbe | { error: string } | null, platform: ResolvedPlatform): Check {
  const name = 'engine loads, versions agree';
  if (!probe) {
    return check(
      name,
      'skip',
      platform.overridden ? `FROZEN_DUCKDB_PLATFORM=${platform.key} is pretended: its engine cannot be loaded here` : 'the engine packages are not installed',
    );
  }
  if ('error' in probe) {
    return check(
      name,
      'fail',
      `loading @duckdb/node-api failed: ${probe.error}`,
      `reinstall the engine: rm -rf node_modules && npm ci (or npm install ${platformPackageName(platform)})`,
    );
  }
  const versions = [e.nodeApi?.version, e.bindings?.version, e.platformPackage?.version];
  const expected = versionFromPackage(e.platformPackage?.version ?? '');
  const agree = versions.every((v) => v === versions[0]) && probe.libraryVersion === expected;
  return agree
    ? check(name, 'pass', `the library reports ${probe.libraryVersion}; all three packages are ${versions[0]}`)
    : check(
        name,
        'fail',
        `library ${probe.libraryVersion}; @duckdb/node-api ${versions[0]}, @duckdb/node-bindings ${versions[1]}, platform package ${versions[2]}`,
        'align them: npm install @duckdb/node-api@<one version> and let it pull the matching bindings (then npm dedupe)',
      );
}

function copiesCheck(installed: ReturnType<typeof scanNodeModules>, platform: ResolvedPlatform, engine: ProjectEngine): Check {
  const name = 'one copy of the engine';
  const platformName = platformPackageName(platform);
  const names = ['@duckdb/node-api', '@duckdb/node-bindings', platformName];
  const groups = names.map((pkg) => installed.filter((p) => p.name === pkg));
  const extra = groups.filter((list) => list.length > 1);
  if (extra.length === 0) return check(name, 'pass', `${groups.map((list, i) => `${list.length} ${names[i]}`).join(', ')} in node_modules`);
  const list = extra
    .flat()
    .map((p) => `${p.name}@${p.version} at ${p.dir}`)
    .join('; ');
  const used = engine.nodeApi ? `frozen-duckdb measures the project's own @duckdb/node-api ${engine.nodeApi.version} (${engine.nodeApi.dir}); ` : '';
  return check(
    name,
    'fail',
    `${extra.flat().length} copies (two engines in one process, and code that measures one while the project ships the other): ${list}`,
    `${used}\`npm ls @duckdb/node-api @duckdb/node-bindings\` shows who pulls which: give them one version (\`npm install @duckdb/node-api@${engine.nodeApi?.version ?? recommendedNodeApiVersion()}\`, upgrade the dependency that pins another), then \`npm dedupe\``,
  );
}

function deprecatedChecks(installed: ReturnType<typeof scanNodeModules>): Check[] {
  const name = 'deprecated duckdb package';
  const copies = installed.filter((p) => p.name === 'duckdb');
  if (copies.length === 0) return [check(name, 'pass', 'not installed')];
  return copies.map((p) => {
    const binding = preGypBindingPath(p);
    return existsSync(binding)
      ? check(
          name,
          'warn',
          `duckdb ${p.version} at ${p.dir}: deprecated; when its prebuilt download fails, npm compiles DuckDB from source with node-gyp (minutes to an hour on two cores)`,
          'move to @duckdb/node-api (`npm uninstall duckdb && npm install @duckdb/node-api`)',
        )
      : check(
          name,
          'fail',
          `duckdb ${p.version} at ${p.dir} has no ${binding.slice(p.dir.length + 1)}: its install script did not run (npm --ignore-scripts) or its build failed; require('duckdb') throws`,
          '`npm uninstall duckdb` and use @duckdb/node-api; or `npm rebuild duckdb` (downloads, else compiles DuckDB from source)',
        );
  });
}

function glibcCheck(libraryPath: string | null, platform: ResolvedPlatform): Check {
  const name = 'glibc new enough';
  if (platform.libc !== 'glibc')
    return check(name, 'skip', platform.libc === 'musl' ? 'musl libc: the -musl package links against musl' : `${platform.platform} has no glibc`);
  if (!libraryPath || !existsSync(libraryPath)) return check(name, 'skip', 'the library is not installed');
  if (platform.overridden || !platform.glibcVersion) return check(name, 'skip', 'the running glibc version is unknown for a pretended platform');
  let required: string | null;
  const source = fileSource(libraryPath);
  try {
    required = highestVersion(
      readElf(source, libraryPath).versionNeeds.flatMap((n) => n.versions),
      'GLIBC_',
    );
  } catch (error) {
    return check(name, 'fail', (error as Error).message, 'reinstall the engine: rm -rf node_modules && npm ci');
  } finally {
    source.close();
  }
  if (!required) return check(name, 'pass', `the library needs no versioned glibc symbols; system glibc ${platform.glibcVersion}`);
  const ok = compareVersions(platform.glibcVersion, required) >= 0;
  return ok
    ? check(name, 'pass', `the library needs GLIBC_${required}; this system has ${platform.glibcVersion}`)
    : check(
        name,
        'fail',
        `the library needs GLIBC_${required}; this system has ${platform.glibcVersion}`,
        `use a system with glibc >= ${required} (Debian 10+, Ubuntu 18.04+, RHEL 8+) or the -musl build in Alpine`,
      );
}

async function envVarChecks(env: NodeJS.ProcessEnv, libraryPath: string | null, version: string | null, platform: ResolvedPlatform): Promise<Check[]> {
  const checks: Check[] = [];
  const lib = libraryFileName(platform.platform);
  const installed = libraryPath && existsSync(libraryPath) ? realpathSync(libraryPath) : null;
  let installedHash: string | null = null;
  const sameAsInstalled = async (candidate: string): Promise<boolean> => {
    if (!installed) return false;
    if (realpathSync(candidate) === installed) return true;
    installedHash ??= (await pinFile(installed)).sha256;
    return (await pinFile(candidate)).sha256 === installedHash;
  };
  const fixEnv = 'eval "$(npx frozen-duckdb env --shell bash)" (or unset the variable)';

  const libDir = env.DUCKDB_LIB_DIR;
  if (!libDir) checks.push(check('env: DUCKDB_LIB_DIR', 'pass', 'not set (only native builds need it)'));
  else if (!existsSync(join(libDir, lib))) checks.push(check('env: DUCKDB_LIB_DIR', 'fail', `${libDir} has no ${lib}`, fixEnv));
  else if (await sameAsInstalled(join(libDir, lib))) checks.push(check('env: DUCKDB_LIB_DIR', 'pass', `${libDir} holds the same ${lib} Node loads`));
  else
    checks.push(
      check(
        'env: DUCKDB_LIB_DIR',
        'fail',
        `${join(libDir, lib)} differs from the installed ${installed ?? 'engine'}: native builds would link another DuckDB`,
        fixEnv,
      ),
    );

  const loaderVar = platform.platform === 'darwin' ? 'DYLD_LIBRARY_PATH' : platform.platform === 'win32' ? 'PATH' : 'LD_LIBRARY_PATH';
  const dirs = (env[loaderVar] ?? '').split(platform.platform === 'win32' ? ';' : delimiter).filter((d) => d !== '');
  const first = dirs.map((d) => join(d, lib)).find((f) => existsSync(f));
  if (!first) checks.push(check(`env: ${loaderVar}`, 'pass', `no ${lib} on it${dirs.length ? '' : ' (not set)'}`));
  else if (await sameAsInstalled(first)) checks.push(check(`env: ${loaderVar}`, 'pass', `its first ${lib} (${first}) is the installed one`));
  else {
    checks.push(
      check(
        `env: ${loaderVar}`,
        'fail',
        `${first} comes first and differs from the installed engine; it takes precedence over duckdb.node's RUNPATH, so Node would load it too`,
        `remove ${dirname(first)} from ${loaderVar}, or ${fixEnv}`,
      ),
    );
  }

  const wanted = env.DUCKDB_VERSION;
  if (!wanted) checks.push(check('env: DUCKDB_VERSION', 'pass', 'not set'));
  else if (version && wanted === version) checks.push(check('env: DUCKDB_VERSION', 'pass', `${wanted}, as the library reports`));
  else checks.push(check('env: DUCKDB_VERSION', 'fail', `${wanted}, but the library is ${version ?? 'not installed'}`, fixEnv));

  if (installed && version) {
    const include = checkIncludeDir(env, { path: installed, duckdbVersion: version });
    const status = include.status === 'matches' || include.status === 'unset' ? 'pass' : include.status === 'missing' ? 'fail' : 'warn';
    checks.push(check('env: DUCKDB_INCLUDE_DIR', status, include.detail, `set DUCKDB_INCLUDE_DIR to the folder of duckdb.h from DuckDB's ${version} release`));
  } else {
    checks.push(check('env: DUCKDB_INCLUDE_DIR', 'skip', 'the library is not installed'));
  }
  return checks;
}

function extensionDirCheck(probe: EngineProbe | null, env: NodeJS.ProcessEnv): Check {
  const name = 'extension directory writable';
  if (!probe) return check(name, 'skip', 'the engine did not load, so its extension directory is unknown');
  const home = probe.homeDirectory || env.HOME || homedir();
  const base = probe.extensionDirectory || join(home, '.duckdb', 'extensions');
  const dir = join(base, probe.libraryVersion, probe.duckdbPlatform);
  let existing = dir;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  const fix = 'SET extension_directory to a writable folder (or fix HOME); INSTALL and autoloading write there';
  if (!statSync(existing).isDirectory()) return check(name, 'fail', `${dir} cannot be created: ${existing} is a file`, fix);
  // A real write: permission bits do not tell the whole story (read-only mounts, root).
  try {
    rmdirSync(mkdtempSync(join(existing, '.frozen-duckdb-write-test-')));
  } catch (error) {
    return check(
      name,
      'fail',
      `${existing} is not writable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); extensions go to ${dir}`,
      fix,
    );
  }
  return check(name, 'pass', existing === dir ? `${dir} is writable` : `${dir} can be created (${existing} is writable)`);
}

async function downloadCheck(probe: EngineProbe | null, options: DoctorOptions): Promise<Check> {
  const name = 'extensions downloadable';
  if (options.offline) return check(name, 'skip', '--offline: not tried');
  if (!probe) return check(name, 'skip', 'the engine did not load, so its version and platform are unknown');
  const timeoutMs = options.timeoutMs ?? 5000;
  const url = `http://extensions.duckdb.org/${probe.libraryVersion}/${probe.duckdbPlatform}/httpfs.duckdb_extension.gz`;
  const result = await probeExtensionDownload(url, timeoutMs);
  return result.ok
    ? check(name, 'pass', `${url} answered ${result.status} in ${result.ms.toFixed(0)} ms`)
    : check(
        name,
        'warn',
        `${url}: ${result.error} (gave up after ${result.ms.toFixed(0)} ms); INSTALL and autoloading of non-built-in extensions will fail`,
        'INSTALL extensions where there is network and copy the extension directory here, or use only the built-in ones (parquet, json, icu)',
      );
}
