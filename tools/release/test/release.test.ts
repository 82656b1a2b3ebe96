// Nx release on this workspace, dry runs only (nothing is written, tagged or published): versions in
// lockstep through the version actions, the changelog from commits, npm publish through the executor.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishablePackages, workspacePackages } from '../src/packages.mjs';
import { nx } from './helpers.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describe('nx release', () => {
  // The maintainer's command, as a dry run: versions, the changelog, the commit and the tag, no publish.
  const out = nx(root, ['release', '9.9.9', '--dry-run', '--skip-publish', '--first-release']);

  it('moves every published package and its dependencies on the others to the new version; nothing else', () => {
    const updated = [...out.matchAll(/^UPDATE (\S+)\/package\.json \[dry-run\]$/gm)].map((m) => m[1]).sort();
    expect(updated).toEqual(
      publishablePackages(root)
        .map((p) => p.folder)
        .sort(),
    );
    // frozen-duckdb's dependencies on the packages it wires together.
    expect(out).toMatch(/^\+\s+"@frozen-duckdb\/core": "9\.9\.9",$/m);
    expect(out).toMatch(/^\+\s+"version": "9\.9\.9",$/m);
    expect(out).not.toMatch(/"@duckdb\/node-api": "9\.9\.9"/);
    for (const p of workspacePackages(root).filter((w) => w.manifest.private)) expect(out).not.toContain(`UPDATE ${p.folder}/package.json`);
  });

  it('writes a CHANGELOG.md entry from the commits, commits and tags v9.9.9', () => {
    expect(out).toMatch(/CHANGELOG\.md \[dry-run\]/);
    expect(out).toMatch(/^\+ ## 9\.9\.9 /m);
    expect(out).toContain('Committing changes with git');
    expect(out).toContain('Tagging commit with git');
    expect(out).toContain('Skipped publishing packages');
  });

  it('publish: npm publish --dry-run in the package folder, after its build', () => {
    const publish = nx(root, ['run', '@frozen-duckdb/core:nx-release-publish', '--dryRun', '--outputStyle=static']);
    expect(publish).toContain('npm publish --access=public --dry-run  (in packages/core)');
    expect(publish).toMatch(/\+ @frozen-duckdb\/core@\d+\.\d+\.\d+/);
    expect(publish).toMatch(/nx run @frozen-duckdb\/core:build/);
    expect(publish).toMatch(/nx run @frozen-duckdb\/core:declarations/);
  });

  it("publish: passes on the tag and registry it is given, and ignores nx release's own options", () => {
    const publish = nx(root, [
      'run',
      '@frozen-duckdb/core:nx-release-publish',
      '--dryRun',
      '--tag=next',
      '--registry',
      'https://registry.npmjs.org/',
      '--first-release',
      '--outputStyle=static',
    ]);
    expect(publish).toContain('npm publish --access=public --tag=next --registry=https://registry.npmjs.org/ --dry-run  (in packages/core)');
  });
});
