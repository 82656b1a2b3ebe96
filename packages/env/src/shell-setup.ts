import { basename, dirname, extname, resolve } from 'node:path';
import { appendToFile, checkOutputs, writeFileAtomic } from '@frozen-duckdb/files';
import { locateEngine, type EngineLocation } from './engine.js';
import { EnvSetupError } from './errors.js';
import { checkIncludeDir, type IncludeCheck } from './include-dir.js';
import { renderSetupScript } from './setup-script.js';
import { renderExports, type Shell } from './shell-exports.js';

export interface ShellSetupOptions {
  shell?: Shell;
  /** Write a sourceable script (bash, zsh, fish), a .env file (dotenv) or append (github) to this file. */
  write?: string;
  /** Replace a --write file that exists already (refused otherwise; github appends and needs none). */
  force?: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface ShellSetupResult {
  shell: Shell;
  /** What to print on stdout: the exports to evaluate (empty when a file was written). */
  text: string;
  /** Said on stderr, so `eval "$(...)"` never runs them. */
  notes: string[];
  wrote: { path: string; appended: boolean } | null;
  engine: EngineLocation;
  include: IncludeCheck;
}

/** Produces the exports for a shell, or writes them to a file; fails with the fix on an unsupported platform. */
export async function shellSetup(options: ShellSetupOptions): Promise<ShellSetupResult> {
  const shell = options.shell ?? shellForFile(options.write);
  const engine = await locateEngine(options.env);
  const include = checkIncludeDir(options.env, { path: engine.packages.libraryPath, duckdbVersion: engine.duckdbVersion });
  const notes = include.status === 'matches' ? [] : [include.status === 'unset' ? `note: DUCKDB_INCLUDE_DIR ${include.detail}` : `warning: ${include.detail}`];
  const exportsFor = { libDir: engine.libDir, duckdbVersion: engine.duckdbVersion, platform: engine.platform.platform };
  const result = { shell, notes, engine, include };

  if (shell === 'github') {
    const target = options.write ? resolve(options.cwd, options.write) : options.env.GITHUB_ENV;
    if (!target) {
      throw new EnvSetupError(
        '--shell github appends to $GITHUB_ENV, which is not set here',
        'run it inside a GitHub Actions step, or pass --write FILE to append to another file',
        'usage',
      );
    }
    appendToFile(target, renderExports('github', exportsFor, options.env), options.write ? '--write' : '$GITHUB_ENV');
    return {
      ...result,
      text: '',
      wrote: { path: target, appended: true },
      notes: [...notes, `appended DUCKDB_LIB_DIR, DUCKDB_VERSION and the loader paths to ${target}`],
    };
  }
  if (!options.write) return { ...result, text: renderExports(shell, exportsFor, options.env), wrote: null };

  const path = resolve(options.cwd, options.write);
  checkOutputs({ outputs: [{ name: '--write', path }], force: options.force ?? false });
  const text =
    shell === 'dotenv'
      ? renderExports('dotenv', exportsFor, options.env)
      : renderSetupScript({
          shell,
          scriptDir: dirname(path),
          libDir: engine.libDir,
          duckdbVersion: engine.duckdbVersion,
          platform: engine.platform.platform,
          fileName: basename(path),
        });
  writeFileAtomic(path, text, { mode: 0o644 });
  const how = shell === 'dotenv' ? 'load it with your dotenv tool' : `source it from any folder: ${shell === 'fish' ? 'source' : '.'} ${path}`;
  return { ...result, text: '', wrote: { path, appended: false }, notes: [...notes, `wrote ${path}; ${how}`] };
}

/** The format a --write file gets when --shell is not given: by its extension, bash otherwise. */
export function shellForFile(file: string | undefined): Shell {
  const ext = file ? extname(file) : '';
  if (ext === '.fish') return 'fish';
  if (ext === '.env' || (file && basename(file) === '.env')) return 'dotenv';
  if (ext === '.zsh') return 'zsh';
  return 'bash';
}
