import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import chalk from 'chalk';
import type { BenchResults } from '@frozen-duckdb/bench';
import {
  appendRun,
  appendWarning,
  benchRecord,
  checkParquetExport,
  compareRecord,
  historyDisabledByEnv,
  History,
  HistoryMissingError,
  localFingerprint,
  machineLine,
  parquetExportFiles,
  parsePruneDate,
  planImport,
  resolveHistoryPath,
  trendsText,
  type GateVerdicts,
  type RunOutcome,
  type RunRecord,
} from '@frozen-duckdb/history';
import { formatBytes, formatCount } from '@frozen-duckdb/core';
import { checkOutputs } from '@frozen-duckdb/files';
import type { CompareResult } from '@frozen-duckdb/regress';
import { positiveInteger, requiredString, UsageError, type Command, type CommandContext, type OptionSpec } from '../command.js';
import { EXIT } from '../exit-codes.js';

/** The flags bench, compare and baseline record take to choose where (or whether) their run is recorded. */
export const HISTORY_OPTIONS: Record<string, OptionSpec> = {
  history: {
    type: 'string',
    value: 'PATH',
    description: 'History database to append this run to (default: $FROZEN_DUCKDB_HISTORY, else <workspace root>/.bench/history.duckdb)',
  },
  'no-history': { type: 'boolean', description: 'Do not record this run in the history database' },
};

/** What a command hands over once it has its run. */
export type HistoryRun =
  | { kind: 'bench'; results: BenchResults; gate?: GateVerdicts }
  | { kind: 'record'; results: BenchResults; commit: string }
  | { kind: 'compare'; result: CompareResult };

export interface HistoryHook {
  /** Records the run with its outcome: a history problem is a warning on stderr, never a failure. */
  append(run: HistoryRun, outcome: RunOutcome): Promise<void>;
  /** The history database when this run is recorded: no report may be written over it. */
  files: { name: string; path: string }[];
}

/** Reads --history / --no-history (checked before anything is measured) and returns the hook that appends the run. */
export function historyHook(ctx: CommandContext, projectDir: string): HistoryHook {
  const flag = ctx.values['history'];
  if (flag !== undefined && (typeof flag !== 'string' || flag === '')) throw new UsageError('--history needs a file name');
  if (flag !== undefined && ctx.values['no-history']) throw new UsageError('--history and --no-history contradict each other', 'pass one of them');
  const disabled = Boolean(ctx.values['no-history']) || (flag === undefined && historyDisabledByEnv(ctx.env));
  const path = resolveHistoryPath(projectDir, typeof flag === 'string' ? resolve(ctx.cwd, flag) : undefined, ctx.env);
  return {
    files: disabled ? [] : [{ name: 'the history database', path }],
    async append(run, outcome) {
      if (disabled) return;
      let record: RunRecord;
      try {
        record = await toRecord(run, outcome, projectDir);
      } catch (error) {
        ctx.stderr.write(`${chalk.yellow('warning:')} history: run not recorded: ${error instanceof Error ? error.message : String(error)}\n`);
        return;
      }
      const appended = await appendRun(path, record);
      const warning = appendWarning(appended);
      if (warning) ctx.stderr.write(`${chalk.yellow('warning:')} ${warning}\n`);
      if (appended.status === 'written') ctx.stderr.write(`appended the run to history ${path}\n`);
    },
  };
}

async function toRecord(run: HistoryRun, outcome: RunOutcome, projectDir: string): Promise<RunRecord> {
  switch (run.kind) {
    case 'bench':
      return benchRecord({ kind: 'bench', results: run.results, outcome, source: 'cli bench', ...(run.gate ? { gate: run.gate } : {}) });
    case 'record':
      return benchRecord({ kind: 'record', results: run.results, outcome, source: 'cli baseline record', commit: run.commit });
    case 'compare':
      const { profile, threshold, roundsPerBlock, maxBlocks, filter, duckdb } = run.result.settings;
      return compareRecord({
        comparison: run.result,
        outcome,
        fingerprint: await localFingerprint(),
        profile,
        settings: {
          threshold,
          roundsPerBlock,
          maxBlocks,
          filter,
          duckdb,
          shard: run.result.shard ? `${run.result.shard.index}/${run.result.shard.count}` : null,
        },
        source: 'cli compare',
        project: projectDir,
      });
  }
}

