// What each published package ships, read from `npm pack --dry-run` of the real built packages: its
// README, package.json fields a registry page and an install need, no tests or fixtures, source maps
// whose sources are in the tarball, and entry points that exist.
import { readFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pack, publishablePackages, workspacePackages } from '../src/packages.mjs';
import { nx } from './helpers.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const published = publishablePackages(root);
const packed = new Map(pack(root, published).map((result) => [result.name, result]));
const DEPENDENCY_LISTS = ['dependencies', 'peerDependencies', 'optionalDependencies'] as const;

describe('the published packages', () => {
  it('are the ones nx release versions and publishes, all at one version', () => {
    const nxJson = JSON.parse(readFileSync(join(root, 'nx.json'), 'utf8'));
    expect(nxJson.release.projectsRelationship).toBe('fixed');
    const shown = nx(root, ['show', 'projects', `--projects=${nxJson.release.projects.join(',')}`, '--json']);
    expect(JSON.parse(shown.slice(shown.indexOf('['), shown.lastIndexOf(']') + 1)).sort()).toEqual(published.map((p) => p.name).sort());
    expect(new Set(published.map((p) => p.version)).size).toBe(1);
  });

  it('the changelog has a section for every package folder (commits are "<folder>: what changed")', () => {
    const types = JSON.parse(readFileSync(join(root, 'nx.json'), 'utf8')).release.conventionalCommits.types;
    for (const p of published) expect(types[posix.basename(p.folder)]?.changelog.hidden).not.toBe(true);
  });

  it("ask each other for exactly the released version, and the workspace's private projects take whatever the workspace has", () => {
    const names = new Set(published.map((p) => p.name));
    const version = published[0]!.version;
    for (const p of published) {
      for (const list of DEPENDENCY_LISTS) {
        for (const [name, spec] of Object.entries<string>(p.manifest[list] ?? {})) {
          if (names.has(name)) expect(`${p.name} ${list} ${name}@${spec}`).toBe(`${p.name} ${list} ${name}@${version}`);
          // Only core talks to DuckDB, and it uses the project's own copy.
          if (name === '@duckdb/node-api') expect(`${p.name} ${list}`).toBe('@frozen-duckdb/core peerDependencies');
        }
      }
    }
    // A private project pinning 0.1.0 would, after a release, install the registry's old copy instead of the workspace's.
    for (const p of workspacePackages(root).filter((w) => w.manifest.private)) {
      for (const list of [...DEPENDENCY_LISTS, 'devDependencies'] as const) {
        for (const [name, spec] of Object.entries<string>(p.manifest[list] ?? {}))
          if (names.has(name)) expect(`${p.name}: ${name}@${spec}`).toBe(`${p.name}: ${name}@*`);
      }
    }
  });

  describe.each(published.map((p) => [p.name, p] as const))('%s', (name, p) => {
    const result = packed.get(name)!;
    const files = new Set(result.files.map((f) => f.path));

    it('has a README, a description, the license, the repository with its folder, engines and public access', () => {
      expect(files.has('README.md')).toBe(true);
      expect(readFileSync(join(p.dir, 'README.md'), 'utf8')).toMatch(new RegExp(`^# ${name.replace('/', '\\/')}\\n`));
      expect(p.manifest.description).toEqual(expect.any(String));
      expect(p.manifest.license).toBe(rootManifest.license);
      expect(p.manifest.repository).toEqual({ ...rootManifest.repository, directory: p.folder });
      expect(p.manifest.engines).toEqual(rootManifest.engines);
      expect(p.manifest.publishConfig).toEqual({ access: 'public' });
      expect(p.manifest.files).toEqual(expect.any(Array));
    });

    it('ships no tests, fixtures, build state or local configuration', () => {
      const unwanted = [...files].filter(
        (f) =>
          /(^|\/)(test|tests|__tests__|fixtures?)\//.test(f) ||
          /\.test\.[cm]?[jt]s$/.test(f) ||
          /tsbuildinfo$/.test(f) ||
          /^(tsconfig|jest\.config)/.test(posix.basename(f)),
      );
      expect(unwanted).toEqual([]);
    });

    it('ships the sources of every source map, inside the package', () => {
      for (const map of [...files].filter((f) => f.endsWith('.map'))) {
        const { sources, sourceRoot = '' } = JSON.parse(readFileSync(join(p.dir, map), 'utf8')) as { sources: string[]; sourceRoot?: string };
        for (const source of sources) {
          const target = posix.normalize(posix.join(posix.dirname(map), sourceRoot, source));
          expect(`${map} -> ${target}${files.has(target) ? '' : ' (not in the package)'}`).toBe(`${map} -> ${target}`);
        }
      }
    });

    it('ships the files its entry points name', () => {
      const entries: string[] = [];
      const collect = (value: unknown): void => {
        if (typeof value === 'string') entries.push(value);
        else if (value && typeof value === 'object') Object.values(value).forEach(collect);
      };
      collect(p.manifest.exports);
      collect(p.manifest.bin);
      collect(p.manifest.generators);
      for (const entry of entries) expect(`${entry}${files.has(posix.normalize(entry)) ? '' : ' (not in the package)'}`).toBe(entry);
      expect(entries.length).toBeGreaterThan(0);
    });
  });
});
