// The frozen-duckdb CLI run as a real child process, for the tests of every package (imported by a relative
// path: no build step). Colours are off; an `env` value of undefined removes that variable from the child's.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The workspace root (this checkout). */
export const WORKSPACE = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The CLI's entry point, as npm links it. */
export const CLI_BIN = join(WORKSPACE, 'packages', 'cli', 'bin', 'frozen-duckdb.js');

export interface CliOptions {
  /** Default: the test's own folder. */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the child (SIGKILL) past this many ms. */
  timeoutMs?: number;
}

export interface CliRun {
  /** The exit code; null when a signal ended the child. */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Run extends CliRun {
  signal: NodeJS.Signals | null;
  ms: number;
  /** True when the run was killed for going past `timeoutMs`. */
  timedOut: boolean;
}

export interface RunOptions extends CliOptions {
  /** Called once per output chunk with everything seen so far, with the child (to signal it). */
  onOutput?: (all: string, child: ChildProcess) => void;
  /** Called once the child is started. */
  onSpawn?: (child: ChildProcess) => void;
}

const childEnv = (env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...env });

/** Runs `frozen-duckdb ...args` and waits for it (spawnSync: nothing in this process runs meanwhile). */
export function runCliSync(args: string[], options: CliOptions = {}): CliRun {
  const run = spawnSync(process.execPath, [CLI_BIN, ...args], {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    env: childEnv(options.env),
    encoding: 'utf8',
    ...(options.timeoutMs ? { timeout: options.timeoutMs, killSignal: 'SIGKILL' as const } : {}),
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Runs `frozen-duckdb ...args` without blocking this process (a server or a double in it can answer the CLI). */
export function runCli(args: string[], options: RunOptions = {}): Promise<Run> {
  return runNode([CLI_BIN, ...args], options);
}

/** Runs `node ...args`, collecting its output; kills it (SIGKILL) past the timeout. */
export function runNode(args: string[], options: RunOptions = {}): Promise<Run> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, {
      ...(options.cwd ? { cwd: options.cwd } : {}),
      env: childEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    options.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, options.timeoutMs)
      : undefined;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      options.onOutput?.(stdout + stderr, child);
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      options.onOutput?.(stdout + stderr, child);
    });
    child.on('error', fail);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      done({ code, signal, stdout, stderr, ms: performance.now() - started, timedOut });
    });
  });
}
