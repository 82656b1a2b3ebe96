import { createHash } from 'node:crypto';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder under /tmp named for this package, so leftovers are easy to trace. */
export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `reliability-${label}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Where tools keep caches (bench workers their transpiled suites): not a run's output, kept or not. */
const CACHE = /(^|\/)node_modules\/\.cache$/;

/** Every entry under `dir` with what identifies its content: file hash and size, link target, or 'dir'. Caches are left out. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (CACHE.test(path)) continue;
      const full = join(dir, path);
      if (entry.isSymbolicLink()) out.set(path, `link:${readlinkSync(full)}`);
      else if (entry.isDirectory()) {
        out.set(path, 'dir');
        walk(path);
      } else if (entry.isFile()) out.set(path, `file:${lstatSync(full).size}:${createHash('sha256').update(readFileSync(full)).digest('hex')}`);
      else out.set(path, 'special');
    }
  };
  walk('');
  return out;
}

/** What changed between two snapshots: added, removed and modified paths. */
export function changes(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [path, id] of after) {
    if (!before.has(path)) out.push(`+ ${path}`);
    else if (before.get(path) !== id) out.push(`~ ${path}`);
  }
  for (const path of before.keys()) if (!after.has(path)) out.push(`- ${path}`);
  return out.sort();
}

/** The bytes of a file as hex-free identity (hash); undefined when it does not exist. */
export function fileHash(path: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return undefined;
  }
}
