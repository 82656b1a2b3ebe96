import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { checkSuiteFiles, discoverSuites } from './discover.js';
import { BenchUsageError, SuiteLoadError, SuiteSkipped, WorkerFailure } from './errors.js';
import type { BenchmarkInfo } from './expand.js';
import { fingerprint } from './fingerprint.js';
import { DEFAULT_SETTINGS, SAMPLING, type Sampling } from './profiles.js';
import { RESULTS_SCHEMA, RESULTS_VERSION, type BenchResults, type BenchmarkResult, type ProcessMeasurement, type SuiteResult } from './results.js';
import { compileFilter, shardSlice, type Shard } from './select.js';
import { median, spreadRatio, summarize } from './statistics.js';
import type { Profile } from './suite.js';
import { warningsFor } from './warnings.js';
import { BenchWorker } from './worker/client.js';
import type { ListedSuite, OpenedSuite, RunMeasurement } from './worker/protocol.js';
import type { CallgrindSetup } from './instructions/callgrind.js';
import { countSuite } from './instructions/count-suite.js';

export interface RunOptions {
  projectDir: string;
  profile?: Profile;
  /** Fresh worker processes to repeat the whole run in (between-process spread is reported). */
  processes?: number;
  filter?: string;
  /** Only these suite files (relative to the project folder). */
  files?: readonly string[];
  shard?: Shard;
  /** DuckDB settings over the pinned defaults (threads, memory_limit, ...). */
  settings?: Record<string, string>;
  /** Overrides of the profile's sampling (tests use tiny budgets). */
  sampling?: Partial<Sampling>;
  onProgress?: (event: ProgressEvent) => void;
  /** Also count each benchmark's instructions inside DuckDB under callgrind (`--measure instructions`). */
  instructions?: CallgrindSetup;
  /** Told when a suite's instruction counting starts (it takes long: valgrind). */
  onCounting?: (suite: string) => void;
}

/** Where the run is, for a live progress line. */
export interface ProgressEvent {
  phase: 'setup' | 'measure' | 'measured' | 'failed' | 'skipped';
  suite: string;
  benchmark?: string;
  /** Measuring steps done and in total (benchmarks x rounds x processes). */
  done: number;
  total: number;
  process: number;
  processes: number;
  round?: number;
  rounds: number;
  message?: string;
}

interface Accumulated {
  info: BenchmarkInfo;
  file: string;
  /** Per process, the measurements of each round. */
  rounds: Map<number, RunMeasurement[]>;
  failure?: { kind: WorkerFailure['kind']; message: string };
}

/** Lists every suite of a project in one worker (loads the files, runs no setup). */
export async function listSuites(projectDir: string, only?: readonly string[]): Promise<ListedSuite[]> {
  if (only) checkSuiteFiles(projectDir, only);
  const files = discoverSuites(projectDir, only);
  if (files.length === 0) {
    throw new BenchUsageError(
      `no *.bench.ts files under ${projectDir}`,
      'pass the project folder that holds your suites, or add a suite file named like queries.bench.ts',
    );
  }
  const worker = BenchWorker.start({ projectDir });
  const suites: ListedSuite[] = [];
  try {
    for (const file of files) {
      try {
        suites.push(await worker.list(file));
      } catch (error) {
        const first = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
        throw new SuiteLoadError(relative(projectDir, file), first.replace(/^Error: /, ''));
      }
    }
  } finally {
    await worker.close().catch(() => worker.kill());
  }
  const names = new Map<string, string>();
  for (const suite of suites) {
    const other = names.get(suite.name);
    if (other)
      throw new BenchUsageError(
        `two suites are named '${suite.name}': ${relative(projectDir, other)} and ${relative(projectDir, suite.file)}`,
        'give every suite its own name',
      );
    names.set(suite.name, suite.file);
  }
  return suites;
}

/** The benchmarks a run covers, in suite order: --filter (a case-insensitive regular expression on `suite/name`), then --shard. */
export function selectBenchmarks(suites: ListedSuite[], filter?: string, shard?: Shard): { info: BenchmarkInfo; file: string }[] {
  let all = suites.flatMap((s) => s.benchmarks.map((info) => ({ info, file: s.file })));
  if (filter !== undefined) {
    const pattern = compileFilter(filter);
    if (!pattern)
      throw new BenchUsageError(
        `--filter ${JSON.stringify(filter)} is not a valid regular expression`,
        'escape special characters, e.g. --filter "appender \\(rows"',
      );
    all = all.filter((b) => pattern.test(b.info.id));
    if (all.length === 0) {
      throw new BenchUsageError(
        `no benchmark matches --filter ${JSON.stringify(filter)}`,
        'filter on `suite/benchmark` names; run without --filter to see them',
      );
    }
  }
  return shard ? shardSlice(all, shard) : all;
}

