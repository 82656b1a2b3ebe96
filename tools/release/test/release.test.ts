// Nx release on this workspace, dry runs only (nothing is written, tagged or published): versions in
// lockstep through the version actions, the changelog from commits, npm publish through the executor.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishablePackages, workspacePackages } from '../src/packages.mjs';
import { nx } from './helpers.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describe('nx release', () => {
  it('version: every published package and its dependencies on the others move to the new version; nothing else', () => {
    const out = nx(root, ['release', 'version', '9.9.9', '--dry-run']);
    const updated = [...out.matchAll(/^UPDATE (\S+)\/package\.json \[dry-run\]$/gm)].map((m) => m[1]).sort();
    expect(updated).toEqual(publishablePackages(root).map((p) => p.folder).sort());
    // frozen-duckdb's dependencies on the packages it wires together.
    expect(out).toMatch(/^\+\s+"@frozen-duckdb\/core": "9\.9\.9",$/m);
    expect(out).toMatch(/^\+\s+"version": "9\.9\.9",$/m);
    expect(out).not.toMatch(/"@duckdb\/node-api": "9\.9\.9"/);
    for (const p of workspacePackages(root).filter((w) => w.manifest.private)) expect(out).not.toContain(`UPDATE ${p.folder}/package.json`);
  });

  it('changelog: an entry for the version from the commits, grouped by the folder they name', () => {
    const first = spawnSync('git', ['rev-list', '--max-parents=0', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim().split('\n').pop()!;
    const out = nx(root, ['release', 'changelog', '9.9.9', '--dry-run', `--from=${first}`]);
    expect(out).toMatch(/CHANGELOG\.md \[dry-run\]/);
    expect(out).toMatch(/^\+ ## 9\.9\.9 /m);
  });

  it('publish: npm publish --dry-run in the package folder, after its build', () => {
    const out = nx(root, ['run', '@frozen-duckdb/core:nx-release-publish', '--dryRun', '--outputStyle=static']);
    expect(out).toContain('npm publish --access=public --dry-run  (in packages/core)');
    expect(out).toMatch(/\+ @frozen-duckdb\/core@\d+\.\d+\.\d+/);
    expect(out).toMatch(/nx run @frozen-duckdb\/core:build/);
  });
});
