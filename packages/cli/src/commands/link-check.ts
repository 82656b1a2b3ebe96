import { runLinkCheck, allPassed, formatChecks, summarize } from '@frozen-duckdb/native';
import { UsageError, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { PAINT } from './doctor.js';

export const linkCheck: Command = {
  name: 'link-check',
  summary: 'Check that the prebuilt engine links here (ELF needs, glibc/GLIBCXX, C API), pin it in duckdb.lock.json, link a C program',
  options: {
    json: { type: 'boolean', description: 'Print the report as JSON' },
    cc: { type: 'boolean', description: 'Compile and link a C program against DUCKDB_LIB_DIR with cc, run it, compare versions' },
    'cc-path': { type: 'string', value: 'CC', description: 'The C compiler for --cc (default $CC, then cc)' },
    verify: { type: 'boolean', description: 'Fail when the installed engine differs from duckdb.lock.json' },
    update: { type: 'boolean', description: 'Rewrite duckdb.lock.json for the installed engine (atomically)' },
    manifest: { type: 'string', value: 'FILE', description: 'The manifest (default duckdb.lock.json at the workspace root)' },
    library: { type: 'string', value: 'FILE', description: 'Check this libduckdb instead of the installed one' },
    binding: { type: 'string', value: 'FILE', description: 'Check this duckdb.node instead of the installed one' },
  },
  details: 'Exit 0 when every check passes, 1 when one fails (drift, missing symbols, unresolved libraries), 2 without a compiler for --cc.',
  async run(ctx) {
    if (ctx.values.verify && ctx.values.update)
      throw new UsageError('--verify and --update cannot be combined', 'verify in CI; update when you upgrade DuckDB on purpose');
    if (ctx.values['cc-path'] !== undefined && !ctx.values.cc) throw new UsageError('--cc-path needs --cc');
    const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
    const library = str(ctx.values.library);
    const binding = str(ctx.values.binding);
    const manifestPath = str(ctx.values.manifest);
    const compiler = str(ctx.values['cc-path']);
    const run = await runLinkCheck({
      cwd: ctx.cwd,
      env: ctx.env,
      cc: ctx.values.cc === true,
      ...(library ? { libraryPath: library } : {}),
      ...(binding ? { bindingPath: binding } : {}),
      ...(ctx.values.verify ? { manifest: 'verify' as const } : ctx.values.update ? { manifest: 'update' as const } : {}),
      ...(manifestPath ? { manifestPath } : {}),
      ...(compiler ? { compiler } : {}),
    });
    if (ctx.values.json) {
      ctx.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
    } else {
      ctx.stdout.write(`${formatChecks(run.checks, (s, t) => PAINT[s](t))}\n\n${summarize(run.checks)}\n`);
    }
    return allPassed(run.checks) ? EXIT.ok : EXIT.failed;
  },
};