/** Runs the selected benchmarks of a project in worker processes and returns versioned results. */
export async function runBenchmarks(options: RunOptions): Promise<BenchResults> {
  const started = performance.now();
  const profile = options.profile ?? 'quick';
  const processes = options.processes ?? 1;
  const sampling: Sampling = { ...SAMPLING[profile], ...options.sampling };
  const settings: Record<string, string> = { ...DEFAULT_SETTINGS, ...options.settings };
  const suites = await listSuites(options.projectDir, options.files);
  const selected = selectBenchmarks(suites, options.filter, options.shard);

  const accumulated = new Map<string, Accumulated>(selected.map((b) => [b.info.id, { ...b, rounds: new Map() }]));
  const suiteResults = new Map<string, SuiteResult>();
  const total = selected.length * sampling.rounds * processes;
  let done = 0;
  let opened: OpenedSuite | undefined;

  for (let proc = 1; proc <= processes; proc++) {
    for (const suite of suites) {
      const mine = suite.benchmarks.map((b) => accumulated.get(b.id)).filter((b): b is Accumulated => b !== undefined);
      if (mine.length === 0) continue;
      const result = suiteResults.get(suite.name) ?? { name: suite.name, file: relative(options.projectDir, suite.file), setupMs: [], notes: [] };
      suiteResults.set(suite.name, result);
      const progress = (event: Omit<ProgressEvent, 'done' | 'total' | 'process' | 'processes' | 'rounds' | 'suite'>) =>
        options.onProgress?.({ ...event, suite: suite.name, done, total, process: proc, processes, rounds: sampling.rounds });

      let worker: BenchWorker | undefined;
      // A worker with the suite open; a fresh one after a timeout or a crash killed the last.
      const ready = async (): Promise<BenchWorker | undefined> => {
        if (worker?.alive) return worker;
        progress({ phase: 'setup' });
        worker = BenchWorker.start({ projectDir: options.projectDir });
        try {
          const suiteOpened = await worker.open(suite.file, profile, settings, sampling.setupTimeoutMs);
          opened ??= suiteOpened;
          result.setupMs.push(suiteOpened.setupMs);
          if (result.notes.length === 0) result.notes = suiteOpened.notes;
          return worker;
        } catch (error) {
          worker.kill();
          // A skip counts only before anything ran: a suite that measured and then skips has failed.
          if (error instanceof SuiteSkipped && result.setupMs.length === 0) {
            result.skipped = { reason: error.reason, benchmarks: mine.map((b) => b.info.id) };
            progress({ phase: 'skipped', message: error.reason });
            return undefined;
          }
          result.error = `setup failed: ${firstLines(error)}`;
          progress({ phase: 'failed', message: result.error });
          return undefined;
        }
      };

      try {
        for (let round = 1; round <= sampling.rounds; round++) {
          const order = round % 2 === 1 ? mine : [...mine].reverse();
          for (const bench of order) {
            if (bench.failure || result.skipped) {
              done++;
              continue;
            }
            const current = await ready();
            if (!current) {
              if (!result.skipped) bench.failure = { kind: 'error', message: result.error ?? 'setup failed' };
              done++;
              continue;
            }
            progress({ phase: 'measure', benchmark: bench.info.name, round });
            try {
              const measurement = await current.run(
                bench.info.name,
                {
                  time: sampling.time,
                  iterations: sampling.iterations,
                  warmupTime: round === 1 ? sampling.warmupTime : 0,
                  warmupIterations: round === 1 ? sampling.warmupIterations : 0,
                },
                bench.info.timeoutMs ?? sampling.timeoutMs,
              );
              const list = bench.rounds.get(proc) ?? [];
              list.push(measurement);
              bench.rounds.set(proc, list);
              done++;
              progress({ phase: 'measured', benchmark: bench.info.name, round });
            } catch (error) {
              if (!(error instanceof WorkerFailure)) throw error;
              bench.failure = { kind: error.kind, message: error.message };
              done++;
              progress({ phase: 'failed', benchmark: bench.info.name, round, message: firstLines(error) });
            }
          }
        }
      } finally {
        const last = worker as BenchWorker | undefined;
        if (last?.alive) {
          await last.close(sampling.setupTimeoutMs).catch((error: unknown) => {
            result.error ??= `teardown failed: ${firstLines(error)}`;
            last.kill();
          });
        }
      }
    }
  }

  const skipped = new Set([...suiteResults.values()].flatMap((s) => s.skipped?.benchmarks ?? []));
  const benchmarks = [...accumulated.values()].filter((b) => !skipped.has(b.info.id)).map((b) => toResult(b));
  markVsBest(benchmarks);
  if (options.instructions) {
    const setup = options.instructions;
    const counted = suites
      .map((suite) => ({ suite, mine: benchmarks.filter((b) => b.suite === suite.name && b.status === 'ok') }))
      .filter(({ mine }) => mine.length > 0);
    // A count does not depend on what else runs: one callgrind worker per core at a time.
    await atOnce(counted, availableParallelism(), async ({ suite, mine }) => {
      options.onCounting?.(suite.name);
      const counts = await countSuite({
        setup,
        projectDir: options.projectDir,
        file: suite.file,
        benchmarks: mine,
        profile,
        settings,
        timeoutMs: sampling.timeoutMs,
        setupTimeoutMs: sampling.setupTimeoutMs,
      });
      for (const b of mine) {
        const count = counts.get(b.id);
        if (count) b.instructions = count;
      }
    });
  }
  return {
    schema: RESULTS_SCHEMA,
    version: RESULTS_VERSION,
    createdAt: new Date().toISOString(),
    durationMs: performance.now() - started,
    projectDir: options.projectDir,
    fingerprint: await fingerprint(options.projectDir, opened?.duckdbVersion ?? null),
    settings: {
      profile,
      processes,
      filter: options.filter ?? null,
      shard: options.shard ? `${options.shard.index}/${options.shard.count}` : null,
      duckdb: withoutTempDirectory(opened?.settings ?? settings),
      sampling,
    },
    suites: [...suiteResults.values()],
    benchmarks,
  };
}

