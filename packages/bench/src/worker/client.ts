import { formatLimit } from '@frozen-duckdb/core';
import { fork, type ChildProcess } from 'node:child_process';
import { compiledScript } from '../compiled-script.js';
import { SuiteSkipped, WorkerFailure } from '../errors.js';
import type { Profile } from '../suite.js';
import type { BenchmarkProfile, ListedSuite, OpenedSuite, Reply, Request, RunMeasurement, RunSampling, SetupShare } from './protocol.js';
import { removeWorkerTempDirs } from './temp-dir.js';
import { CALLGRIND_DIR_ENV, COUNTING_ENV, callgrindLaunch, type CallgrindSetup } from '../instructions/callgrind.js';
import type { InstructionCount } from '../instructions/count.js';

/** The compiled worker script of this package. */
export function workerScript(): string {
  return compiledScript(new URL('./entry.js', import.meta.url));
}

export interface WorkerOptions {
  /** The project folder: the worker's working directory. */
  projectDir: string;
  /** Another worker script, e.g. a base commit's own build in a git worktree. */
  script?: string;
  env?: NodeJS.ProcessEnv;
  /** Run under callgrind, writing its dumps into `dir` (counting instructions: see instructions/callgrind.ts). */
  callgrind?: { setup: CallgrindSetup; dir: string };
}

type RequestBody = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * One worker process and its request/reply channel. Every call either resolves with the
 * worker's answer or rejects with a WorkerFailure ('error', 'timeout' or 'crash'); after a
 * timeout or a crash the process is gone and the worker cannot be used again.
 */
export class BenchWorker {
  private readonly child: ChildProcess;
  private nextId = 1;
  private pending: { id: number; resolve: (reply: Reply) => void; reject: (error: WorkerFailure) => void } | undefined;
  private exited: string | undefined;
  private stderrTail = '';

  private constructor(child: ChildProcess) {
    this.child = child;
    child.stderr?.on('data', (data: Buffer) => {
      this.stderrTail = (this.stderrTail + data.toString()).slice(-4000);
    });
    child.stdout?.resume();
    child.on('message', (reply: Reply) => {
      const pending = this.pending;
      if (!pending || pending.id !== reply.id) return;
      this.pending = undefined;
      pending.resolve(reply);
    });
    child.on('exit', (code, signal) => {
      if (this.exited !== 'killed') this.exited = signal ? `signal ${signal}` : `exit code ${code}`;
      // Killed, it could not remove its temporary folder (DuckDB's spill files): do it for it.
      if (signal && child.pid !== undefined) removeWorkerTempDirs(child.pid);
    });
    // A process that cannot start (its folder removed meanwhile: a worktree cleaned up on SIGTERM) is this
    // worker's crash, not an uncaught error that ends the runner; 'close' follows and rejects the request.
    child.on('error', (error) => {
      this.exited ??= error.message;
    });
    // 'close' comes after the process's output is fully read, so the crash message has its last words.
    child.on('close', () => {
      const pending = this.pending;
      this.pending = undefined;
      // Node prints an uncaught error's message before its stack: keep the message, not the last frames.
      const tail = this.stderrTail
        .trim()
        .split('\n')
        .filter((line) => !/^\s+at /.test(line))
        .slice(-5)
        .join('\n');
      pending?.reject(new WorkerFailure('crash', `worker process died (${this.exited})${tail ? `:\n${tail}` : ''}`));
    });
  }

