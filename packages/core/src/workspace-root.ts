import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Whether `dir` is a workspace root: it has nx.json, a package.json that declares workspaces, or .git. */
export function isWorkspaceRoot(dir: string): boolean {
  if (existsSync(join(dir, 'nx.json')) || existsSync(join(dir, '.git'))) return true;
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) return false;
  try {
    return Boolean((JSON.parse(readFileSync(manifest, 'utf8')) as { workspaces?: unknown }).workspaces);
  } catch {
    // A broken package.json is not a workspace root; the search goes on upwards.
    return false;
  }
}

/** The nearest workspace root at or above `start` (see `isWorkspaceRoot`); undefined when there is none. */
export function findWorkspaceRoot(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (isWorkspaceRoot(dir)) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
