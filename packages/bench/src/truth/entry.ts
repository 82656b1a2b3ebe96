/**
 * A truth process: one benchmark of two suite files (a base and a variant) set up side by side in
 * this one process and timed in alternating batches for a fixed time. It measures a change's size
 * without the gate: no fresh process pairs, no tinybench, no samples' median: plain clocks around
 * each call and the mean per batch, which is the time a user's code pays.
 *
 * Usage: node entry.js '<TruthSpec as JSON>'; prints a TruthRun as JSON on stdout.
 */
import { expandSuite } from '../expand.js';
import type { SuiteContext } from '../suite.js';
import { loadSuite } from '../worker/load-suite.js';
import { benchmarkCalls, openDatabase, suiteContext } from '../worker/suite-host.js';
import type { TruthRun, TruthSpec } from './protocol.js';

interface Side {
  call: () => unknown;
  before: (() => unknown) | undefined;
  close: () => Promise<void>;
  version: string;
}

async function openSide(file: string, spec: TruthSpec): Promise<Side> {
  const suite = await loadSuite(file);
  const benchmark = expandSuite(suite).find((b) => b.info.name === spec.benchmark);
  if (!benchmark) throw new Error(`${file}: no benchmark '${spec.benchmark}'`);
  const opened = await openDatabase(spec.settings);
  const ctx = suiteContext(opened, spec.profile, opened.spillDir, undefined, []);
  if (suite.setup) ctx.data = await suite.setup(ctx as SuiteContext<undefined>);
  const { fn, beforeEach } = benchmarkCalls(benchmark, ctx);
  return {
    version: String(await opened.connection.scalar('SELECT version()')),
    call: fn,
    before: beforeEach,
    close: async () => {
      if (suite.teardown) await suite.teardown(ctx);
      opened.db.close();
    },
  };
}

/** Mean ms per call over `n` calls, the untimed hook outside the clock. */
async function batch(side: Side, n: number): Promise<number> {
  let timed = 0;
  for (let i = 0; i < n; i++) {
    if (side.before) await side.before();
    const start = performance.now();
    await side.call();
    timed += performance.now() - start;
  }
  return timed / n;
}

async function main(spec: TruthSpec): Promise<TruthRun> {
  const base = await openSide(spec.base, spec);
  const variant = await openSide(spec.variant, spec);
  // One call each to size the batches by the slower side, then two batches each to warm up.
  const once = Math.max(await batch(base, 1), await batch(variant, 1), 0.001);
  const iterations = Math.min(10_000, Math.max(1, Math.round(spec.batchMs / once)));
  for (let w = 0; w < 2; w++) {
    await batch(base, iterations);
    await batch(variant, iterations);
  }
  const rounds: TruthRun['rounds'] = [];
  const end = performance.now() + spec.seconds * 1000;
  // At least six rounds, alternating which side goes first, and always an even number.
  while (rounds.length < 6 || performance.now() < end || rounds.length % 2 === 1) {
    const baseFirst = rounds.length % 2 === 0;
    const first = await batch(baseFirst ? base : variant, iterations);
    const second = await batch(baseFirst ? variant : base, iterations);
    rounds.push(baseFirst ? { base: first, variant: second, baseFirst } : { base: second, variant: first, baseFirst });
  }
  const duckdb = base.version;
  await base.close();
  await variant.close();
  return { duckdb, iterations, rounds };
}

main(JSON.parse(process.argv[2] ?? '{}') as TruthSpec).then(
  (run) => {
    process.stdout.write(`${JSON.stringify(run)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
