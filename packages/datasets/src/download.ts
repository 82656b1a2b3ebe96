import { join } from 'node:path';
import { Database, quoteLiteral, type Connection } from '@frozen-duckdb/core';
import { checkOutputs, fileSize, makeFolders, outputFault, withAtomicOutputs, type AtomicOutputs } from '@frozen-duckdb/files';
import { CHINOOK_TABLES, generateChinook } from './chinook.js';
import { DatasetInputError } from './errors.js';
import type { TableReport } from './progress.js';
import { checkTpchOptions, DEFAULT_SEED, generateTpch, prepareKeys, prepareTextPools, tpchSelect } from './tpch/generate.js';
import { TPCH_TABLES } from './tpch/spec.js';

export const DATASETS = ['tpch', 'chinook'] as const;
export type DatasetName = (typeof DATASETS)[number];
export const DATASET_FORMATS = ['csv', 'parquet', 'duckdb'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

export interface DownloadOptions {
  dataset: DatasetName;
  format: DatasetFormat;
  outputDir: string;
  /** TPC-H scale factor (default 1); chinook has one size. */
  scale?: number;
  /** Seed of the built-in TPC-H generator; giving one skips the tpch extension. */
  seed?: number;
  force?: boolean;
  /** Use the tpch extension's dbgen when it loads (default true). */
  useExtension?: boolean;
  onStart?: (table: string) => void;
  onTable?: (report: TableReport) => void;
}

export interface DownloadResult {
  dataset: DatasetName;
  format: DatasetFormat;
  generator: 'dbgen' | 'built-in';
  /** The files written: one per table, or one .duckdb. */
  files: string[];
  tables: TableReport[];
  totalBytes: number;
  ms: number;
}

/** The files a download writes, so that they can be checked before any work. */
export function downloadOutputs(dataset: DatasetName, format: DatasetFormat, outputDir: string): string[] {
  if (format === 'duckdb') return [join(outputDir, `${dataset}.duckdb`)];
  const tables: readonly string[] = dataset === 'tpch' ? TPCH_TABLES : CHINOOK_TABLES;
  return tables.map((table) => join(outputDir, `${table}.${format}`));
}

function checkOptions(options: DownloadOptions): void {
  if (!DATASETS.includes(options.dataset)) {
    throw new DatasetInputError(`unknown dataset '${options.dataset}'`, `use --dataset ${DATASETS.join(' or ')}`);
  }
  if (!DATASET_FORMATS.includes(options.format)) {
    throw new DatasetInputError(`unknown format '${options.format}'`, `use --format ${DATASET_FORMATS.join(', ')}`);
  }
  if (options.dataset === 'chinook' && (options.scale !== undefined || options.seed !== undefined)) {
    throw new DatasetInputError('chinook has one size: --scale and --seed apply to tpch only', 'drop --scale/--seed, or use --dataset tpch');
  }
  if (options.dataset === 'tpch') checkTpchOptions(options.scale ?? 1, options.seed);
}

function copyOptions(format: 'csv' | 'parquet'): string {
  return format === 'csv' ? '(FORMAT csv, HEADER true)' : "(FORMAT parquet, COMPRESSION 'zstd')";
}

/**
 * Writes a dataset into `outputDir`: one file per table (CSV with a header, Parquet with zstd) or one
 * `<dataset>.duckdb`. Everything goes to temporary names first and is renamed only when all succeeded.
 */
export async function downloadDataset(options: DownloadOptions): Promise<DownloadResult> {
  const started = performance.now();
  checkOptions(options);
  const files = downloadOutputs(options.dataset, options.format, options.outputDir);
  checkOutputs({ outputs: files.map((path) => ({ name: '--output-dir', path })), force: options.force ?? false, createFolders: true });
  const undoFolder = makeFolders(options.outputDir);
  const onStart = options.onStart ?? (() => {});
  const onTable = options.onTable ?? (() => {});
  const tables: TableReport[] = [];
  let generator: DownloadResult['generator'] = 'built-in';

  await withAtomicOutputs(async (outputs) => {
    try {
      await write(outputs);
    } catch (error) {
      outputs.abort();
      undoFolder();
      throw outputFault(error, options.outputDir) ?? error;
    }
  });
  async function write(outputs: AtomicOutputs): Promise<void> {
    if (options.format === 'duckdb') {
      const db = await Database.open(outputs.temp(files[0] as string));
      try {
        const connection = await db.connect();
        if (options.dataset === 'tpch') {
          const result = await generateTpch(connection, {
            scale: options.scale ?? 1,
            ...(options.seed === undefined ? {} : { seed: options.seed }),
            ...(options.useExtension === undefined ? {} : { useExtension: options.useExtension }),
            measureStorage: true,
            onTable: (event) => {
              if (event.phase === 'start') onStart(event.table);
              else {
                const report = { table: event.table, rows: event.rows, ms: event.ms, ...(event.bytes === undefined ? {} : { bytes: event.bytes }) };
                tables.push(report);
                onTable(report);
              }
            },
          });
          generator = result.generator;
        } else {
          await generateChinook(connection, {
            onTable: (event) => {
              if (event.phase === 'start') return onStart(event.table);
              const report = { table: event.table, rows: event.rows, ms: event.ms };
              tables.push(report);
              onTable(report);
            },
          });
        }
        await connection.run('CHECKPOINT');
      } finally {
        db.close();
      }
      return;
    }
    const format = options.format;
    const db = await Database.open(':memory:');
    try {
      const connection = await db.connect();
      const copyTable = async (table: string, query: string) => {
        onStart(table);
        const t0 = performance.now();
        const path = join(options.outputDir, `${table}.${format}`);
        const temp = outputs.temp(path);
        const rows = await connection.run(`COPY (${query}) TO ${quoteLiteral(temp)} ${copyOptions(format)}`);
        const report = { table, rows, bytes: fileSize(temp), ms: performance.now() - t0 };
        tables.push(report);
        onTable(report);
      };
      if (options.dataset === 'chinook') {
        await generateChinook(connection);
        for (const table of CHINOOK_TABLES) await copyTable(table, `SELECT * FROM ${table}`);
      } else if (await useDbgen(connection, options)) {
        generator = 'dbgen';
        onStart('dbgen');
        await connection.run(`CALL dbgen(sf = ${options.scale ?? 1})`);
        for (const table of TPCH_TABLES) await copyTable(table, `SELECT * FROM ${table}`);
      } else {
        // Straight from the generator into the file: nothing is held in memory.
        const seed = options.seed ?? DEFAULT_SEED;
        await prepareTextPools(connection, seed);
        const keys = await prepareKeys(connection, options.scale ?? 1);
        for (const table of TPCH_TABLES) await copyTable(table, tpchSelect(table, options.scale ?? 1, seed, keys));
      }
    } finally {
      db.close();
    }
  }
  const totalBytes = files.reduce((sum, file) => sum + fileSize(file), 0);
  return { dataset: options.dataset, format: options.format, generator, files, tables, totalBytes, ms: performance.now() - started };
}

async function useDbgen(connection: Connection, options: DownloadOptions): Promise<boolean> {
  if (options.seed !== undefined || options.useExtension === false) return false;
  return (await connection.tryLoadExtension('tpch')).ok;
}
