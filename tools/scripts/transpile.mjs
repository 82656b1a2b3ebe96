// A package's JavaScript: every src/**/*.ts to dist/**/*.js (ESM, one file per source, source maps
// beside them) with esbuild, which drops the types without checking them. Types are checked, and the
// .d.ts files written, by the package's typecheck target (tsc). Run in the package's folder.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

/** The TypeScript sources under `dir` (declaration files are tsc's business). */
function sources(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|mts|cts)$/.test(e.name) && !/\.d\.[cm]?ts$/.test(e.name))
    .map((e) => join(e.parentPath ?? e.path, e.name));
}

/** Transpiles `packageDir`'s src folder into its dist folder; throws with esbuild's message on a syntax error. */
export async function transpile(packageDir) {
  const src = join(packageDir, 'src');
  await build({
    entryPoints: sources(src).map((f) => relative(packageDir, f)),
    absWorkingDir: packageDir,
    outbase: 'src',
    outdir: 'dist',
    format: 'esm',
    platform: 'node',
    // The oldest Node in engines; NodeNext sources already name their imports with .js.
    target: 'node20',
    sourcemap: true,
    // Maps point at src/, which every package ships (as tsc's maps did).
    sourcesContent: false,
    tsconfig: join(packageDir, 'tsconfig.build.json'),
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await transpile(process.cwd());
  } catch {
    // esbuild has printed the errors with their places.
    process.exit(1);
  }
}
