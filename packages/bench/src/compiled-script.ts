import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The compiled file of a script this package starts as a process (`url`: its `.js` beside the module
 * asking). Under ts-jest the sources run from src/, but a child process always runs dist/.
 */
export function compiledScript(url: URL): string {
  const sibling = fileURLToPath(url);
  if (existsSync(sibling)) return sibling;
  return sibling.replace(/([\\/])src([\\/][^\\/]+[\\/][^\\/]+\.js)$/, '$1dist$2');
}
