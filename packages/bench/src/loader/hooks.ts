/**
 * ESM loader hooks for worker processes: suites are TypeScript files loaded without a build
 * step on Node 20. `.ts` sources are transpiled (types dropped, no type check) and `./x.js`
 * resolves to `./x.ts` when only the TypeScript file exists, as NodeNext sources write it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTranspiled, transpileCacheDir, transpileKey, writeTranspiled } from './transpile-cache.js';

type Next<A extends unknown[], R> = (...args: A) => Promise<R>;
interface ResolveResult {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
}
interface LoadResult {
  format: string;
  source?: string | ArrayBuffer | Uint8Array | null;
  shortCircuit?: boolean;
}

const TS = /\.(ts|mts|cts)$/;

export async function resolve(
  specifier: string,
  context: { parentURL?: string },
  nextResolve: Next<[string, { parentURL?: string }], ResolveResult>,
): Promise<ResolveResult> {
  const parent = context.parentURL;
  if (parent && parent.startsWith('file:') && /^\.{1,2}\//.test(specifier) && /\.(m?js)$/.test(specifier)) {
    const target = new URL(specifier, parent);
    if (!existsSync(fileURLToPath(target))) {
      const tsUrl = new URL(specifier.replace(/\.js$/, '.ts').replace(/\.mjs$/, '.mts'), parent);
      if (existsSync(fileURLToPath(tsUrl))) return { url: tsUrl.href, shortCircuit: true };
    }
  }
  return nextResolve(specifier, context);
}

export async function load(
  url: string,
  context: { format?: string | null },
  nextLoad: Next<[string, { format?: string | null }], LoadResult>,
): Promise<LoadResult> {
  if (url.startsWith('file:') && TS.test(url) && !url.endsWith('.d.ts')) {
    const file = fileURLToPath(url);
    const source = readFileSync(file, 'utf8');
    const key = transpileKey([basename(file), source, compilerVersion(), JSON.stringify(COMPILER_OPTIONS)]);
    const cached = cache && readTranspiled(cache, key);
    if (cached) return { format: 'module', source: cached, shortCircuit: true };
    const output = await transpile(file, source);
    if (cache) writeTranspiled(cache, key, output);
    return { format: 'module', source: output, shortCircuit: true };
  }
  return nextLoad(url, context);
}

/** Where transpiled files are kept: the worker's working folder is the project's. */
const cache = transpileCacheDir(process.cwd());

const COMPILER_OPTIONS = {
  module: 'ESNext',
  target: 'ES2022',
  sourceMap: false,
  inlineSourceMap: true,
  inlineSources: true,
  verbatimModuleSyntax: false,
} as const;

let version: string | undefined;
/** The compiler's version, from its package.json: loading the compiler itself is what the cache avoids. */
function compilerVersion(): string {
  version ??= (createRequire(import.meta.url)('typescript/package.json') as { version: string }).version;
  return version;
}

/**
 * Types dropped, no type check. The source map names the file without its folder, so the output is the
 * same wherever the file lives (a base worktree shares the checkout's entries) and still maps beside it.
 */
async function transpile(file: string, source: string): Promise<string> {
  const { default: ts } = await import('typescript');
  const output = ts.transpileModule(source, {
    fileName: basename(file),
    reportDiagnostics: true,
    compilerOptions: {
      ...COMPILER_OPTIONS,
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
    },
  });
  // transpileModule repairs some syntax errors silently ('export default {' becomes '{}'): report them instead.
  const syntax = output.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (syntax) {
    const at = syntax.file && syntax.start !== undefined ? syntax.file.getLineAndCharacterOfPosition(syntax.start) : undefined;
    throw new SyntaxError(`${file}${at ? `:${at.line + 1}:${at.character + 1}` : ''}: ${ts.flattenDiagnosticMessageText(syntax.messageText, ' ')}`);
  }
  return output.outputText;
}
