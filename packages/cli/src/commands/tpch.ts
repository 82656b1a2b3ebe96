import { resolve } from 'node:path';
import chalk from 'chalk';
import { textTable } from '@frozen-duckdb/bench';
import { Database, formatCount, formatTime, type Connection } from '@frozen-duckdb/core';
import { checkInputFolder } from '@frozen-duckdb/files';
import {
  answerFileName,
  checkAnswers,
  createProgress,
  generateTpch,
  loadTpchFolder,
  parseQueryList,
  detectScale,
  tpchQueries,
  tpchQuery,
  writeAnswers,
  type LoadedTable,
} from '@frozen-duckdb/datasets';
import { MAX_THREADS, positiveInteger, positiveNumber, requiredString, UsageError, type Command, type CommandContext, type OptionSpec } from '../command.js';
import { EXIT } from '../exit-codes.js';

function queryList(value: unknown): number[] | undefined {
  if (value === undefined) return undefined;
  try {
    return parseQueryList(requiredString('queries', value));
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(`--queries: ${error.message}`, 'e.g. --queries 1,3,5 or --queries 1-22');
    throw error;
  }
}

async function loadData(ctx: CommandContext, connection: Connection, dir: string): Promise<LoadedTable[]> {
  const progress = createProgress(ctx.stderr);
  try {
    progress.start('loading');
    const started = performance.now();
    const tables = await loadTpchFolder(connection, dir);
    progress.stop();
    ctx.stderr.write(`loaded ${tables.length} tables (${tables[0]?.format}) from ${dir} in ${formatTime(performance.now() - started)}\n`);
    return tables;
  } finally {
    progress.stop();
  }
}

/** Query 11's FRACTION: DuckDB's 0.0001 at every scale by default, in answers and runs alike. */
const SPEC_FRACTION: OptionSpec = {
  type: 'boolean',
  description: "Query 11's FRACTION as the TPC-H spec scales it (0.0001 / SF) instead of DuckDB's 0.0001 at every scale",
};

const answers: Command = {
  name: 'answers',
  summary: "Run the 22 queries on a dataset folder: write q01.csv..q22.csv in DuckDB's answer format, or check them against a folder of answers",
  options: {
    data: {
      type: 'string',
      value: 'DIR',
      required: true,
      description: 'Folder with one file per table: dbgen .tbl, or .csv/.parquet with the standard columns',
    },
    out: { type: 'string', value: 'DIR', description: 'Where to write q01.csv ... q22.csv' },
    check: { type: 'string', value: 'DIR', description: 'Compare the answers with the q01.csv ... files in DIR; exit 1 when one differs' },
    queries: { type: 'string', value: 'LIST', description: 'Only these queries, e.g. 1,3,5 or 1-6' },
    'spec-fraction': SPEC_FRACTION,
    force: { type: 'boolean', description: 'Replace answer files that exist already' },
  },
  details:
    "Files are '|'-separated with a header line, dates as YYYY-MM-DD, NULL as an empty field and numbers as DuckDB\n" +
    "prints them: the format of DuckDB's published answers (extension/tpch/dbgen/answers/sf*/q*.csv). Query 11's\n" +
    'FRACTION is 0.0001 at every scale factor, as in those answers; --spec-fraction divides it by SF (from the\n' +
    'supplier count). --check compares numbers to the precision the less precise side printed (the published files\n' +
    'print 6 decimals), other fields as text, and prints "N passed, M failed" with the first differing row of each\n' +
    'failed query; a missing file fails its query. --out and --check may be given together.',
  async run(ctx) {
    const data = resolve(ctx.cwd, requiredString('data', ctx.values['data']));
    const outFlag = ctx.values['out'];
    const checkFlag = ctx.values['check'];
    if (outFlag === undefined && checkFlag === undefined) {
      throw new UsageError('tpch answers needs --out DIR (write the answers) or --check DIR (compare them), or both');
    }
    const out = outFlag === undefined ? undefined : resolve(ctx.cwd, requiredString('out', outFlag));
    const check = checkFlag === undefined ? undefined : resolve(ctx.cwd, requiredString('check', checkFlag));
    // Checked before the data is loaded: a wrong folder costs nothing.
    if (check !== undefined) checkInputFolder(check, '--check');
    const queries = queryList(ctx.values['queries']);
    const fraction = ctx.values['spec-fraction'] === true ? 'spec' : 'duckdb';
    const db = await Database.open(':memory:');
    try {
      const connection = await db.connect();
      const tables = await loadData(ctx, connection, data);
      const scale = await detectScale(connection);
      if (out !== undefined) {
        const rows: string[][] = [];
        await writeAnswers(connection, out, {
          force: ctx.values['force'] === true,
          inputs: [...tables.map((t) => ({ name: '--data', path: t.path })), ...(check ? [{ name: '--check', path: check }] : [])],
          scale,
          fraction,
          ...(queries ? { queries } : {}),
          onQuery: (answer, ms) => rows.push([answerFileName(answer.number), formatCount(answer.rows.length), formatTime(ms)]),
        });
        ctx.stdout.write(`${textTable(rows, { header: ['file', 'rows', 'time'], rule: true }).join('\n')}\n`);
        ctx.stdout.write(`wrote ${rows.length} answer files to ${out} (scale factor ${scale})\n`);
      }
      if (check === undefined) return EXIT.ok;
      const checks = await checkAnswers(connection, check, { scale, fraction, ...(queries ? { queries } : {}) });
      const failed = checks.filter((c) => c.difference);
      for (const { number, file, difference } of failed) {
        if (!difference) continue;
        ctx.stdout.write(
          `${chalk.red('FAIL')} Q${String(number).padStart(2, '0')} ${file}: ${difference.problem}${difference.row ? ` at row ${difference.row}` : ''}\n`,
        );
        if (difference.expected !== undefined) ctx.stdout.write(`  expected: ${difference.expected}\n`);
        if (difference.actual !== undefined) ctx.stdout.write(`  actual:   ${difference.actual}\n`);
      }
      ctx.stdout.write(`checked against ${check} (scale factor ${scale}, query 11 FRACTION ${fraction === 'spec' ? '0.0001 / SF' : '0.0001'})\n`);
      ctx.stdout.write(`${checks.length - failed.length} passed, ${failed.length} failed\n`);
      return failed.length ? EXIT.failed : EXIT.ok;
    } finally {
      db.close();
    }
  },
};

