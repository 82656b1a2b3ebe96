/**
 * ESM loader hooks for worker processes: suites are TypeScript files loaded without a build
 * step on Node 20. `.ts` sources are transpiled (types dropped, no type check) and `./x.js`
 * resolves to `./x.ts` when only the TypeScript file exists, as NodeNext sources write it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

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
    const output = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      reportDiagnostics: true,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        sourceMap: false,
        inlineSourceMap: true,
        inlineSources: true,
        verbatimModuleSyntax: false,
      },
    });
    // transpileModule repairs some syntax errors silently ('export default {' becomes '{}'): report them instead.
    const syntax = output.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
    if (syntax) {
      const at = syntax.file && syntax.start !== undefined ? syntax.file.getLineAndCharacterOfPosition(syntax.start) : undefined;
      throw new SyntaxError(`${file}${at ? `:${at.line + 1}:${at.character + 1}` : ''}: ${ts.flattenDiagnosticMessageText(syntax.messageText, ' ')}`);
    }
    return { format: 'module', source: output.outputText, shortCircuit: true };
  }
  return nextLoad(url, context);
}
