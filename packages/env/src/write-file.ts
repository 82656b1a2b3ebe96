import { appendFileSync, existsSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EnvSetupError } from './errors.js';

/** Writes through a temp file in the same folder and a rename: the old file stays whole if anything fails. */
export function writeAtomic(path: string, text: string): void {
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new EnvSetupError(`cannot write ${path}: the folder ${dir} does not exist`, 'create the folder first or write somewhere else', 'usage');
  }
  const temp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text, { mode: 0o644 });
    renameSync(temp, path);
  } catch (error) {
    if (existsSync(temp)) unlinkSync(temp);
    throw new EnvSetupError(`cannot write ${path}: ${(error as Error).message}`, 'check the path and its permissions', 'environment');
  }
}

/** Appends whole lines (the $GITHUB_ENV protocol is append-only). */
export function appendLines(path: string, text: string): void {
  try {
    appendFileSync(path, text);
  } catch (error) {
    throw new EnvSetupError(`cannot append to ${path}: ${(error as Error).message}`, 'check that the file path exists and is writable', 'environment');
  }
}
