// The packages this workspace publishes, and packing them as npm would publish them. One list for the
// release check, `nx release` (nx.json's release.projects must name the same) and the adoption test.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * @typedef {import('./packages.d.mts').WorkspacePackage} WorkspacePackage
 * @typedef {import('./packages.d.mts').PackResult} PackResult
 */

/**
 * Every package of the workspace (the folders its root package.json lists in "workspaces").
 * @param {string} root
 * @returns {WorkspacePackage[]}
 */
export function workspacePackages(root) {
  const { workspaces = [] } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  /** @type {string[]} */
  const dirs = workspaces.flatMap((/** @type {string} */ pattern) => {
    if (!pattern.endsWith('/*')) return [join(root, pattern)];
    const parent = join(root, pattern.slice(0, -2));
    return readdirSync(parent, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => join(parent, e.name));
  });
  return dirs
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return { name: manifest.name, version: manifest.version, dir, folder: relative(root, dir), manifest };
    })
    .sort((a, b) => a.folder.localeCompare(b.folder));
}

/**
 * The packages that are published: every workspace package not marked private.
 * @param {string} root
 * @returns {WorkspacePackage[]}
 */
export function publishablePackages(root) {
  return workspacePackages(root).filter((p) => !p.manifest.private);
}

/**
 * Packs packages as `npm publish` would (their "files", README and package.json), in one npm run;
 * with `destination` the tarballs are written there, without it nothing is written (npm pack --dry-run).
 * @param {string} root the workspace root
 * @param {WorkspacePackage[]} packages
 * @param {string} [destination]
 * @returns {PackResult[]} in the order of `packages`
 */
export function pack(root, packages, destination) {
  const args = ['pack', '--json', '--ignore-scripts', ...(destination ? ['--pack-destination', destination] : ['--dry-run'])];
  for (const p of packages) args.push('--workspace', p.folder);
  const run = spawnSync('npm', args, { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${run.stderr}`);
  /** @type {PackResult[]} */
  const results = JSON.parse(run.stdout);
  return packages.map((p) => {
    const result = results.find((r) => r.name === p.name);
    if (!result) throw new Error(`npm pack reported nothing for ${p.name}`);
    return result;
  });
}
