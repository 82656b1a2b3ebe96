import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { check, type Check } from '@frozen-duckdb/native';

interface NxJson {
  neverConnectToCloud?: boolean;
  nxCloudAccessToken?: string;
  nxCloudId?: string;
  nxCloudUrl?: string;
  cacheDirectory?: string;
  tasksRunnerOptions?: Record<string, { runner?: string; options?: { cacheDirectory?: string; accessToken?: string } }>;
}

/** Nx settings that matter in CI: whether it tries Nx Cloud, and where its cache lives. */
export function nxChecks(workspaceRoot: string, env: NodeJS.ProcessEnv): Check[] {
  const file = join(workspaceRoot, 'nx.json');
  if (!existsSync(file)) return [check('nx: settings', 'skip', `no nx.json at ${workspaceRoot}: not an Nx workspace`)];
  let nx: NxJson;
  try {
    nx = JSON.parse(readFileSync(file, 'utf8')) as NxJson;
  } catch (error) {
    return [check('nx: settings', 'fail', `${file} is not valid JSON: ${(error as Error).message}`, 'fix nx.json; every nx command fails until then')];
  }
  const runner = Object.values(nx.tasksRunnerOptions ?? {})[0];
  const cloudConfigured = Boolean(nx.nxCloudAccessToken || nx.nxCloudId || runner?.options?.accessToken || runner?.runner === 'nx-cloud');
  const cloudOff = nx.neverConnectToCloud === true || env.NX_NO_CLOUD === 'true';
  const cloud = cloudOff
    ? check('nx: cloud off', 'pass', nx.neverConnectToCloud ? 'neverConnectToCloud is true in nx.json' : 'NX_NO_CLOUD=true')
    : check(
        'nx: cloud off',
        'warn',
        cloudConfigured
          ? 'nx.json configures Nx Cloud: CI runs need its token and network'
          : 'neverConnectToCloud is not set: Nx may prompt for or try Nx Cloud',
        'set "neverConnectToCloud": true in nx.json (or NX_NO_CLOUD=true in CI) unless you use Nx Cloud on purpose',
      );
  const configured = env.NX_CACHE_DIRECTORY ?? nx.cacheDirectory ?? runner?.options?.cacheDirectory ?? '.nx/cache';
  const cacheDir = resolve(workspaceRoot, configured);
  const rel = relative(workspaceRoot, cacheDir);
  const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  const source = env.NX_CACHE_DIRECTORY ? 'NX_CACHE_DIRECTORY' : nx.cacheDirectory || runner?.options?.cacheDirectory ? 'nx.json' : 'the default';
  const ignored = inside && gitignoreCovers(workspaceRoot, rel);
  const cache = !inside
    ? check(
        'nx: cache inside workspace',
        'warn',
        `cache at ${cacheDir} (from ${source}) is outside the workspace`,
        'set "cacheDirectory": ".nx/cache" so CI caches one folder of the checkout (or save that path in your CI cache step)',
      )
    : ignored
      ? check('nx: cache inside workspace', 'pass', `${rel} (from ${source}), ignored by git`)
      : check(
          'nx: cache inside workspace',
          'warn',
          `${rel} (from ${source}) is inside the workspace but not in .gitignore`,
          `add ${rel.split('/')[0]}/ to .gitignore so cache entries are never committed`,
        );
  return [cloud, cache];
}

function gitignoreCovers(root: string, rel: string): boolean {
  const file = join(root, '.gitignore');
  if (!existsSync(file)) return false;
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim().replace(/^\//, '').replace(/\/$/, ''));
  const parts = rel.split('/');
  // A listed folder covers everything under it: .nx covers .nx/cache.
  return parts.some((_, i) => lines.includes(parts.slice(0, i + 1).join('/')));
}
