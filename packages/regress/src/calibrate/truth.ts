import { spawn } from 'node:child_process';
import { truthScript, type Profile, type TruthRun, type TruthSpec } from '@frozen-duckdb/bench';
import { onCleanup } from '@frozen-duckdb/files';
import { pairedEstimate, type Block } from '../stats/paired.js';

/** A change's size measured without the gate: both suites in each of several processes, alternating for a long time. */
export interface ChangeTruth {
  benchmark: string;
  /** variant / base, with its 95% interval over processes. */
  ratio: number;
  low: number;
  high: number;
  processes: number;
  rounds: number;
  iterations: number;
  seconds: number;
  /** `changeHash` of the files it was measured with. */
  files: string;
  measuredAt: string;
}

export interface TruthOptions {
  processes: number;
  /** Seconds each process alternates for. */
  seconds: number;
  batchMs: number;
  profile: Profile;
  settings: Record<string, string>;
}

/** Runs one truth process; its rounds, or an error with the end of what it printed. */
function runTruthProcess(spec: TruthSpec, cwd: string): Promise<TruthRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [truthScript(), JSON.stringify(spec)], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const stop = onCleanup(() => {
      child.kill('SIGKILL');
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      void stop();
      if (code === 0) resolve(JSON.parse(out) as TruthRun);
      else reject(new Error(`the truth process for ${spec.benchmark} failed (exit ${String(code)}): ${err.trim().split('\n').slice(0, 3).join(' ')}`));
    });
  });
}

/** Each truth process is a block of paired rounds: the estimate averages the processes' own biases out. */
export function truthEstimate(runs: readonly TruthRun[]): ReturnType<typeof pairedEstimate> {
  const blocks: Block[] = runs.map((run) => run.rounds.map((r) => ({ base: r.base, candidate: r.variant, baseFirst: r.baseFirst })));
  return pairedEstimate(blocks);
}

/** Measures a change's size in `processes` fresh processes, one after another. */
export async function measureTruth(
  files: { base: string; variant: string },
  benchmark: string,
  hash: string,
  cwd: string,
  options: TruthOptions,
  now = () => new Date(),
): Promise<ChangeTruth> {
  const spec: TruthSpec = { ...files, benchmark, profile: options.profile, settings: options.settings, seconds: options.seconds, batchMs: options.batchMs };
  const runs: TruthRun[] = [];
  for (let p = 0; p < options.processes; p++) runs.push(await runTruthProcess(spec, cwd));
  const estimate = truthEstimate(runs);
  return {
    benchmark,
    ratio: estimate.ratio,
    low: estimate.low,
    high: estimate.high,
    processes: runs.length,
    rounds: estimate.rounds,
    iterations: Math.round(runs.reduce((s, r) => s + r.iterations, 0) / runs.length),
    seconds: options.seconds,
    files: hash,
    measuredAt: now().toISOString(),
  };
}
