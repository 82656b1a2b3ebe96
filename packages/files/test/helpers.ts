import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/** A fresh folder under the system temp dir, removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `files-${prefix}-`));
  made.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * Places root cannot write, for tests that run as root (where permission bits do not stop a write):
 * a path under a regular file (ENOTDIR), and /proc/self, a kernel folder that takes no new files.
 */
export const READ_ONLY_PLACES = (file: string) => [join(file, 'out.json'), '/proc/self/out.json'];
