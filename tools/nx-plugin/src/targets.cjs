'use strict';
// The three inferred targets, as plain data: pure, so a test reads them without Nx.

/** @typedef {import('./options.cjs').NormalizedOptions} NormalizedOptions */
/** @typedef {import('./types.d.cts').InferredTarget} InferredTarget */

const CLI = 'frozen-duckdb';

/**
 * Targets for one project with suites. They depend on the build of what the project uses and on its
 * own build: timings of code that was not rebuilt would measure the old code. Nx skips the own build
 * when the project has none, and finds it when another plugin infers it.
 * @param {NormalizedOptions} options
 * @returns {Record<string, InferredTarget>}
 */
function benchTargets(options) {
  const dependsOn = [`^${options.buildTargetName}`, options.buildTargetName];
  /**
   * @param {string} args the CLI subcommand and the project folder
   * @param {Record<string, string | number>} extra options Nx passes on as --name=value
   * @param {string} description
   * @param {Record<string, unknown>} example
   * @returns {InferredTarget}
   */
  const target = (args, extra, description, example) => ({
    executor: 'nx:run-commands',
    // Options other than command and cwd reach the CLI as --name=value, after the project folder;
    // so do the flags given to `nx run`, which override them.
    options: { command: `${CLI} ${args}`, cwd: '{projectRoot}', ...extra },
    // A timing is a measurement of this machine now: replaying one from the cache would be a lie.
    cache: false,
    // Timings taken while other tasks share the cores are not worth comparing.
    parallelism: false,
    dependsOn: [...dependsOn],
    metadata: {
      technologies: ['duckdb'],
      description,
      help: { command: `npx ${CLI} ${args.split(' ').slice(0, -1).join(' ')} --help`, example: { options: example } },
    },
  });
  /** @type {Record<string, number>} */
  const threshold = options.threshold === undefined ? {} : { threshold: options.threshold };
  return {
    [options.benchTargetName]: target('bench .', threshold, 'Run the *.bench.ts suites; gated against .performance_baseline, suspects confirmed side by side', { filter: 'tpch', profile: 'full' }),
    [options.recordTargetName]: target('baseline record .', threshold, 'Measure the suites and write .performance_baseline with the commit and the machine', { processes: 3 }),
    [options.compareTargetName]: target(
      'compare .',
      { base: options.base, ...threshold },
      'Measure this checkout against the merge-base with the base ref, side by side, and gate on it',
      { base: options.base, threshold: 15, budget: 600 },
    ),
  };
}

module.exports = { benchTargets, CLI };
