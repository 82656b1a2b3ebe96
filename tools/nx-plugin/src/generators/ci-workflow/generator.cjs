'use strict';
// `nx g @frozen-duckdb/nx-plugin:ci-workflow --project=NAME`: the GitHub Actions workflow for a project's
// bench targets (pull requests compared side by side, main benched into a history, calibration on demand).

const { SKIPPED } = require('../../project-root.cjs');
const { loadInit, requireProject } = require('../shared.cjs');

/** @typedef {{ project: string }} WorkflowSchema */
/** @typedef {import('nx/src/generators/tree').Tree} Tree */

/**
 * @param {Tree} tree
 * @param {WorkflowSchema} schema
 * @returns {Promise<() => void>}
 */
async function ciWorkflowGenerator(tree, schema) {
  const init = await loadInit();
  const { root } = requireProject(tree, schema.project);
  if (tree.exists(init.WORKFLOW_FILE)) throw new Error(`${init.WORKFLOW_FILE} already exists: move it away first, or edit it (its commands name the project)`);
  tree.write(init.WORKFLOW_FILE, init.workflowSource({ runner: 'nx', project: schema.project, root }));
  const hasSuite = hasSuiteFile(tree, root);
  return () => {
    console.log(`Wrote ${init.WORKFLOW_FILE}: pull requests run \`nx run ${schema.project}:bench-compare\` against their base branch.`);
    if (!hasSuite)
      console.log(
        `${schema.project} has no *.bench.ts yet, so no bench targets: add one with \`npx nx g @frozen-duckdb/nx-plugin:suite --project=${schema.project} --name=starter\`.`,
      );
  };
}

/**
 * Whether a folder holds a suite file the plugin would find (skipping what it skips).
 * @param {Tree} tree
 * @param {string} dir
 * @returns {boolean}
 */
function hasSuiteFile(tree, dir) {
  return tree.children(dir).some((entry) => {
    const path = `${dir}/${entry}`;
    if (tree.isFile(path)) return /\.bench\.(ts|mts|js|mjs)$/.test(entry) && !entry.endsWith('.d.ts');
    return !entry.startsWith('.') && !SKIPPED.has(entry) && hasSuiteFile(tree, path);
  });
}

module.exports = ciWorkflowGenerator;
module.exports.default = ciWorkflowGenerator;
module.exports.ciWorkflowGenerator = ciWorkflowGenerator;