const HISTORY_FLAG: Record<string, OptionSpec> = {
  history: { type: 'string', value: 'PATH', description: 'History database (default: $FROZEN_DUCKDB_HISTORY, else <workspace root>/.bench/history.duckdb)' },
};

function historyPath(ctx: CommandContext): string {
  const flag = ctx.values['history'];
  if (flag !== undefined && (typeof flag !== 'string' || flag === '')) throw new UsageError('--history needs a file name');
  return resolveHistoryPath(ctx.cwd, typeof flag === 'string' ? resolve(ctx.cwd, flag) : undefined, ctx.env);
}

const importRuns: Command = {
  name: 'import',
  summary: 'Add bench --json (shards of one run merge into one) and compare --json files, or a Parquet export',
  positionals: ['FILE...'],
  options: {
    ...HISTORY_FLAG,
    parquet: { type: 'string', value: 'DIR', description: 'Import a folder written by `history export --parquet DIR` instead of JSON files' },
  },
  details: `Shard files (bench --shard i/n --json) with the same commit, dirty flag, machine (CPU, cores, OS, Node,
DuckDB), profile, settings (processes, filter, DuckDB settings, sampling) and shard count n become one run.
Files of one CI run go in one call; a shard seen twice is refused. Comparisons are one run each (their machine
is unknown, so they do not enter trends). Importing the same files or export again adds nothing.`,
  async run(ctx) {
    const path = historyPath(ctx);
    const parquet = ctx.values['parquet'];
    if (parquet !== undefined && ctx.positionals.length) throw new UsageError('pass either FILE... or --parquet DIR, not both');
    if (parquet === undefined && ctx.positionals.length === 0) throw new UsageError('nothing to import', 'pass bench/compare JSON files, or --parquet DIR');
    // Every file is read and checked before the database is opened: a bad one changes nothing, and makes no database.
    const plan = parquet === undefined ? await planImport(ctx.positionals.map((f) => resolve(ctx.cwd, f))) : undefined;
    if (typeof parquet === 'string') await checkParquetExport(resolve(ctx.cwd, parquet));
    const history = await History.open(path);
    try {
      for (const warning of history.warnings) ctx.stderr.write(`${chalk.yellow('warning:')} history: ${warning}\n`);
      if (plan) {
        for (const note of plan.notes) ctx.stdout.write(`${note}\n`);
        let added = 0;
        for (const record of plan.records) if (await history.append(record)) added++;
        const skipped = plan.records.length - added;
        ctx.stdout.write(`imported ${added} run${added === 1 ? '' : 's'} into ${path}${skipped ? ` (${skipped} already there)` : ''}\n`);
      } else {
        const imported = await history.importParquet(resolve(ctx.cwd, requiredString('parquet', parquet)));
        ctx.stdout.write(
          `imported ${imported.runsAdded} run(s) from ${imported.dir} into ${path}` +
            `${imported.runsSkipped ? ` (${imported.runsSkipped} already there)` : ''}: ${imported.rows.results} results, ${imported.rows.samples} samples\n`,
        );
      }
    } finally {
      await history.close();
    }
    return EXIT.ok;
  },
};

