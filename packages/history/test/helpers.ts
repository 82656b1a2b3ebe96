import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temp folder, removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `history-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Content hash and modification time: a file "left untouched" keeps both. */
export function fileState(path: string): { sha: string; mtimeMs: number; size: number } {
  const s = statSync(path);
  return { sha: createHash('sha256').update(readFileSync(path)).digest('hex'), mtimeMs: s.mtimeMs, size: s.size };
}
