'use strict';
// Nx release's version actions for this workspace's npm packages: read and write package.json
// versions and the exact versions the packages ask of each other. (Nx's own JavaScript version
// actions come with @nx/js, which has no release for Nx 24 on the registry; this is the small part of
// it the packages need.) CommonJS: Nx require()s it.

const { spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { VersionActions } = require('nx/release');

const COLLECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];

/** @typedef {import('nx/src/generators/tree').Tree} Tree */
/** @typedef {import('nx/src/config/project-graph').ProjectGraph} ProjectGraph */

/**
 * @param {Tree} tree
 * @param {string} path
 * @returns {Record<string, any>}
 */
function readJson(tree, path) {
  const text = tree.read(path, 'utf8');
  if (text === null) throw new Error(`${path} does not exist`);
  return JSON.parse(text);
}

/**
 * The npm name of a project: its package.json's.
 * @param {Tree} tree
 * @param {ProjectGraph} graph
 * @param {string} project
 * @returns {string}
 */
function packageName(tree, graph, project) {
  const node = graph.nodes[project];
  if (!node) throw new Error(`no project ${project} in the project graph`);
  return readJson(tree, join(node.data.root, 'package.json')).name;
}

class NpmVersionActions extends VersionActions {
  validManifestFilenames = ['package.json'];

  /** @param {Tree} tree */
  async readCurrentVersionFromSourceManifest(tree) {
    const manifestPath = join(this.projectGraphNode.data.root, 'package.json');
    return { currentVersion: readJson(tree, manifestPath).version, manifestPath };
  }

  // The versions are kept in the packages' own package.json files ("currentVersionResolver": "disk").
  async readCurrentVersionFromRegistry() {
    return null;
  }

  /**
   * @param {Tree} tree
   * @param {ProjectGraph} graph
   * @param {string} dependency
   */
  async readCurrentVersionOfDependency(tree, graph, dependency) {
    const name = packageName(tree, graph, dependency);
    const manifest = readJson(tree, join(this.projectGraphNode.data.root, 'package.json'));
    for (const collection of COLLECTIONS) {
      const spec = manifest[collection]?.[name];
      if (spec !== undefined) return { currentVersion: spec, dependencyCollection: collection };
    }
    return { currentVersion: null, dependencyCollection: null };
  }

  /**
   * @param {Tree} tree
   * @param {string} newVersion
   */
  async updateProjectVersion(tree, newVersion) {
    const logs = [];
    for (const { manifestPath } of this.manifestsToUpdate) {
      const manifest = readJson(tree, manifestPath);
      manifest.version = newVersion;
      tree.write(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
      logs.push(`✍️  New version ${newVersion} written to manifest: ${manifestPath}`);
    }
    return logs;
  }

  /**
   * The packages are released in lockstep and ask each other for exact versions: each dependency on
   * a released package becomes its new version.
   * @param {Tree} tree
   * @param {ProjectGraph} graph
   * @param {Record<string, string>} dependenciesToUpdate project name -> new version
   */
  async updateProjectDependencies(tree, graph, dependenciesToUpdate) {
    const byName = Object.fromEntries(Object.entries(dependenciesToUpdate).map(([project, version]) => [packageName(tree, graph, project), version]));
    const logs = [];
    for (const { manifestPath } of this.manifestsToUpdate) {
      const manifest = readJson(tree, manifestPath);
      let changed = 0;
      for (const collection of COLLECTIONS) {
        for (const [name, version] of Object.entries(byName)) {
          if (manifest[collection]?.[name] !== undefined && manifest[collection][name] !== version) {
            manifest[collection][name] = version;
            changed++;
          }
        }
      }
      if (changed) {
        tree.write(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
        logs.push(`✍️  Updated ${changed} dependenc${changed === 1 ? 'y' : 'ies'} in manifest: ${manifestPath}`);
      }
    }
    return logs;
  }
}

/**
 * After every package.json is written: the lockfile follows, so `npm ci` installs the new versions.
 * @param {string} cwd
 * @param {{ dryRun?: boolean }} options
 */
async function afterAllProjectsVersioned(cwd, { dryRun }) {
  if (dryRun) return { changedFiles: [], deletedFiles: [] };
  const update = spawnSync('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd, encoding: 'utf8' });
  if (update.status !== 0) throw new Error(`npm install --package-lock-only failed:\n${update.stdout}${update.stderr}`);
  return { changedFiles: ['package-lock.json'], deletedFiles: [] };
}

module.exports = NpmVersionActions;
module.exports.default = NpmVersionActions;
module.exports.afterAllProjectsVersioned = afterAllProjectsVersioned;