  /** Starts a worker process in the project folder. */
  static start(options: WorkerOptions): BenchWorker {
    const callgrind = options.callgrind;
    const child = fork(options.script ?? workerScript(), [], {
      cwd: options.projectDir,
      env: { ...process.env, ...options.env, ...(callgrind ? { ...COUNTING_ENV, [CALLGRIND_DIR_ENV]: callgrind.dir } : {}) },
      ...(callgrind ? callgrindLaunch(callgrind.setup, callgrind.dir) : {}),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    return new BenchWorker(child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.exited === undefined;
  }

  /** Loads a suite file and lists its expanded benchmarks (no setup, no DuckDB work). */
  async list(file: string, timeoutMs = 60_000): Promise<ListedSuite> {
    const reply = await this.request({ type: 'list', file }, timeoutMs, `loading ${file}`);
    return (reply as Reply & { type: 'listed' }).suite;
  }

  /** Opens a suite: DuckDB with `settings`, then the suite's setup; rejects with SuiteSkipped when the setup skips (the process stays usable). */
  async open(file: string, profile: Profile, settings: Record<string, string>, timeoutMs: number, share?: SetupShare): Promise<OpenedSuite> {
    const reply = await this.request({ type: 'open', file, profile, settings, ...(share ? { share } : {}) }, timeoutMs, `setup of ${file}`);
    return (reply as Reply & { type: 'opened' }).suite;
  }

  /** Measures one benchmark of the open suite, e.g. `{ time: 0, iterations: N, warmupTime: 0, warmupIterations: 0 }` for exactly N iterations. */
  async run(benchmark: string, sampling: RunSampling, timeoutMs: number): Promise<RunMeasurement> {
    const reply = await this.request({ type: 'run', benchmark, sampling }, timeoutMs, `benchmark '${benchmark}'`);
    return (reply as Reply & { type: 'measured' }).measurement;
  }

  /** Profiles one benchmark of the open suite (DuckDB's profiler, then V8's for about `cpuMs`); only for a worker whose `opened` said `profiles`. */
  async profile(benchmark: string, cpuMs: number, timeoutMs: number): Promise<BenchmarkProfile> {
    const reply = await this.request({ type: 'profile', benchmark, cpuMs }, timeoutMs, `profiling '${benchmark}'`);
    return (reply as Reply & { type: 'profiled' }).profile;
  }

  /** Counts one benchmark's instructions inside DuckDB; only for a worker started with `callgrind`. */
  async count(benchmark: string, iterations: number, timeoutMs: number): Promise<InstructionCount> {
    const reply = await this.request({ type: 'count', benchmark, iterations }, timeoutMs, `counting '${benchmark}'`);
    return (reply as Reply & { type: 'counted' }).count;
  }

  /**
   * Tears the suite down but keeps the process for another suite. Returns false when the worker
   * cannot do that (a build from before this request existed): it has then ended, like close().
   */
  async closeSuite(timeoutMs = 30_000): Promise<boolean> {
    if (!this.alive) return false;
    const reply = await this.request({ type: 'close', keep: true }, timeoutMs, 'teardown');
    if ((reply as Reply & { type: 'closed' }).kept) return true;
    await this.waitForExit(5_000);
    return false;
  }

  /** Tears the suite down and ends the process; kills it if it does not end within `timeoutMs`. */
  async close(timeoutMs = 30_000): Promise<void> {
    if (!this.alive) return;
    try {
      await this.request({ type: 'close' }, timeoutMs, 'teardown');
    } finally {
      await this.waitForExit(5_000);
    }
  }

  /** Kills the process now (SIGKILL). */
  kill(): void {
    if (!this.alive) return;
    this.child.kill('SIGKILL');
    // Dead from now on: the 'exit' event comes later, and nothing may be sent in between.
    this.exited = 'killed';
  }

  private async waitForExit(ms: number): Promise<void> {
    if (!this.alive) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.kill();
        resolve();
      }, ms);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private request(body: RequestBody, timeoutMs: number, what: string): Promise<Reply> {
    if (!this.alive) return Promise.reject(new WorkerFailure('crash', `worker process is gone (${this.exited})`));
    if (this.pending) return Promise.reject(new WorkerFailure('error', 'a request is already running in this worker'));
    // What the process prints from now on belongs to this request (a crash names its own last words).
    this.stderrTail = '';
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.pending?.id !== id) return;
        this.pending = undefined;
        this.kill();
        reject(new WorkerFailure('timeout', `${what} did not finish within ${formatLimit(timeoutMs)}; its worker was killed`));
      }, timeoutMs);
      this.pending = {
        id,
        resolve: (reply) => {
          clearTimeout(timer);
          if (reply.type === 'failed') reject(new WorkerFailure('error', reply.message));
          else if (reply.type === 'skipped') reject(new SuiteSkipped(reply.reason));
          else resolve(reply);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.child.send({ ...body, id } as Request);
    });
  }
}
