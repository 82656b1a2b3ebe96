'use strict';
// `nx add @frozen-duckdb/nx-plugin` runs this: the plugin registered in nx.json, the packages declared
// at the workspace root, a starter suite in the chosen project, and the CI workflow offered.

const { spawnSync } = require('node:child_process');
const { posix } = require('node:path');
const { detectPackageManager, getPackageManagerCommand, getProjects, readNxJson, updateNxJson } = require('nx/src/devkit-exports');
const { DEFAULTS, PLUGIN } = require('../../options.cjs');
const { declareDependencies, loadInit, requireProject } = require('../shared.cjs');
const { addSuite } = require('../suite/generator.cjs');

/** @typedef {{ project?: string, name?: string, directory?: string, skipInstall?: boolean }} InitSchema */
/** @typedef {import('nx/src/generators/tree').Tree} Tree */

/**
 * @param {Tree} tree
 * @param {InitSchema} schema
 * @returns {Promise<() => void>} installs what was declared and prints what to do next
 */
async function initGenerator(tree, schema) {
  const init = await loadInit();
  const registered = registerPlugin(tree);
  const added = declareDependencies(tree, 'package.json', init.benchDependencies(tree.root), init);
  const gitignore = init.gitignoreWithEntries(tree.read('.gitignore', 'utf8'));
  if (gitignore !== null) tree.write('.gitignore', gitignore);

  const project = schema.project ?? onlyApplication(tree);
  const name = schema.name ?? 'starter';
  const directory = schema.directory ?? 'src';
  // Run again (a second `nx add`), it keeps the suite it wrote the first time.
  const existing = project ? posix.join(requireProject(tree, project).root, directory, `${name}.bench.ts`) : null;
  const kept = existing !== null && tree.exists(existing);
  const suite = project && !kept ? await addSuite(tree, { project, name, directory }) : null;

  return () => {
    console.log(registered ? `Registered ${PLUGIN} in nx.json.` : `${PLUGIN} was already in nx.json.`);
    if (added.length) {
      console.log(`Declared ${added.join(', ')} in package.json.`);
      if (!schema.skipInstall) install(tree.root);
    }
    if (!project) {
      console.log('No project was chosen for a starter suite: add one with `npx nx g @frozen-duckdb/nx-plugin:suite --project=<name> --name=starter`.');
      return;
    }
    const why = schema.project ? '' : ` (${project} is the workspace's only application)`;
    console.log(suite ? `Wrote ${suite.file}${why}.` : `Kept ${existing}, which exists already.`);
    console.log(
      `Next: commit, \`npx nx run ${project}:bench-record\` (commit .performance_baseline too), and on a branch \`npx nx run ${project}:bench-compare\`.`,
    );
    console.log(
      `The CI workflow (pull requests compared with their base, side by side): \`npx nx g @frozen-duckdb/nx-plugin:ci-workflow --project=${project}\``,
    );
  };
}

/**
 * Adds the plugin to nx.json's plugins, with its default base written out to be edited.
 * @param {Tree} tree
 * @returns {boolean} false when it was there already
 */
function registerPlugin(tree) {
  const nxJson = readNxJson(tree) ?? {};
  const plugins = nxJson.plugins ?? [];
  if (plugins.some((p) => (typeof p === 'string' ? p : p.plugin) === PLUGIN)) return false;
  nxJson.plugins = [...plugins, { plugin: PLUGIN, options: { base: DEFAULTS.base } }];
  updateNxJson(tree, nxJson);
  return true;
}

/**
 * The project to give a suite when none was named: the only application, if there is exactly one.
 * @param {Tree} tree
 * @returns {string | undefined}
 */
function onlyApplication(tree) {
  const applications = [...getProjects(tree)].filter(([, config]) => config.projectType === 'application').map(([name]) => name);
  return applications.length === 1 ? applications[0] : undefined;
}

/**
 * The workspace's package manager installs what init declared (they are usually there already: `nx add`
 * installed the plugin, which depends on them; this records them in the lockfile).
 * @param {string} root
 */
function install(root) {
  const command = getPackageManagerCommand(detectPackageManager(root)).install;
  console.log(`Running \`${command}\`...`);
  const result = spawnSync(command, { cwd: root, shell: true, stdio: 'inherit' });
  if (result.status !== 0) console.log(`\`${command}\` failed (exit ${result.status}): run it yourself once the cause is fixed.`);
}

module.exports = initGenerator;
module.exports.default = initGenerator;
module.exports.initGenerator = initGenerator;