const exportRuns: Command = {
  name: 'export',
  summary: 'Write every table as Parquet (runs, results, samples, fingerprints, meta) for object storage and DuckDB',
  options: {
    ...HISTORY_FLAG,
    parquet: { type: 'string', value: 'DIR', required: true, description: 'Folder to write <table>.parquet into (created when missing; files replaced whole)' },
  },
  async run(ctx) {
    const dir = resolve(ctx.cwd, requiredString('parquet', ctx.values['parquet']));
    const path = historyPath(ctx);
    // Checked before the database is read: an export over the database itself, or into a file, is refused.
    checkOutputs({
      outputs: Object.values(parquetExportFiles(dir)).map((file) => ({ name: '--parquet', path: file })),
      inputs: [{ name: '--history', path }],
      createFolders: true,
    });
    const history = await History.open(path, { readOnly: true });
    try {
      for (const warning of history.warnings) ctx.stderr.write(`${chalk.yellow('warning:')} history: ${warning}\n`);
      const written = await history.exportParquet(dir);
      ctx.stdout.write(
        `exported to ${dir}: ${Object.entries(written.rows)
          .map(([t, n]) => `${t} ${n}`)
          .join(', ')}\n`,
      );
    } finally {
      await history.close();
    }
    return EXIT.ok;
  },
};

/** The file's size and its rows, the line under the history's path. */
async function sizeLine(history: History): Promise<string> {
  const bytes = history.fileBytes();
  const rows = await history.counts();
  return `${formatBytes(bytes)} (${bytes} bytes): ${formatCount(rows.runs)} runs, ${formatCount(rows.results)} results, ${formatCount(rows.samples)} samples, ${formatCount(rows.fingerprints)} machines`;
}

const prune: Command = {
  name: 'prune',
  summary: 'Delete old runs with all their rows, then rewrite the file smaller',
  options: {
    ...HISTORY_FLAG,
    'keep-runs': { type: 'string', value: 'N', description: 'Keep the newest N runs (by the time they were made), delete the others' },
    before: { type: 'string', value: 'DATE', description: 'Delete the runs made before DATE (YYYY-MM-DD, UTC midnight, or an ISO 8601 date and time)' },
  },
  details: `A run goes with its results and raw samples, and a machine with its last run. With both flags a run is kept
only when it is among the newest N and made at or after DATE. DuckDB does not give deleted rows' space back to
the file system, so the history is then copied into a new file beside it and renamed over the old one: the old
file stays whole until that rename, whenever the process is stopped.`,
  async run(ctx) {
    const keep = ctx.values['keep-runs'];
    const before = ctx.values['before'];
    if (keep === undefined && before === undefined) {
      throw new UsageError('history prune needs --keep-runs N or --before DATE (or both)', 'e.g. `frozen-duckdb history prune --keep-runs 200`');
    }
    let keepRuns: number | undefined;
    if (keep !== undefined) {
      keepRuns = typeof keep === 'string' && /^\d+$/.test(keep.trim()) ? Number(keep) : NaN;
      if (!Number.isSafeInteger(keepRuns) || keepRuns < 1) {
        throw new UsageError(`--keep-runs must be a whole number of runs, at least 1; got ${JSON.stringify(keep)}`, 'e.g. --keep-runs 200');
      }
    }
    let cutoff: string | undefined;
    if (before !== undefined) {
      cutoff = typeof before === 'string' ? parsePruneDate(before) : undefined;
      if (cutoff === undefined) {
        throw new UsageError(
          `--before must be a date; got ${JSON.stringify(before)}`,
          'pass a day such as 2026-01-31 (UTC) or a date and time such as 2026-01-31T12:00:00Z',
        );
      }
    }
    const path = historyPath(ctx);
    // Opening for writing would create an empty history: there is nothing to prune.
    if (!existsSync(path)) throw new HistoryMissingError(path);
    const history = await History.open(path);
    try {
      for (const warning of history.warnings) ctx.stderr.write(`${chalk.yellow('warning:')} history: ${warning}\n`);
      const startBytes = history.fileBytes();
      const pruned = await history.prune({ ...(keepRuns === undefined ? {} : { keepRuns }), ...(cutoff === undefined ? {} : { before: cutoff }) });
      const { runs, results, samples } = pruned.deleted;
      ctx.stdout.write(
        `deleted ${formatCount(runs)} runs (${formatCount(results)} results, ${formatCount(samples)} samples), kept ${formatCount(pruned.kept)}\n`,
      );
      const size = await history.compact();
      ctx.stdout.write(`${path}: ${formatBytes(startBytes)} (${startBytes} bytes) -> ${formatBytes(size.afterBytes)} (${size.afterBytes} bytes)\n`);
    } finally {
      await history.close();
    }
    return EXIT.ok;
  },
};

