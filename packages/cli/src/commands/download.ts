import { resolve } from 'node:path';
import { formatBytes, formatTime } from '@frozen-duckdb/core';
import { createProgress, downloadDataset, DATASETS, DATASET_FORMATS, type DatasetFormat, type DatasetName } from '@frozen-duckdb/datasets';
import { choice, positiveInteger, positiveNumber, requiredString, UsageError, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';

export const download: Command = {
  name: 'download',
  aliases: ['generate'],
  summary: 'Write a dataset (TPC-H at any scale, chinook) as CSV, Parquet or a DuckDB file',
  options: {
    dataset: { type: 'string', value: 'tpch|chinook', required: true, description: 'The dataset to write' },
    scale: { type: 'string', value: 'SF', description: 'TPC-H scale factor: 0.01, 0.1, 1 (default), 10, ... (about 1 GB of text per unit)' },
    format: {
      type: 'string',
      value: 'csv|parquet|duckdb',
      required: true,
      description: 'One file per table (CSV with header, Parquet with zstd), or one .duckdb database',
    },
    'output-dir': { type: 'string', value: 'DIR', description: 'Where to write (created when missing; default: the current folder)' },
    seed: { type: 'string', value: 'N', description: "TPC-H: the built-in generator's seed (0..65535); skips the tpch extension" },
    force: { type: 'boolean', description: 'Replace files that exist already' },
  },
  details:
    "TPC-H uses the tpch extension's dbgen when DuckDB can load it, else the built-in generator (DuckDB SQL,\n" +
    'deterministic for a seed). Files are written under temporary names and renamed when all are done.',
  async run(ctx) {
    const v = ctx.values;
    const dataset = choice<DatasetName>('dataset', requiredString('dataset', v['dataset']), DATASETS);
    const format = choice<DatasetFormat>('format', requiredString('format', v['format']), DATASET_FORMATS);
    const outputDir = v['output-dir'] === undefined ? ctx.cwd : resolve(ctx.cwd, requiredString('output-dir', v['output-dir']));
    if (dataset === 'chinook' && (v['scale'] !== undefined || v['seed'] !== undefined)) {
      throw new UsageError('--scale and --seed apply to --dataset tpch only: chinook has one size', 'drop --scale/--seed');
    }
    const scale = dataset === 'tpch' ? positiveNumber('scale', v['scale'], 1) : undefined;
    const seed = v['seed'] === undefined ? undefined : seedValue(v['seed']);
    const progress = createProgress(ctx.stdout);
    ctx.stdout.write(`${dataset}${scale === undefined ? '' : ` scale ${scale}`} as ${format} into ${outputDir}\n`);
    try {
      const result = await downloadDataset({
        dataset,
        format,
        outputDir,
        force: v['force'] === true,
        ...(scale === undefined ? {} : { scale }),
        ...(seed === undefined ? {} : { seed }),
        onStart: (table) => progress.start(table),
        onTable: (report) => progress.done(report),
      });
      ctx.stdout.write(
        `wrote ${result.files.length === 1 ? result.files[0] : `${result.files.length} files`}: ` +
          `${formatBytes(result.totalBytes)} in ${formatTime(result.ms)} (${result.generator} generator)\n`,
      );
      return EXIT.ok;
    } finally {
      progress.stop();
    }
  },
};

function seedValue(value: unknown): number {
  if (value === '0') return 0;
  return positiveInteger('seed', value);
}
