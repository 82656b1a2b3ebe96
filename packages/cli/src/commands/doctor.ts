import { resolve } from 'node:path';
import chalk from 'chalk';
import { runDoctor } from '@frozen-duckdb/env';
import { formatChecks, summarize, type CheckStatus } from '@frozen-duckdb/native';
import { positiveInteger, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';

export const PAINT: Record<CheckStatus, (s: string) => string> = { pass: chalk.green, warn: chalk.yellow, fail: chalk.red, skip: chalk.gray };

export const doctor: Command = {
  name: 'doctor',
  summary: 'Check the DuckDB install: binding, copies, deprecated duckdb package, glibc, env vars, extensions, Nx',
  positionals: ['DIR'],
  options: {
    json: { type: 'boolean', description: 'Print the checks as JSON' },
    timeout: { type: 'string', value: 'MS', description: 'Give up on the extension download check after MS milliseconds (default 5000)' },
    offline: { type: 'boolean', description: 'Skip the extension download check' },
  },
  details: 'DIR is the project to check (default: the current folder). Exit 0 when no check fails, 1 otherwise.',
  async run(ctx) {
    const timeoutMs = positiveInteger('timeout', ctx.values.timeout, 5000);
    const report = await runDoctor({
      projectDir: resolve(ctx.cwd, ctx.positionals[0] ?? '.'),
      env: ctx.env,
      timeoutMs,
      offline: ctx.values.offline === true,
    });
    if (ctx.values.json) {
      ctx.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      ctx.stdout.write(`${formatChecks(report.checks, (s, t) => PAINT[s](t))}\n\n${summarize(report.checks)}\n`);
    }
    return report.ok ? EXIT.ok : EXIT.failed;
  },
};
