import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const workspace = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const bin = join(workspace, 'packages', 'cli', 'bin', 'frozen-duckdb.js');

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** True when the run was killed for going past `timeoutMs`. */
  timedOut: boolean;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Called once per output chunk with everything seen so far, with the child (to signal it). */
  onOutput?: (all: string, child: ChildProcess) => void;
  /** Called once the child is started. */
  onSpawn?: (child: ChildProcess) => void;
}

/** Runs `frozen-duckdb ...args` as a real child process, colours off. */
export function runCli(args: string[], options: RunOptions): Promise<Run> {
  return runNode([bin, ...args], options);
}

/** Runs `node ...args`, collecting output; kills it (SIGKILL) past the timeout. */
export function runNode(args: string[], options: RunOptions): Promise<Run> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, {
      cwd: options.cwd,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...options.env },
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

/** A Node stack frame ("    at fn (file:///x.js:1:2)"): never shown to a user. */
export const STACK_FRAME = /^\s+at (?:.+ \()?(?:file:|node:|\/|<anonymous>|async ).*\)?$/m;
