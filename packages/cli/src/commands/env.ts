import chalk from 'chalk';
import { extent } from '@frozen-duckdb/bench';
import { envReport, SHELLS, shellSetup, type EnvReport } from '@frozen-duckdb/env';
import { choice, UsageError, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';

export const env: Command = {
  name: 'env',
  summary: 'Show the platform and engine, or print/write the exports a native build needs (DUCKDB_LIB_DIR, loader path)',
  options: {
    shell: { type: 'string', value: 'SHELL', description: `Print exports for ${SHELLS.join(', ')} (github appends to $GITHUB_ENV)` },
    write: { type: 'string', value: 'FILE', description: 'Write a script to source from any folder (bash/zsh/fish), a .env file, or append (github)' },
    force: { type: 'boolean', description: 'Replace the --write file if it exists' },
    json: { type: 'boolean', description: 'Print the report as JSON' },
  },
  details:
    'Use: eval "$(npx frozen-duckdb env --shell bash)" && cc app.c -lduckdb\n' +
    'The loader path (LD_LIBRARY_PATH, DYLD_LIBRARY_PATH or PATH) and LIBRARY_PATH are extended, never replaced.\n' +
    'FROZEN_DUCKDB_PLATFORM=<os>-<arch>[-musl] pretends another platform.',
  async run(ctx) {
    if (ctx.values.force && ctx.values.write === undefined) throw new UsageError('--force replaces the --write file: pass --write FILE with it');
    if (ctx.values.json && (ctx.values.shell !== undefined || ctx.values.write !== undefined)) {
      throw new UsageError('--json cannot be combined with --shell or --write');
    }
    if (ctx.values.shell !== undefined || ctx.values.write !== undefined) {
      const shell = ctx.values.shell === undefined ? undefined : choice('shell', ctx.values.shell, SHELLS);
      const write = ctx.values.write;
      if (write !== undefined && (typeof write !== 'string' || write === '')) throw new UsageError('--write needs a file name');
      const result = await shellSetup({
        cwd: ctx.cwd,
        env: ctx.env,
        force: ctx.values.force === true,
        ...(shell ? { shell } : {}),
        ...(write ? { write } : {}),
      });
      ctx.stdout.write(result.text);
      for (const note of result.notes) ctx.stderr.write(`${note}\n`);
      return EXIT.ok;
    }
    const report = await envReport(ctx.env);
    if (ctx.values.json) {
      ctx.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return report.problem ? EXIT.usage : EXIT.ok;
    }
    ctx.stdout.write(renderReport(report));
    if (report.problem) {
      ctx.stderr.write(`${chalk.red('error:')} ${report.problem.message}\n`);
      if (report.problem.hint) ctx.stderr.write(`${chalk.yellow('fix:')} ${report.problem.hint}\n`);
      return EXIT.usage;
    }
    return EXIT.ok;
  },
};

function renderReport(r: EnvReport): string {
  const p = r.platform;
  const rows: [string, string][] = [
    ['platform', `${p.key}${p.overridden ? ' (FROZEN_DUCKDB_PLATFORM)' : ''}`],
    ['libc', p.libc ? `${p.libc}${p.glibcVersion ? ` ${p.glibcVersion}` : ''}` : 'n/a'],
    ['node', `${r.node} (N-API ${r.napi})`],
    ['supported', `${r.supported ? 'yes' : 'no'}: @duckdb/node-bindings ${r.matrix.bindingsVersion} ships ${r.matrix.platforms.join(', ')}`],
  ];
  if (r.engine) {
    rows.push(
      ['package', `${r.engine.package} ${r.engine.packageVersion}`],
      ['DUCKDB_LIB_DIR', r.engine.libDir],
      ['DUCKDB_VERSION', `${r.engine.duckdbVersion}${r.engine.versionSource === 'package' ? ' (from the package; not loaded)' : ''}`],
      ['loader paths', `${r.exports?.loaderPaths.join(', ')} (extended by env --shell)`],
    );
  }
  if (r.include) rows.push(['duckdb.h', r.include.detail]);
  const width = extent(rows.map(([k]) => k.length)).max;
  return `${rows.map(([k, v]) => `${chalk.bold(k.padEnd(width))}  ${v}`).join('\n')}\n`;
}
