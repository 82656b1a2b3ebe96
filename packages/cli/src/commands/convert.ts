import { resolve } from 'node:path';
import { formatBytes, formatCount, formatTime } from '@frozen-duckdb/core';
import { convertFile, CONVERT_FORMATS, type ConvertFormat } from '@frozen-duckdb/datasets';
import { choice, positiveInteger, requiredString, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';

export const convert: Command = {
  name: 'convert',
  summary: 'Convert a file between CSV, TSV, Parquet, JSON, NDJSON and a DuckDB table',
  options: {
    input: { type: 'string', value: 'FILE', required: true, description: 'The file to read' },
    output: { type: 'string', value: 'FILE', required: true, description: 'The file to write (written under a temporary name, then renamed)' },
    from: { type: 'string', value: 'FMT', description: `Input format when the extension does not say: ${CONVERT_FORMATS.join(', ')}` },
    to: { type: 'string', value: 'FMT', description: `Output format when the extension does not say: ${CONVERT_FORMATS.join(', ')}` },
    table: {
      type: 'string',
      value: 'NAME',
      description: 'duckdb input: the table to read (schema.table outside main); duckdb output: the table to create (default: the file name)',
    },
    glob: {
      type: 'boolean',
      description: 'Read every file the --input pattern matches (*, ?, [...]); without it the input is one file, whatever its name holds',
    },
    'sample-size': {
      type: 'string',
      value: 'ROWS|all',
      description: 'CSV/TSV: rows read to choose column types (default 20480); all reads the whole file first',
    },
    force: { type: 'boolean', description: 'Replace the output if it exists' },
  },
  details:
    'CSV and TSV are read with a header line (.gz and .zst decompressed); Parquet is written with zstd; json writes one array, ndjson one object per line.\n' +
    'The input may be a pipe or process substitution (--input <(cmd) --from csv): it is read whole into a temporary file first.',
  async run(ctx) {
    const v = ctx.values;
    const input = resolve(ctx.cwd, requiredString('input', v['input']));
    const output = resolve(ctx.cwd, requiredString('output', v['output']));
    const from = v['from'] === undefined ? undefined : choice<ConvertFormat>('from', v['from'], CONVERT_FORMATS);
    const to = v['to'] === undefined ? undefined : choice<ConvertFormat>('to', v['to'], CONVERT_FORMATS);
    const table = v['table'] === undefined ? undefined : requiredString('table', v['table']);
    const sample = v['sample-size'];
    const sampleSize = sample === undefined ? undefined : sample === 'all' ? 'all' : positiveInteger('sample-size', sample);
    const result = await convertFile({
      input,
      output,
      force: v['force'] === true,
      glob: v['glob'] === true,
      ...(sampleSize === undefined ? {} : { sampleSize }),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(table ? { table } : {}),
    });
    ctx.stdout.write(
      `${result.from} -> ${result.to}${result.table ? ` (table ${result.table})` : ''}: ${formatCount(result.rows)} rows, ` +
        `${formatBytes(result.inputBytes)} -> ${formatBytes(result.outputBytes)}, ratio ${result.ratio.toFixed(2)}x, ` +
        `${formatTime(result.ms)}\n`,
    );
    return EXIT.ok;
  },
};
