'use strict';
// @frozen-duckdb/nx-plugin: every Nx project with *.bench.ts suites gets bench, bench-record and
// bench-compare targets. Plain CommonJS with JSDoc types, no build step: Nx loads the plugins named in
// nx.json before it builds anything (`npm ci` runs `nx run-many -t build`), and require() loads
// CommonJS on every Node the workspace supports (require of ESM only from Node 20.19 and 22.12).

const { normalizeOptions } = require('./options.cjs');
const { groupByProject } = require('./project-root.cjs');
const { benchTargets, suiteTargets } = require('./targets.cjs');

const SUITE_FILES = '**/*.bench.{ts,mts,js,mjs}';

/** @typedef {import('./types.d.cts').FrozenDuckDBPluginOptions} FrozenDuckDBPluginOptions */
/** @typedef {import('./types.d.cts').CreateNodesResultArray} CreateNodesResultArray */

/**
 * Nx's createNodes function (the current signature: all matching files at once).
 * @param {readonly string[]} files suite files, relative to the workspace root
 * @param {FrozenDuckDBPluginOptions | undefined} rawOptions
 * @param {{ workspaceRoot: string }} context
 * @returns {CreateNodesResultArray}
 */
function createBenchNodes(files, rawOptions, context) {
  const options = normalizeOptions(rawOptions);
  /** @type {CreateNodesResultArray} */
  const results = [];
  for (const [root, suites] of groupByProject(
    files.filter((f) => !f.endsWith('.d.ts')),
    context.workspaceRoot,
  )) {
    // One result per project, attributed to its first suite file (Nx shows it as the targets' source).
    const [first] = suites;
    const relativeFiles = suites.map((file) => (root === '.' ? file : file.slice(root.length + 1)));
    const targets = benchTargets(options);
    if (first !== undefined) results.push([first, { projects: { [root]: { targets: { ...targets, ...suiteTargets(options, targets, relativeFiles) } } } }]);
  }
  return results;
}

/** @type {import('./types.d.cts').CreateNodes} */
const createNodes = [SUITE_FILES, createBenchNodes];

module.exports = {
  name: '@frozen-duckdb/nx-plugin',
  createNodes,
  // Nx 20-21 read the same function under this name; Nx 22 and later prefer createNodes.
  createNodesV2: createNodes,
};
