import { resolve } from 'node:path';
import { compileFilter } from '@frozen-duckdb/bench';
import { checkOutputs } from '@frozen-duckdb/files';
import { historyDisabledByEnv, resolveHistoryPath } from '@frozen-duckdb/history';
import { makeReport, writeReport } from '@frozen-duckdb/report';
import { requiredString, UsageError, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';

export const report: Command = {
  name: 'report',
  summary: 'Write a self-contained HTML page: trends from the history database, a comparison with its rounds',
  positionals: ['PROJECT_DIR'],
  options: {
    html: { type: 'string', value: 'FILE', required: true, description: 'Where to write the page (written whole or not at all)' },
    history: {
      type: 'string',
      value: 'PATH',
      description: 'History database for the trend charts (default $FROZEN_DUCKDB_HISTORY, else .bench/history.duckdb at the workspace root, when it exists)',
    },
    comparison: { type: 'string', value: 'FILE.json', description: 'A comparison written by `frozen-duckdb compare --json FILE`' },
    benchmark: { type: 'string', value: 'PATTERN', description: 'Only benchmarks whose suite/name matches (regular expression)' },
  },
  details: `The page needs no network: inline CSS and SVG, every chart with a data table below it. Trend
charts show each benchmark's median per run over commits, one series per machine fingerprint, with the
change points marked; a comparison shows the verdicts and every paired round, block by block.
Exit codes: 0 written, 2 a missing or foreign input (nothing is written).`,
  async run(ctx) {
    const out = resolve(ctx.cwd, requiredString('html', ctx.values.html));
    const projectDir = resolve(ctx.cwd, ctx.positionals[0] ?? '.');
    const pattern = ctx.values.benchmark as string | undefined;
    const benchmark = pattern === undefined ? undefined : compileFilter(pattern);
    if (pattern !== undefined && !benchmark) throw new UsageError(`--benchmark ${JSON.stringify(pattern)} is not a valid regular expression`);
    const flag = ctx.values.history as string | undefined;
    // A named database must exist; the default one is drawn when it is there.
    const history =
      flag !== undefined
        ? { path: resolve(ctx.cwd, flag), required: true }
        : historyDisabledByEnv(ctx.env)
          ? undefined
          : { path: resolveHistoryPath(projectDir, undefined, ctx.env), required: false };
    const comparison = typeof ctx.values.comparison === 'string' ? resolve(ctx.cwd, ctx.values.comparison) : undefined;
    // The page may not replace what it is drawn from: a history database overwritten with HTML loses every run.
    checkOutputs({
      outputs: [{ name: '--html', path: out }],
      inputs: [
        ...(history ? [{ name: flag === undefined ? 'the history database' : '--history', path: history.path }] : []),
        ...(comparison ? [{ name: '--comparison', path: comparison }] : []),
      ],
      createFolders: true,
    });
    const made = await makeReport({
      ...(history ? { history } : {}),
      ...(comparison ? { comparison } : {}),
      ...(benchmark ? { benchmark } : {}),
    });
    for (const warning of made.warnings) ctx.stderr.write(`history: ${warning}\n`);
    writeReport(out, made.html);
    const parts = [
      made.comparison && `a comparison of ${made.comparison.benchmarks} benchmark(s), ${made.comparison.outcome}`,
      made.trends && `${made.trends.series} trend(s) over ${made.trends.points} run result(s) from ${made.trends.path}`,
    ].filter(Boolean);
    ctx.stdout.write(`wrote ${out} (${(Buffer.byteLength(made.html) / 1024).toFixed(0)} KB): ${parts.join('; ')}\n`);
    return EXIT.ok;
  },
};
