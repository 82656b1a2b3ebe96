/**
 * Transpiled TypeScript kept between processes, in the project's `node_modules/.cache/frozen-duckdb/transpiled`
 * (where tools keep their caches): a worker whose suite is found there never loads the TypeScript
 * compiler, which takes a few tenths of a second per process alone and about 50 s under callgrind.
 *
 * An entry is named by the hash of what its output depends on (the source, the file's name, the compiler's
 * version and options), holds the hash of its output, and is written whole (a temp file, then a rename):
 * a damaged or foreign entry is transpiled again, never run. A cache that cannot be written only costs time.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { threadId } from 'node:worker_threads';

/** Bumped when an entry's layout changes. */
const FORMAT = 1;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The cache folder of the project around `from`: under the nearest `node_modules`; none without one. */
export function transpileCacheDir(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'frozen-duckdb', 'transpiled');
    if (dirname(dir) === dir) return undefined;
  }
}

/** An entry's name: every input of the transpiled output. */
export function transpileKey(parts: readonly string[]): string {
  return sha256([String(FORMAT), ...parts].join('\u0000'));
}

/** The output stored under `key`, when it is there whole. */
export function readTranspiled(dir: string, key: string): string | undefined {
  try {
    const entry = JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')) as { key?: unknown; hash?: unknown; output?: unknown };
    if (entry.key === key && typeof entry.output === 'string' && entry.hash === sha256(entry.output)) return entry.output;
  } catch {
    // Missing or damaged: transpiled again.
  }
  return undefined;
}

export function writeTranspiled(dir: string, key: string, output: string): void {
  const temp = join(dir, `${key}.${process.pid}-${threadId}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(temp, JSON.stringify({ key, hash: sha256(output), output }));
    renameSync(temp, join(dir, `${key}.json`));
  } catch {
    rmSync(temp, { force: true });
  }
}
