import chalk from 'chalk';
import { textTable } from '@frozen-duckdb/bench';
import { bindingInfo } from '@frozen-duckdb/core';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';

export const info: Command = {
  name: 'info',
  summary: 'Show the installed DuckDB engine: version, packages, file paths, platform',
  options: { json: { type: 'boolean', description: 'Print JSON instead of a table' } },
  async run(ctx) {
    const binding = await bindingInfo();
    if (ctx.values.json) {
      ctx.stdout.write(`${JSON.stringify(binding, null, 2)}\n`);
      return EXIT.ok;
    }
    const p = binding.platform;
    const rows: [string, string][] = [
      ['DuckDB', `${binding.duckdbVersion} (${binding.codename}, source ${binding.sourceId})`],
      [
        '@duckdb/node-api',
        `${binding.nodeApi.version} (${binding.nodeApi.resolvedFrom === 'project' ? "the project's" : "frozen-duckdb's own: the project has none"}, ${binding.nodeApi.dir})`,
      ],
      ['supported', binding.nodeApi.supportedRange],
      ['@duckdb/node-bindings', binding.bindings.version],
      ['platform package', `${binding.platformPackage.name} ${binding.platformPackage.version}`],
      ['duckdb.node', binding.bindingPath],
      ['library', binding.libraryPath],
      ['platform', `${p.platform}-${p.arch}${p.libc ? ` ${p.libc}${p.glibcVersion ? ` ${p.glibcVersion}` : ''}` : ''}`],
      ['node', `${binding.node} (N-API ${binding.napi})`],
    ];
    ctx.stdout.write(`${textTable(rows.map(([k, v]) => [chalk.bold(k), v])).join('\n')}\n`);
    return EXIT.ok;
  },
};
