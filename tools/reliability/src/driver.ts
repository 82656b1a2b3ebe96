import { fork, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { CommandInfo } from './args.js';
import { WORKSPACE } from '../../testing/run-cli.js';
import type { Outcome } from './outcome.js';

/** The in-process driver (drivers/cli-main.mjs): runs main(argv, io) case after case in one process. */
export const DRIVER = join(WORKSPACE, 'tools', 'reliability', 'drivers', 'cli-main.mjs');

export interface DriverCase {
  argv: string[];
  /** Files to write before the case (path -> content), removed after it. */
  files?: Record<string, string | Buffer>;
}

export interface DriverReply extends Omit<Outcome, 'argv'> {
  index: number;
  ms: number;
}

/** The CLI's command specs, as the driver lists them. */
export function describeCommands(cwd: string): CommandInfo[] {
  const described = spawnSync(process.execPath, [DRIVER, '--describe'], { encoding: 'utf8', cwd });
  if (described.status !== 0) throw new Error(`--describe failed: ${described.stderr}`);
  return JSON.parse(described.stdout) as CommandInfo[];
}

/**
 * Runs cases through main() in a driver process in `root`; a case that takes longer than
 * `caseTimeoutMs` is recorded as timed out, its driver killed, and the rest go on in a new one.
 * `leaked` is whatever reached the driver's own stdout/stderr instead of the io streams.
 */
export async function runInProcess(
  cases: DriverCase[],
  root: string,
  env: NodeJS.ProcessEnv,
  caseTimeoutMs = 30_000,
): Promise<{ replies: DriverReply[]; leaked: string }> {
  const replies: DriverReply[] = [];
  let leaked = '';
  let next = 0;
  while (next < cases.length) {
    const child = fork(DRIVER, [], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    child.stdout?.on('data', (d: Buffer) => (leaked += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (leaked += d.toString()));
    // A driver that dies or stalls before it is ready is an error here, not a wait for ever.
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error(`the driver did not start in 60 s: ${leaked.slice(-500)}`)), 60_000);
      child.once('message', () => {
        clearTimeout(timer);
        ready();
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`the driver exited (${code}) before it was ready: ${leaked.slice(-500)}`));
      });
    });
    const ended = new Promise<void>((done) => child.once('exit', () => done()));
    for (; next < cases.length; next++) {
      const index = next;
      const { argv, files } = cases[index]!;
      const encoded = files ? Object.fromEntries(Object.entries(files).map(([p, c]) => [p, Buffer.from(c).toString('base64')])) : undefined;
      const reply = await new Promise<DriverReply | undefined>((answer) => {
        const timer = setTimeout(() => answer(undefined), caseTimeoutMs);
        const onExit = () => answer(undefined);
        child.once('exit', onExit);
        child.once('message', (m: DriverReply) => {
          clearTimeout(timer);
          child.removeListener('exit', onExit);
          answer(m);
        });
        child.send({ index, argv, ...(encoded ? { files: encoded } : {}) });
      });
      if (!reply) {
        replies.push({ index, code: null, stdout: '', stderr: leaked.slice(-2000), changed: [], ms: caseTimeoutMs, timedOut: true });
        child.kill('SIGKILL');
        next++;
        break;
      }
      replies.push(reply);
    }
    if (next >= cases.length && child.connected) child.disconnect();
    await ended;
  }
  return { replies, leaked };
}
