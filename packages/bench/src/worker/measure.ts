import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Bench } from 'tinybench';
import type { RunMeasurement, RunSampling } from './protocol.js';
import { slowdownFromEnv, withSlowdown } from './slowdown.js';

/** What to measure: the timed call and an untimed call before each iteration. */
export interface Measured {
  fn: () => unknown;
  beforeEach?: () => unknown;
  /** DuckDB's memory in bytes, read once after the last iteration. */
  duckdbBytes: () => Promise<number>;
}

// Linux: writing 5 to clear_refs resets the peak RSS (VmHWM), so each benchmark gets its own peak.
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function readPeakRss(): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples kept per measuring call; fast benchmarks take millions, which tell no more than this many quantiles. */
export const MAX_SAMPLES = 2000;

/** `count` evenly spaced order statistics of sorted samples (min and max included): the same distribution, smaller. */
export function thinSorted(sorted: readonly number[], count: number): number[] {
  return Array.from({ length: count }, (_, i) => sorted[Math.round((i * (sorted.length - 1)) / (count - 1))] as number);
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

/** USER_HZ of /proc/stat: 100 on every Linux Node runs on (x86, arm64). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time all cores spent busy since boot, ms (every field of /proc/stat's `cpu` line but idle
 * and iowait; steal included, a VM's neighbours show there). Undefined where there is no /proc.
 */
export function machineBusyMs(): number | undefined {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
    return ((user + nice + system + irq + softirq + steal) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/**
 * Time this process's threads (DuckDB's included) spent runnable but waiting for a CPU, ms:
 * the second field of each /proc/self/task/N/schedstat. Other processes competing for the
 * cores show here; undefined where the kernel does not expose it.
 */
export function runQueueWaitMs(): number | undefined {
  try {
    let total = 0;
    for (const task of readdirSync('/proc/self/task')) {
      try {
        total += Number(readFileSync(`/proc/self/task/${task}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
      } catch {
        // The thread ended between the listing and the read.
      }
    }
    return total;
  } catch {
    return undefined;
  }
}

/** Measures one benchmark with tinybench (samples retained), with CPU time, peak RSS and DuckDB memory. */
export async function measure(target: Measured, sampling: RunSampling): Promise<RunMeasurement> {
  let cpuStart: NodeJS.CpuUsage | undefined;
  let cpuTotal = 0;
  let waitStart: number | undefined;
  let waitTotal = 0;
  let busyStart: number | undefined;
  let ownStart: NodeJS.CpuUsage | undefined;
  let foreignTotal = 0;
  let hookCpu = 0;
  let peakSampled = 0;
  let peakReset = false;
  const bench = new Bench({
    time: sampling.time,
    iterations: sampling.iterations,
    warmup: sampling.warmupIterations > 0 || sampling.warmupTime > 0,
    warmupTime: sampling.warmupTime,
    warmupIterations: sampling.warmupIterations,
    retainSamples: true,
    throws: true,
  });
  bench.add('benchmark', withSlowdown(target.fn, slowdownFromEnv()) as () => Promise<unknown>, {
    async: true,
    beforeAll(mode) {
      if (mode !== 'run') return;
      peakReset = resetPeakRss();
      hookCpu = 0;
      cpuStart = process.cpuUsage();
      waitStart = runQueueWaitMs();
      busyStart = machineBusyMs();
      ownStart = process.cpuUsage();
    },
    async beforeEach() {
      if (!target.beforeEach) return;
      // The untimed hook's CPU is taken out of the benchmark's CPU time.
      const before = process.cpuUsage();
      await target.beforeEach();
      hookCpu += cpuMs(process.cpuUsage(before));
    },
    afterEach(mode) {
      if (mode === 'run' && !peakReset) peakSampled = Math.max(peakSampled, process.memoryUsage.rss());
    },
    afterAll(mode) {
      if (mode === 'run' && cpuStart) cpuTotal = cpuMs(process.cpuUsage(cpuStart)) - hookCpu;
      const waitEnd = runQueueWaitMs();
      if (mode === 'run' && waitStart !== undefined && waitEnd !== undefined) waitTotal = Math.max(0, waitEnd - waitStart);
      const busyEnd = machineBusyMs();
      // The machine's busy time that was not this process's: the other side and the runner wait
      // for this batch meanwhile, so what is left is other processes (and a VM's steal).
      if (mode === 'run' && busyStart !== undefined && busyEnd !== undefined && ownStart)
        foreignTotal = Math.max(0, busyEnd - busyStart - cpuMs(process.cpuUsage(ownStart)));
    },
  });
  await bench.run();
  const task = bench.getTask('benchmark');
  const result = task?.result;
  if (!result || result.state === 'errored') throw result && 'error' in result ? result.error : new Error('benchmark did not run');
  if (!('latency' in result)) throw new Error(`benchmark ended in state '${result.state}'`);
  const all = result.latency.samples ?? [];
  const samples = all.length > MAX_SAMPLES ? thinSorted(all, MAX_SAMPLES) : [...all];
  const peakRssBytes = (peakReset ? readPeakRss() : undefined) ?? Math.max(peakSampled, process.memoryUsage.rss());
  return {
    samples,
    cpuMs: all.length ? Math.max(0, cpuTotal) / all.length : 0,
    waitMs: all.length ? waitTotal / all.length : 0,
    foreignMs: all.length ? foreignTotal / all.length : 0,
    iterations: all.length,
    peakRssBytes,
    duckdbBytes: await target.duckdbBytes(),
  };
}