export const history: Command = {
  name: 'history',
  summary: "Trends and change points per benchmark from the recorded runs, the file's size and rows; import, export, prune",
  options: {
    ...HISTORY_FLAG,
    benchmark: { type: 'string', value: 'PATTERN', description: 'Only benchmarks whose suite/name matches this regular expression (case-insensitive)' },
    limit: { type: 'string', value: 'N', description: 'Runs shown per benchmark, the latest (default 10); change points use every run' },
    fingerprint: { type: 'string', value: 'HASH', description: "Machine to show (a hash or its start); default this machine's, else the latest run's" },
    json: { type: 'boolean', description: 'Print the series as JSON' },
  },
  subcommands: [importRuns, exportRuns, prune],
  details: `Absolute times only compare on one machine, profile and DuckDB settings: each is its own series.
A change point is a level shift found by binary segmentation with a rank test (permutation p < 0.01, at least
3 runs a side, at least 5%): it names the first commit measured at the new level.`,
  async run(ctx) {
    const limit = positiveInteger('limit', ctx.values['limit'], 10);
    const pattern = ctx.values['benchmark'];
    if (pattern !== undefined && (typeof pattern !== 'string' || pattern === '')) throw new UsageError('--benchmark needs a pattern');
    const path = historyPath(ctx);
    const history = await History.open(path, { readOnly: true });
    try {
      for (const warning of history.warnings) ctx.stderr.write(`${chalk.yellow('warning:')} history: ${warning}\n`);
      const machines = await history.machines();
      const here = (await history.thisMachine()).hash;
      const wanted = ctx.values['fingerprint'];
      let machine = machines.find((m) => m.hash === here) ?? machines[0];
      if (typeof wanted === 'string') {
        const matching = machines.filter((m) => m.hash.startsWith(wanted));
        if (matching.length !== 1) {
          throw new UsageError(
            `--fingerprint ${JSON.stringify(wanted)} matches ${matching.length} machines in ${path}`,
            machines.length ? `pick one of: ${machines.map((m) => m.hash).join(', ')}` : 'the history has no bench runs yet',
          );
        }
        machine = matching[0];
      }
      const series = machine ? await history.trends({ ...(typeof pattern === 'string' ? { benchmark: pattern } : {}), fingerprint: machine.hash }) : [];
      if (ctx.values['json']) {
        const shown = series.map((s) => ({ ...s, points: s.points.slice(-limit), totalPoints: s.points.length }));
        const file = { bytes: history.fileBytes(), rows: await history.counts() };
        ctx.stdout.write(`${JSON.stringify({ history: path, file, machine: machine ?? null, thisMachine: here, machines, series: shown }, null, 2)}\n`);
        return EXIT.ok;
      }
      if (!machine) {
        ctx.stdout.write(`${path}: no bench or record runs yet\n${await sizeLine(history)}\n`);
        return EXIT.ok;
      }
      ctx.stdout.write(`${path}\n${await sizeLine(history)}\nmachine ${machineLine(machine)}${machine.hash === here ? ' (this machine)' : ''}\n`);
      const others = machines.filter((m) => m !== machine);
      if (others.length) ctx.stdout.write(chalk.dim(`other machines (--fingerprint HASH): ${others.map((m) => `${m.hash} (${m.runs} runs)`).join(', ')}\n`));
      ctx.stdout.write('\n');
      ctx.stdout.write(
        series.length
          ? trendsText(series, limit)
          : `no runs of ${typeof pattern === 'string' ? `benchmarks matching ${JSON.stringify(pattern)}` : 'any benchmark'} on this machine\n`,
      );
      return EXIT.ok;
    } finally {
      await history.close();
    }
  },
};
