'use strict';
// `nx g @frozen-duckdb/nx-plugin:suite --project=NAME --name=NAME`: a starter suite in a project.

const { posix } = require('node:path');
const { declareDependencies, loadInit, requireProject } = require('../shared.cjs');

/** @typedef {{ project: string, name: string, directory?: string }} SuiteSchema */
/** @typedef {import('nx/src/generators/tree').Tree} Tree */

/**
 * Writes the suite and declares what it needs in the project's package.json.
 * @param {Tree} tree
 * @param {SuiteSchema} schema
 * @returns {Promise<{ file: string, added: string[], root: string }>}
 */
async function addSuite(tree, schema) {
  const init = await loadInit();
  if (typeof schema.name !== 'string' || !init.SUITE_NAME.test(schema.name)) {
    throw new Error(`--name must be letters, digits, '-' or '_' (it names the file <name>.bench.ts); got ${JSON.stringify(schema.name)}`);
  }
  const { root } = requireProject(tree, schema.project);
  const directory = schema.directory ?? 'src';
  if (posix.isAbsolute(directory) || posix.normalize(directory).startsWith('..')) {
    throw new Error(`--directory must be a folder inside the project; got ${JSON.stringify(directory)}`);
  }
  const file = posix.join(root, directory, `${schema.name}.bench.ts`);
  if (tree.exists(file)) throw new Error(`${file} already exists: pick another --name, or edit that suite`);
  tree.write(file, init.suiteSource(schema.name, { runner: 'nx', project: schema.project }));
  // The suite imports @frozen-duckdb/bench and the targets run frozen-duckdb.
  const added = declareDependencies(tree, posix.join(root, 'package.json'), init.benchDependencies(), init);
  return { file, added, root };
}

/**
 * @param {Tree} tree
 * @param {SuiteSchema} schema
 * @returns {Promise<() => void>} prints what to do next, after Nx has written the files
 */
async function suiteGenerator(tree, schema) {
  const { added, root } = await addSuite(tree, schema);
  return () => {
    if (added.length) console.log(`Added ${added.join(' and ')} to ${posix.join(root, 'package.json')}: run \`npm install\` if they are not installed yet.`);
    console.log(`Run it with \`npx nx run ${schema.project}:bench\`; the project now has bench, bench-record and bench-compare.`);
  };
}

module.exports = suiteGenerator;
module.exports.default = suiteGenerator;
module.exports.suiteGenerator = suiteGenerator;
module.exports.addSuite = addSuite;
