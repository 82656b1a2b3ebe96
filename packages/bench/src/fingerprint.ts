import { execFile } from 'node:child_process';
import { cpus, totalmem, platform, release, arch } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The machine and code a run was measured on: numbers from different fingerprints are not comparable as they are. */
export interface Fingerprint {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  os: { platform: string; release: string; arch: string };
  node: string;
  duckdb: string | null;
  git: { commit: string; dirty: boolean } | null;
}

/** The git commit of `dir` and whether its tree has uncommitted changes; null outside a repository. */
export async function gitState(dir: string): Promise<Fingerprint['git']> {
  try {
    const { stdout: commit } = await run('git', ['rev-parse', 'HEAD'], { cwd: dir });
    const { stdout: status } = await run('git', ['status', '--porcelain', '--untracked-files=normal'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
    return { commit: commit.trim(), dirty: status.trim() !== '' };
  } catch {
    return null;
  }
}

/** The machine fingerprint; the DuckDB version comes from a worker (the CLI process never loads DuckDB). */
export async function fingerprint(dir: string, duckdb: string | null): Promise<Fingerprint> {
  const cpu = cpus();
  return {
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryBytes: totalmem(),
    os: { platform: platform(), release: release(), arch: arch() },
    node: process.version,
    duckdb,
    git: await gitState(dir),
  };
}
