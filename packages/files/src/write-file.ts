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

/**
 * Writes into a pipe or device in place. A FIFO nobody reads fails at once (ENXIO from a non-blocking
 * open) instead of waiting for a reader for ever; that probe stays open until the data is written, since
 * closing it first would show the reader an end of file and let it go before the data comes.
 */
function writeInPlace(path: string, data: string | Uint8Array, flag: 'w' | 'a'): void {
  const probe = statSync(path).isFIFO() ? openSync(path, constants.O_WRONLY | constants.O_NONBLOCK) : undefined;
  try {
    if (flag === 'a') appendFileSync(path, data);
    else writeFileSync(path, data);
  } finally {
    if (probe !== undefined) closeSync(probe);
  }
}

/**
 * Writes a file whole or not at all: a temporary file in the same folder, flushed, then renamed over
 * the old one (which keeps its permissions). A pipe or device (/dev/stdout, a FIFO) is written in
 * place, and a symbolic link keeps pointing at the file it names.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: { mode?: number } = {}): void {
  if (isStream(path)) {
    try {
      writeInPlace(path, data, 'w');
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
    if (isStream(path)) writeInPlace(path, text, 'a');
    else appendFileSync(path, text);
  } catch (error) {
    const { reason, category } = fsReason(error);
    throw new OutputFileError(path, `${reason} (${name})`, {
      category,
      hint: errorCode(error) === 'ENOENT' ? `point ${name} at a file in a folder that exists` : `point ${name} at a file you can write to`,
      cause: error,
    });
  }
}
