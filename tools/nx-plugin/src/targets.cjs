'use strict';
// The inferred targets, as plain data: pure, so a test reads them without Nx.

/** @typedef {import('./options.cjs').NormalizedOptions} NormalizedOptions */
/** @typedef {import('./types.d.cts').InferredTarget} InferredTarget */
/** @typedef {import('./types.d.cts').AggregateTarget} AggregateTarget */

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
    [options.benchTargetName]: target('bench .', threshold, 'Run the *.bench.ts suites; gated against .performance_baseline, suspects confirmed side by side', {
      filter: 'tpch',
      profile: 'full',
    }),
    [options.recordTargetName]: target('baseline record .', threshold, 'Measure the suites and write .performance_baseline with the commit and the machine', {
      processes: 3,
    }),
    [options.compareTargetName]: target(
      'compare .',
      { base: options.base, ...threshold },
      'Measure this checkout against the merge-base with the base ref, side by side, and gate on it',
      { base: options.base, threshold: 15, budget: 600 },
    ),
  };
}

/**
 * One target per suite file (Nx's atomizer pattern): `bench--FILE` and `bench-compare--FILE` run
 * that suite alone (`--file FILE`), and `bench-ci` / `bench-compare-ci` depend on all of them, so
 * distributed task execution can spread a project's suites over agents.
 * @param {NormalizedOptions} options
 * @param {Record<string, InferredTarget>} targets the project's targets from benchTargets
 * @param {readonly string[]} suiteFiles the project's suite files, relative to its root
 * @returns {Record<string, InferredTarget | AggregateTarget>}
 */
function suiteTargets(options, targets, suiteFiles) {
  /** @type {Record<string, InferredTarget | AggregateTarget>} */
  const out = {};
  for (const [name, args, description] of /** @type {const} */ ([
    [options.benchTargetName, 'bench .', 'Run one suite file; gated against .performance_baseline'],
    [options.compareTargetName, 'compare .', 'Compare one suite file with the merge-base of the base ref, side by side'],
  ])) {
    const parent = /** @type {InferredTarget} */ (targets[name]);
    for (const file of suiteFiles) {
      out[`${name}--${file}`] = {
        ...parent,
        options: { ...parent.options, command: `${CLI} ${args} --file ${quoteArg(file)}` },
        metadata: { ...parent.metadata, description: `${description}: ${file}` },
      };
    }
    out[`${name}-ci`] = {
      executor: 'nx:noop',
      cache: false,
      dependsOn: suiteFiles.map((file) => ({ target: `${name}--${file}`, projects: 'self', params: 'forward' })),
      metadata: { technologies: ['duckdb'], description: `Every suite file's ${name} target, one task each: Nx can run them on separate agents` },
    };
  }
  return out;
}

/**
 * A file name as one shell word (nx:run-commands runs the command through a shell).
 * @param {string} text
 */
function quoteArg(text) {
  return /^[\w./@+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

module.exports = { benchTargets, suiteTargets, CLI };
