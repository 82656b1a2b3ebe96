import { appendFileSync, closeSync, constants, fsyncSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { AtomicOutputs } from './atomic-outputs.js';
import { FileArgumentError, OutputFileError } from './errors.js';
import { errorCode, fsReason } from './fs-reason.js';

function isStream(path: string): boolean {
  try {
    const stat = statSync(path);
    return !stat.isFile() && !stat.isDirectory();
  } catch {
    return false;
  }
}

/** Fails at once (ENXIO) on a FIFO that nobody reads, where a plain open would wait for a reader for ever. */
function checkReader(path: string): void {
  try {
    if (!statSync(path).isFIFO()) return;
  } catch {
    return;
  }
  closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
}

/**
 * Writes a file whole or not at all: a temporary file in the same folder, flushed, then renamed over
 * the old one (which keeps its permissions). A pipe or device (/dev/stdout, a FIFO) is written in
 * place, and a symbolic link keeps pointing at the file it names.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: { mode?: number } = {}): void {
  if (isStream(path)) {
    try {
      checkReader(path);
      writeFileSync(path, data);
    } catch (error) {
      const { reason, category } = fsReason(error);
      throw new OutputFileError(path, reason, { category, cause: error });
    }
    return;
  }
  const outputs = new AtomicOutputs();
  try {
    const temp = outputs.temp(path);
    const fd = openSync(temp, 'wx', options.mode ?? 0o666);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    outputs.commit();
  } catch (error) {
    outputs.abort();
    if (error instanceof FileArgumentError) throw error;
    const { reason, category } = fsReason(error);
    throw new OutputFileError(path, reason, { category, cause: error });
  }
}

/** Appends text (the $GITHUB_ENV and $GITHUB_STEP_SUMMARY protocols are append-only); `name` says where the path came from. */
export function appendToFile(path: string, text: string, name: string): void {
  try {
    checkReader(path);
    appendFileSync(path, text);
  } catch (error) {
    const { reason, category } = fsReason(error);
    throw new OutputFileError(path, `${reason} (${name})`, {
      category,
      hint: errorCode(error) === 'ENOENT' ? `point ${name} at a file in a folder that exists` : `point ${name} at a file you can write to`,
      cause: error,
    });
  }
}