function withoutTempDirectory(settings: Record<string, string>): Record<string, string> {
  const { temp_directory: _ignored, ...rest } = settings;
  return rest;
}

function firstLines(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n').slice(0, 3).join('\n');
}

function toResult(b: Accumulated): BenchmarkResult {
  const processes: ProcessMeasurement[] = [...b.rounds.entries()]
    .sort(([a], [c]) => a - c)
    .map(([, rounds]) => {
      const samples = rounds.flatMap((r) => r.samples).sort((x, y) => x - y);
      const iterations = rounds.reduce((s, r) => s + r.iterations, 0);
      return {
        samples,
        iterations,
        median: median(samples),
        cpuMs: iterations ? rounds.reduce((s, r) => s + r.cpuMs * r.iterations, 0) / iterations : 0,
        peakRssBytes: Math.max(...rounds.map((r) => r.peakRssBytes)),
        duckdbBytes: rounds[rounds.length - 1]?.duckdbBytes ?? 0,
      };
    });
  const base = { ...b.info, file: b.file, processes };
  if (b.failure) return { ...base, status: b.failure.kind, error: b.failure.message, warnings: [] };
  const wall = summarize(processes.flatMap((p) => p.samples));
  const processSpread = spreadRatio(processes.map((p) => p.median));
  return {
    ...base,
    status: 'ok',
    wall,
    iterations: processes.reduce((s, p) => s + p.iterations, 0),
    cpuMs: median(processes.map((p) => p.cpuMs)),
    peakRssBytes: Math.max(...processes.map((p) => p.peakRssBytes)),
    duckdbBytes: median(processes.map((p) => p.duckdbBytes)),
    ...(processSpread === undefined ? {} : { processSpread }),
    warnings: warningsFor(wall, processSpread),
  };
}

/** Each benchmark's median over the best median of its group, when the group has two or more measured members. */
export function markVsBest(results: BenchmarkResult[]): void {
  const groups = new Map<string, BenchmarkResult[]>();
  for (const r of results) {
    if (r.status !== 'ok' || !r.wall) continue;
    const key = `${r.suite}\u0000${r.group}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const best = Math.min(...members.map((m) => m.wall?.median ?? Infinity));
    for (const m of members) if (m.wall && best > 0) m.vsBest = m.wall.median / best;
  }
}

/** Runs `task` on every item, at most `limit` at a time; rejects with the first failure once all have settled. */
async function atOnce<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await task(items[next++] as T);
  };
  const lanes = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  const failed = lanes.find((lane): lane is PromiseRejectedResult => lane.status === 'rejected');
  if (failed) throw failed.reason;
}
