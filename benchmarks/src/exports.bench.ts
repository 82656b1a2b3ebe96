/**
 * Claim: export query results with DuckDB's `COPY (query) TO 'file'`, not by reading them into JS and
 * writing the file from JS. 20k rows (500k in the full profile) of five columns (integers, text, a
 * decimal, a date) as Parquet, CSV and NDJSON through COPY, and as CSV and NDJSON written by JS from
 * the rows DuckDB returned (JS has no Parquet writer without a dependency). The worker records each
 * benchmark's peak RSS, where reading everything into JS shows; the files' sizes are noted.
 */
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineSuite } from '@frozen-duckdb/bench';
import type { Connection } from '@frozen-duckdb/core';
import { factsSql, rowsFor } from './data.js';

const QUERY = 'SELECT id, grp, name, amount, day FROM facts WHERE grp < 900';
const EXPORT = 'export';

const output = (tmpDir: string, how: string, format: string | number | boolean) => join(tmpDir, `${how}.${format}`);

function copyTo(connection: Connection, path: string, format: string | number | boolean): Promise<number> {
  return connection.copyTo({ query: QUERY }, path, { format: format === 'ndjson' ? 'json' : (format as 'csv' | 'parquet') });
}

// A CSV field as DuckDB writes one: quoted only when it holds the delimiter, a quote or a line break.
const csvField = (value: unknown): string => {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value ?? '');
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Reads the result into JS and writes it as CSV or NDJSON from JS; returns the rows written. */
async function writeFromJs(connection: Connection, path: string, format: string | number | boolean): Promise<number> {
  const rows = await connection.query(QUERY);
  const lines =
    format === 'csv'
      ? [Object.keys(rows[0] ?? {}).join(','), ...rows.map((row) => Object.values(row).map(csvField).join(','))]
      : rows.map((row) => JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? Number(value) : value)));
  writeFileSync(path, `${lines.join('\n')}\n`);
  return rows.length;
}

const lineCount = (path: string) => readFileSync(path, 'utf8').trimEnd().split('\n').length;

export default defineSuite({
  name: 'exports',
  async setup(ctx) {
    const rows = rowsFor(ctx.profile, 20_000, 500_000);
    await ctx.connection.run(factsSql('facts', rows));
    const exported = Number(await ctx.connection.scalar(`SELECT count(*) FROM (${QUERY})`));
    for (const format of ['parquet', 'csv', 'ndjson']) {
      await copyTo(ctx.connection, output(ctx.tmpDir, 'copy', format), format);
      ctx.note(`COPY TO ${format}`, statSync(output(ctx.tmpDir, 'copy', format)).size, 'bytes');
    }
    for (const format of ['csv', 'ndjson']) {
      await writeFromJs(ctx.connection, output(ctx.tmpDir, 'js', format), format);
      ctx.note(`JS ${format}`, statSync(output(ctx.tmpDir, 'js', format)).size, 'bytes');
    }
    // Both ways write every row: the CSVs a header more.
    const counts = [
      lineCount(output(ctx.tmpDir, 'copy', 'csv')),
      lineCount(output(ctx.tmpDir, 'js', 'csv')),
      lineCount(output(ctx.tmpDir, 'js', 'ndjson')) + 1,
    ];
    if (counts.some((n) => n !== exported + 1)) throw new Error(`line counts ${counts.join(', ')} for ${exported} rows`);
    ctx.note('rows exported', exported, 'rows');
  },
  benchmarks: {
    'COPY (query) TO file': {
      params: { format: ['parquet', 'csv', 'ndjson'] },
      group: EXPORT,
      beforeEach: (ctx, { format }) => rmSync(output(ctx.tmpDir, 'copy', format), { force: true }),
      run: (ctx, { format }) => copyTo(ctx.connection, output(ctx.tmpDir, 'copy', format), format),
    },
    'read into JS, write from JS': {
      params: { format: ['csv', 'ndjson'] },
      group: EXPORT,
      beforeEach: (ctx, { format }) => rmSync(output(ctx.tmpDir, 'js', format), { force: true }),
      run: (ctx, { format }) => writeFromJs(ctx.connection, output(ctx.tmpDir, 'js', format), format),
    },
  },
});
