import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Runs this workspace's Nx (no daemon, no cloud, none of the calling task's NX_* variables); returns its output, both streams. */
export function nx(cwd: string, args: string[]): string {
  const manifest = createRequire(join(cwd, 'package.json')).resolve('nx/package.json');
  const bin = join(dirname(manifest), JSON.parse(readFileSync(manifest, 'utf8')).bin.nx);
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('NX_')));
  const run = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0' },
  });
  if (run.status !== 0) throw new Error(`nx ${args.join(' ')} failed:\n${run.stdout}${run.stderr}`);
  return `${run.stdout}${run.stderr}`;
}
