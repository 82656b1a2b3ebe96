'use strict';
// A local Nx plugin: every package with a tsconfig.build.json gets its two build targets, run by Nx
// directly (no npm script in between: npm's start-up alone costs a few hundred milliseconds a task).
// - build: the JavaScript, from esbuild (tools/scripts/transpile.mjs): no type check, no dependency's
//   types read, so a package's build hashes its own sources only.
// - declarations: the .d.ts files, from `tsc --build` over the package's project references: checks
//   the package's sources against its dependencies' declarations, incremental through dist/.tsbuildinfo.
// Inputs, outputs and dependsOn are in nx.json's targetDefaults.

const { dirname } = require('node:path');

/** @type {import('nx/src/project-graph/plugins/public-api').CreateNodes} */
const createNodes = [
  'packages/*/tsconfig.build.json',
  (files) =>
    files.map((file) => {
      const targets = {
        build: { executor: 'nx:run-commands', options: { command: 'node ../../tools/scripts/transpile.mjs', cwd: '{projectRoot}' } },
        declarations: { executor: 'nx:run-commands', options: { command: 'tsc --build tsconfig.build.json', cwd: '{projectRoot}' } },
      };
      return [file, { projects: { [dirname(file)]: { targets } } }];
    }),
];

module.exports = { name: 'frozen-duckdb-build', createNodes };
