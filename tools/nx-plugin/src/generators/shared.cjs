'use strict';
// What the generators share: the templates and package lists of `frozen-duckdb/init` (one home for
// both the CLI's init and these generators), and reading a project with an error that says what to do.

const { readProjectConfiguration } = require('nx/src/devkit-exports');

/** @typedef {import('nx/src/generators/tree').Tree} Tree */
/** @typedef {typeof import('frozen-duckdb/init')} InitApi */

/**
 * The CLI's init module. An ES module: loaded with import(), which CommonJS can do on every Node.
 * @returns {Promise<InitApi>}
 */
function loadInit() {
  return import('frozen-duckdb/init');
}

/**
 * A project's configuration, or an error naming the command that lists the projects.
 * @param {Tree} tree
 * @param {unknown} name
 * @returns {import('nx/src/devkit-exports').ProjectConfiguration}
 */
function requireProject(tree, name) {
  try {
    return readProjectConfiguration(tree, /** @type {string} */ (name));
  } catch {
    throw new Error(`no Nx project named ${JSON.stringify(name)}: pass one that \`npx nx show projects\` lists`);
  }
}

/**
 * Declares the packages of `wanted` that a package.json lacks, in its devDependencies, so Nx sees the
 * dependency (for ^build and affected) and npm installs them; nothing when there is no such file.
 * @param {Tree} tree
 * @param {string} manifestPath
 * @param {Record<string, string>} wanted
 * @param {InitApi} init
 * @returns {string[]} the packages added
 */
function declareDependencies(tree, manifestPath, wanted, init) {
  const text = tree.read(manifestPath, 'utf8');
  if (text === null) return [];
  const manifest = JSON.parse(text);
  const missing = init.undeclared(manifest, wanted);
  if (!Object.keys(missing).length) return [];
  tree.write(manifestPath, `${JSON.stringify(init.withDevDependencies(manifest, missing), null, 2)}\n`);
  return Object.keys(missing);
}

module.exports = { loadInit, requireProject, declareDependencies };
