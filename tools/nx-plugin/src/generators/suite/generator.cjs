'use strict';
// `nx g @frozen-duckdb/nx-plugin:suite --project=NAME --name=NAME`: a starter suite in a project.

const { posix } = require('node:path');
const { readProjectConfiguration } = require('nx/src/devkit-exports');
const { suiteSource } = require('./template.cjs');

/** @typedef {{ project: string, name: string, directory?: string }} SuiteSchema */
/** @typedef {import('nx/src/generators/tree').Tree} Tree */

const NAME = /^[A-Za-z0-9][\w-]*$/;
/** Packages the starter suite needs at run time: the suite API and the CLI the targets call. */
const NEEDED = ['@frozen-duckdb/bench', 'frozen-duckdb'];

/**
 * @param {Tree} tree
 * @param {SuiteSchema} schema
 * @returns {() => void} prints what to do next, after Nx has written the files
 */
function suiteGenerator(tree, schema) {
  if (typeof schema.name !== 'string' || !NAME.test(schema.name)) {
    throw new Error(`--name must be letters, digits, '-' or '_' (it names the file <name>.bench.ts); got ${JSON.stringify(schema.name)}`);
  }
  let root;
  try {
    root = readProjectConfiguration(tree, schema.project).root;
  } catch {
    throw new Error(`no Nx project named ${JSON.stringify(schema.project)}: pass one that \`npx nx show projects\` lists`);
  }
  const directory = schema.directory ?? 'src';
  if (posix.isAbsolute(directory) || posix.normalize(directory).startsWith('..')) {
    throw new Error(`--directory must be a folder inside the project; got ${JSON.stringify(directory)}`);
  }
  const file = posix.join(root, directory, `${schema.name}.bench.ts`);
  if (tree.exists(file)) throw new Error(`${file} already exists: pick another --name, or edit that suite`);
  tree.write(file, suiteSource({ name: schema.name, project: schema.project }));

  const added = addDependencies(tree, posix.join(root, 'package.json'));
  return () => {
    if (added.length) console.log(`Added ${added.join(' and ')} to ${posix.join(root, 'package.json')}: run \`npm install\` if they are not installed yet.`);
    console.log(`Run it with \`npx nx run ${schema.project}:bench\`; the project now has bench, bench-record and bench-compare.`);
  };
}

/**
 * Declares the packages the suite imports in the project's package.json (devDependencies), so Nx
 * sees the dependency (for ^build and affected) and npm installs them; nothing when there is none.
 * @param {Tree} tree
 * @param {string} manifestPath
 * @returns {string[]} the packages added
 */
function addDependencies(tree, manifestPath) {
  const text = tree.read(manifestPath, 'utf8');
  if (text === null) return [];
  const manifest = JSON.parse(text);
  const declared = { ...manifest.dependencies, ...manifest.devDependencies, ...manifest.peerDependencies };
  const missing = NEEDED.filter((name) => !(name in declared) && name !== manifest.name);
  if (!missing.length) return [];
  // The packages are released together, so the plugin's own version is theirs.
  const version = require('../../../package.json').version;
  manifest.devDependencies = { ...manifest.devDependencies };
  for (const name of missing) manifest.devDependencies[name] = version;
  tree.write(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return missing;
}

module.exports = suiteGenerator;
module.exports.default = suiteGenerator;
module.exports.suiteGenerator = suiteGenerator;
