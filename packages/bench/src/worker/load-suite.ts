import { pathToFileURL } from 'node:url';
import { registerTypeScriptLoader } from '../loader/register.js';
import { isSuite, type Suite } from '../suite.js';

/** Imports a suite file (TypeScript included) and returns the one suite it exports. */
export async function loadSuite(file: string): Promise<Suite> {
  registerTypeScriptLoader();
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const suites = [
    module['default'],
    ...Object.entries(module)
      .filter(([k]) => k !== 'default')
      .map(([, v]) => v),
  ].filter(isSuite);
  const suite = suites[0];
  if (!suite) throw new Error('the file exports no suite (export default defineSuite({ name, benchmarks }))');
  if (new Set(suites).size > 1) throw new Error('the file exports more than one suite; keep one suite per file');
  return suite;
}
