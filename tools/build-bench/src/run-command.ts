import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';

/** A command of the measured workspace that exited non-zero: its output tail says why. */
export class CommandFailed extends Error {
  constructor(command: string, code: number | null, output: string) {
    const tail = output.trim().split('\n').slice(-20).join('\n');
    super(`\`${command}\` exited with ${code ?? 'a signal'}${tail ? `:\n${tail}` : ''}`);
    this.name = 'CommandFailed';
  }
}

/**
 * The environment for Nx in the copy: no daemon, no cloud, no terminal UI, and none of the NX_*
 * variables of an Nx task this may run inside (they would point the child at the outer workspace).
 */
export function childEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith('NX_') && !key.startsWith('npm_')) clean[key] = value;
  }
  return { ...clean, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_SKIP_LOG_GROUPING: 'true', FORCE_COLOR: '0' };
}

/** Node's path to the nx CLI installed in `workspace`. */
export function nxBin(workspace: string): string {
  const manifest = createRequire(join(workspace, 'package.json')).resolve('nx/package.json');
  return join(dirname(manifest), JSON.parse(readFileSync(manifest, 'utf8')).bin.nx);
}

/** Runs `nx ...args` in `workspace` to completion; rejects with the output tail on a non-zero exit. */
export function runNx(workspace: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nxBin(workspace), ...args], { cwd: workspace, env: { ...childEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new CommandFailed(`nx ${args.join(' ')}`, code, Buffer.concat(chunks).toString('utf8')));
    });
  });
}
