'use strict';
// A local Nx plugin: every package this workspace publishes (a package.json under packages/ or tools/
// that is not private) gets the nx-release-publish target `nx release publish` runs, after its build
// (the JavaScript) and its declarations (the .d.ts files), and after the packages it depends on are published.

const { readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

/** @type {import('nx/src/project-graph/plugins/public-api').CreateNodes} */
const createNodes = [
  '{packages,tools}/*/package.json',
  (files, _options, context) =>
    files.flatMap((file) => {
      const manifest = JSON.parse(readFileSync(join(context.workspaceRoot, file), 'utf8'));
      if (manifest.private) return [];
      const target = {
        executor: 'nx:run-commands',
        dependsOn: ['build', 'declarations', '^nx-release-publish'],
        options: { command: 'node ../../tools/release/src/publish.cjs', cwd: '{projectRoot}' },
      };
      return [[file, { projects: { [dirname(file)]: { targets: { 'nx-release-publish': target } } } }]];
    }),
];

module.exports = { name: 'frozen-duckdb-release', createNodes };