const run: Command = {
  name: 'run',
  summary: "Generate TPC-H (or load a folder) and print each query's time and row count",
  options: {
    scale: { type: 'string', value: 'SF', description: 'Scale factor to generate in memory (default 1)' },
    queries: { type: 'string', value: 'LIST', description: 'Only these queries, e.g. 1,3,5 or 1-6 (default all 22)' },
    data: { type: 'string', value: 'DIR', description: 'Load this folder (.tbl, .csv or .parquet per table) instead of generating' },
    seed: { type: 'string', value: 'N', description: "The built-in generator's seed (0..65535)" },
    threads: { type: 'string', value: 'N', description: 'DuckDB threads (default: DuckDB chooses, one per core)' },
    'spec-fraction': SPEC_FRACTION,
  },
  async run(ctx) {
    const v = ctx.values;
    if (v['data'] !== undefined && (v['scale'] !== undefined || v['seed'] !== undefined)) {
      throw new UsageError('--data loads a dataset; --scale and --seed generate one: pass one or the other');
    }
    const queries = queryList(v['queries']) ?? tpchQueries.map((q) => q.number);
    const threads = v['threads'] === undefined ? undefined : positiveInteger('threads', v['threads'], undefined, MAX_THREADS);
    const seed = v['seed'] === undefined ? undefined : v['seed'] === '0' ? 0 : positiveInteger('seed', v['seed']);
    let scale = positiveNumber('scale', v['scale'], 1);
    const db = await Database.open(':memory:', threads === undefined ? {} : { settings: { threads } });
    try {
      const connection = await db.connect();
      if (typeof v['data'] === 'string') {
        await loadData(ctx, connection, resolve(ctx.cwd, v['data']));
        scale = await detectScale(connection);
      } else {
        const progress = createProgress(ctx.stderr);
        try {
          const started = performance.now();
          const result = await generateTpch(connection, {
            scale,
            ...(seed === undefined ? {} : { seed }),
            onTable: (e) => (e.phase === 'start' ? progress.start(e.table) : progress.done({ table: e.table, rows: e.rows, ms: e.ms })),
          });
          ctx.stderr.write(`generated scale ${scale} (${result.generator}) in ${formatTime(performance.now() - started)}\n`);
        } finally {
          progress.stop();
        }
      }
      const rows: string[][] = [];
      let total = 0;
      for (const n of queries) {
        const started = performance.now();
        const result = await connection.columns(tpchQuery(n, { scale, fraction: v['spec-fraction'] === true ? 'spec' : 'duckdb' }));
        const ms = performance.now() - started;
        total += ms;
        // One unit down the column (and for the total), so the 22 queries compare at a glance.
        rows.push([`Q${String(n).padStart(2, '0')}`, tpchQueries[n - 1]?.title ?? '', formatCount(result.rowCount), `${ms.toFixed(1)} ms`]);
      }
      rows.push(['total', '', '', `${total.toFixed(1)} ms`]);
      ctx.stdout.write(`${textTable(rows, { header: ['query', 'title', 'rows', 'time'], rule: true }).join('\n')}\n`);
      return EXIT.ok;
    } finally {
      db.close();
    }
  },
};

export const tpch: Command = {
  name: 'tpch',
  summary: 'TPC-H: write official-format answers for a dataset, or run the 22 queries with timings',
  subcommands: [answers, run],
};
