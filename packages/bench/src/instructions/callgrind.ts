/**
 * How a worker process runs under valgrind's callgrind to count DuckDB's instructions.
 *
 * Collection is off at start and on only inside the `duckdb_*` C API functions the binding calls
 * (`--toggle-collect`): Node's start, V8 and JavaScript are not counted, DuckDB's work is. With
 * `threads=1` that work runs on the calling thread, so nothing escapes to a thread that is not counted.
 * Setup is separated from the measured calls by a marker: callgrind dumps (and zeroes) its counters
 * on every entry to `duckdb_library_version` (`--dump-before`), which the worker calls before and after
 * each counted call, so each dump holds exactly one call's instructions, hooks and setup left out.
 */
import { join } from 'node:path';

/** valgrind, setarch and the C API functions to count in (from duckdb.node's imports: env's callgrindSetup). */
export interface CallgrindSetup {
  valgrind: string;
  setarch: string;
  toggles: string[];
}

/** What instruction counts cannot see: said wherever they are shown (bench's tables, compare's verdicts, the report). */
export const INSTRUCTIONS_CAVEAT =
  "Instruction counts (inside DuckDB's C API, one thread) do not show lost parallelism or memory stalls: they are judged beside wall time, never instead of it.";

/** The C API function the worker calls as its marker; never counted itself. */
export const MARKER_FUNCTION = 'duckdb_library_version';

/** Where the worker finds its dumps: the runner sets it for a worker under callgrind. */
export const CALLGRIND_DIR_ENV = 'FROZEN_DUCKDB_CALLGRIND_DIR';

/** Counted calls per benchmark after one uncounted warm-up call: counts are deterministic, more calls only cost time. */
export const COUNTED_ITERATIONS = 2;

/** DuckDB settings for counting: one thread, so all its work is on the calling (counted) thread. */
export const COUNTING_SETTINGS: Readonly<Record<string, string>> = { threads: '1' };

/**
 * The counting worker's environment. The binding runs each query on libuv's thread pool (4 threads by
 * default), and whichever thread takes it pays its first-use costs there (its allocator caches, lazy
 * symbol binding): identical processes counted 0.6-5% apart. With one pool thread every call runs on
 * the same thread in the same order, and identical processes agree within 0.003%.
 */
export const COUNTING_ENV: Readonly<Record<string, string>> = { UV_THREADPOOL_SIZE: '1' };

/**
 * Whether a C API function's instructions are counted. Not the marker, and not the `duckdb_destroy_*`
 * functions: the binding calls those from V8's finalizers, whenever garbage collection gets to an
 * object, so they would land in whichever call happened to be running (36,542 vs 502 instructions of
 * one call, in two identical processes).
 */
export function isCountedFunction(name: string): boolean {
  return name !== MARKER_FUNCTION && !name.startsWith('duckdb_destroy_');
}

/** How fork() starts the worker under callgrind: `setarch -R valgrind <options> node <script>`. */
export function callgrindLaunch(setup: CallgrindSetup, outDir: string): { execPath: string; execArgv: string[] } {
  const toggles = setup.toggles.filter(isCountedFunction).map((name) => `--toggle-collect=${name}`);
  return {
    execPath: setup.setarch,
    execArgv: [
      // Address-space randomisation off: hash tables keyed by pointers then lay out the same way every run.
      '-R',
      setup.valgrind,
      '--tool=callgrind',
      '--collect-atstart=no',
      ...toggles,
      `--dump-before=${MARKER_FUNCTION}`,
      '--dump-instr=no',
      `--callgrind-out-file=${join(outDir, 'callgrind.out.%p')}`,
      '--quiet',
      process.execPath,
      // The worker collects garbage before each counted call (count.ts), so earlier calls' objects are
      // freed outside it and every call starts from the same allocator state.
      '--expose-gc',
    ],
  };
}

/** Events of one callgrind dump: its `totals:` (or `summary:`) line, by the names of its `events:` line. */
export function dumpTotals(text: string): Record<string, number> {
  const events = /^events:\s*(.+)$/m.exec(text)?.[1]?.trim().split(/\s+/);
  const totals = (/^totals:\s*(.+)$/m.exec(text) ?? /^summary:\s*(.+)$/m.exec(text))?.[1]?.trim().split(/\s+/).map(Number);
  if (!events || !totals || totals.some((n) => !Number.isFinite(n))) throw new Error('not a callgrind dump: no events and totals lines');
  return Object.fromEntries(events.map((name, i) => [name, totals[i] ?? 0]));
}
