import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { SKIPPED_FOLDERS } from '@frozen-duckdb/bench';
import { writeFileAtomic } from '@frozen-duckdb/files';
import { UsageError } from '../command.js';
import { benchDependencies, gitignoreWithEntries, undeclared, withDevDependencies, type Manifest } from './dependencies.js';
import { SUITE_NAME, suiteSource } from './suite-template.js';
import { WORKFLOW_FILE, workflowSource } from './workflow-template.js';

export interface InitOptions {
  /** The project folder: the one with package.json. */
  projectDir: string;
  /** The folder for the suites, relative to the project (default bench). */
  dir: string;
  /** The starter suite's name: the file is <dir>/<name>.bench.ts. */
  name: string;
  /** Write the GitHub Actions workflow too. */
  workflow: boolean;
}

/** What init wrote, relative to the project folder. */
export interface InitResult {
  files: string[];
  scripts: string[];
  dependencies: Record<string, string>;
}

/** The package.json scripts that run the suites in `dir`. */
export function benchScripts(dir: string): Record<string, string> {
  return {
    bench: `frozen-duckdb bench ${dir}`,
    'bench:record': `frozen-duckdb baseline record ${dir}`,
    'bench:compare': `frozen-duckdb compare ${dir} --base=origin/main`,
  };
}

/**
 * Sets up a project without Nx: a starter suite, scripts, the workflow, the packages to install.
 * Everything is checked before anything is written, so a refused init changes nothing.
 */
export function initPlainProject(options: InitOptions): InitResult {
  const { projectDir, dir, name } = options;
  const manifestPath = join(projectDir, 'package.json');
  if (!existsSync(manifestPath)) {
    throw new UsageError(`${projectDir} has no package.json`, 'run init in your project folder, or create the project first with `npm init -y`');
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  } catch (error) {
    throw new UsageError(`${manifestPath} is not valid JSON: ${(error as Error).message}`, 'fix package.json first');
  }
  if (!SUITE_NAME.test(name)) throw new UsageError(`--name must be letters, digits, '-' or '_' (it names <name>.bench.ts); got ${JSON.stringify(name)}`);
  // The CLI never looks for suites under hidden folders or the ones it skips.
  const skipped = (segment: string) => SKIPPED_FOLDERS.has(segment) || (segment.startsWith('.') && segment !== '.');
  if (!/^[\w.-]+(\/[\w.-]+)*$/.test(dir) || posix.normalize(dir).startsWith('..') || dir.split('/').some(skipped)) {
    throw new UsageError(`--dir must be a folder inside the project where suites are looked for, such as bench; got ${JSON.stringify(dir)}`);
  }

  const suite = posix.join(dir, `${name}.bench.ts`);
  if (existsSync(join(projectDir, suite))) throw new UsageError(`${suite} already exists`, 'pick another --name, or edit that suite');
  if (options.workflow && existsSync(join(projectDir, WORKFLOW_FILE))) {
    throw new UsageError(`${WORKFLOW_FILE} already exists`, 'pass --no-workflow to keep yours, or move it away first');
  }
  const wantedScripts = benchScripts(dir);
  const scripts = Object.entries(wantedScripts).filter(([script]) => manifest.scripts?.[script] === undefined);
  const clash = Object.entries(wantedScripts).filter(([script, command]) => manifest.scripts?.[script] !== undefined && manifest.scripts[script] !== command);
  if (clash.length) {
    const [script] = clash[0]!;
    throw new UsageError(
      `package.json already has a script '${script}' (${JSON.stringify(manifest.scripts?.[script])})`,
      `rename or remove it, then run init again; init adds ${Object.keys(wantedScripts).join(', ')}`,
    );
  }
  const dependencies = undeclared(manifest, benchDependencies(projectDir));

  const written: string[] = [];
  const write = (relative: string, text: string) => {
    mkdirSync(dirname(join(projectDir, relative)), { recursive: true });
    writeFileAtomic(join(projectDir, relative), text);
    written.push(relative);
  };
  write(suite, suiteSource(name, { runner: 'npm' }));
  if (options.workflow) write(WORKFLOW_FILE, workflowSource({ runner: 'npm', dir }));
  const gitignorePath = join(projectDir, '.gitignore');
  const gitignore = gitignoreWithEntries(existsSync(gitignorePath) ? readFileSync(gitignorePath, 'utf8') : null);
  if (gitignore !== null) write('.gitignore', gitignore);
  if (scripts.length || Object.keys(dependencies).length) {
    const updated = withDevDependencies({ ...manifest, scripts: { ...manifest.scripts, ...Object.fromEntries(scripts) } }, dependencies);
    write('package.json', `${JSON.stringify(updated, null, 2)}\n`);
  }
  return { files: written, scripts: scripts.map(([script]) => script), dependencies };
}
