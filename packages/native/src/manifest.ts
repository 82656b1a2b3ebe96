import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { FileArgumentError, pathKind, writeFileAtomic } from '@frozen-duckdb/files';
import { ManifestError } from './errors.js';

/** The manifest's file name at the workspace root. */
export const LOCK_FILE = 'duckdb.lock.json';

/** One pinned file: its name in the platform package, size and sha256. */
export interface FilePin {
  file: string;
  size: number;
  sha256: string;
}

/** What is pinned for one platform package. */
export interface PlatformPin {
  package: string;
  version: string;
  library: FilePin;
  binding: FilePin;
}

/** duckdb.lock.json: the engine a workspace expects, per platform. */
export interface DuckDBLock {
  lockfileVersion: 1;
  duckdbVersion: string;
  packages: { '@duckdb/node-api': string; '@duckdb/node-bindings': string };
  platforms: Record<string, PlatformPin>;
}

/** The installed engine as seen now. */
export interface EngineSnapshot {
  duckdbVersion: string;
  nodeApiVersion: string;
  bindingsVersion: string;
  /** e.g. linux-x64, linux-x64-musl, darwin-arm64. */
  platformKey: string;
  pin: PlatformPin;
}

/** One difference between the manifest and the installed engine. */
export interface Drift {
  what: string;
  expected: string;
  actual: string;
}

/** sha256 and size of a file, streamed (the library is tens of MB). */
export async function pinFile(path: string): Promise<FilePin> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { file: basename(path), size: statSync(path).size, sha256: hash.digest('hex') };
}

/** Differences between a manifest and the installed engine; empty when they match. */
export function compareWithLock(lock: DuckDBLock, now: EngineSnapshot): Drift[] {
  const drift: Drift[] = [];
  const same = (what: string, expected: string | number, actual: string | number): void => {
    if (expected !== actual) drift.push({ what, expected: String(expected), actual: String(actual) });
  };
  same('DuckDB version', lock.duckdbVersion, now.duckdbVersion);
  same('@duckdb/node-api version', lock.packages['@duckdb/node-api'], now.nodeApiVersion);
  same('@duckdb/node-bindings version', lock.packages['@duckdb/node-bindings'], now.bindingsVersion);
  const pinned = lock.platforms[now.platformKey];
  if (!pinned) {
    drift.push({
      what: `platform ${now.platformKey}`,
      expected: 'pinned',
      actual: `not in ${LOCK_FILE} (pinned: ${Object.keys(lock.platforms).join(', ') || 'none'})`,
    });
    return drift;
  }
  same(`${now.platformKey} package`, `${pinned.package}@${pinned.version}`, `${now.pin.package}@${now.pin.version}`);
  for (const role of ['library', 'binding'] as const) {
    same(`${now.platformKey} ${pinned[role].file} sha256`, pinned[role].sha256, now.pin[role].sha256);
    same(`${now.platformKey} ${pinned[role].file} size`, pinned[role].size, now.pin[role].size);
  }
  return drift;
}

/** The manifest with this platform re-pinned; other platforms are kept unless they pin another DuckDB version. */
export function updateLock(lock: DuckDBLock | null, now: EngineSnapshot): { lock: DuckDBLock; dropped: string[] } {
  const keep = lock && lock.duckdbVersion === now.duckdbVersion && lock.packages['@duckdb/node-bindings'] === now.bindingsVersion;
  const others = keep ? Object.entries(lock.platforms).filter(([key]) => key !== now.platformKey) : [];
  const dropped = lock && !keep ? Object.keys(lock.platforms).filter((key) => key !== now.platformKey) : [];
  const platforms = Object.fromEntries([...others, [now.platformKey, now.pin]].sort(([a], [b]) => String(a).localeCompare(String(b))));
  return {
    lock: {
      lockfileVersion: 1,
      duckdbVersion: now.duckdbVersion,
      packages: { '@duckdb/node-api': now.nodeApiVersion, '@duckdb/node-bindings': now.bindingsVersion },
      platforms,
    },
    dropped,
  };
}

/** Reads and validates duckdb.lock.json; null when there is none. */
export function readLock(path: string): DuckDBLock | null {
  if (!existsSync(path)) return null;
  // A folder or a pipe by that name fails to read, or blocks: a manifest is a file.
  const kind = pathKind(path);
  if (kind !== 'file') throw new ManifestError(`${path} is a ${kind}, not a duckdb.lock.json file`, 'pass --manifest with a file path', 'usage');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ManifestError(
      `${path} is not valid JSON: ${(error as Error).message}`,
      `fix the file by hand or regenerate it with \`frozen-duckdb link-check --update\``,
      'usage',
    );
  }
  const problem = shapeProblem(parsed);
  if (problem) {
    throw new ManifestError(`${path} is not a duckdb.lock.json: ${problem}`, 'regenerate it with `frozen-duckdb link-check --update`', 'usage');
  }
  return parsed as DuckDBLock;
}

/** Writes the manifest whole or not at all, so a reader never sees half of it. */
export function writeLock(path: string, lock: DuckDBLock): void {
  try {
    writeFileAtomic(path, `${JSON.stringify(lock, null, 2)}\n`);
  } catch (error) {
    // A read-only checkout or a full disk is the environment's, not a bug: the message says which file and why.
    if (!(error instanceof FileArgumentError)) throw error;
    throw new ManifestError(
      error.message,
      'run link-check --update where the workspace can be written, or pass --manifest FILE',
      error.category === 'usage' ? 'usage' : 'environment',
    );
  }
}

function shapeProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'not an object';
  const v = value as Partial<DuckDBLock>;
  if (v.lockfileVersion !== 1) return `lockfileVersion is ${JSON.stringify(v.lockfileVersion)}, expected 1`;
  if (typeof v.duckdbVersion !== 'string') return 'duckdbVersion is missing';
  if (typeof v.packages !== 'object' || v.packages === null) return 'packages is missing';
  if (typeof v.platforms !== 'object' || v.platforms === null) return 'platforms is missing';
  for (const [key, pin] of Object.entries(v.platforms)) {
    for (const role of ['library', 'binding'] as const) {
      const p = (pin as Partial<PlatformPin>)[role];
      if (!p || typeof p.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(p.sha256) || typeof p.size !== 'number') {
        return `platforms.${key}.${role} needs file, size and a 64-hex-digit sha256`;
      }
    }
  }
  return null;
}
