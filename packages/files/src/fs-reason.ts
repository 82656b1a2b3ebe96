import { OutputFileError } from './errors.js';

/** What a failed file operation means to the user, and whose problem it is (usage: the path; environment: the machine). */
export interface FsReason {
  reason: string;
  category: 'usage' | 'environment';
}

/** The error code of a Node fs error (or DuckDB's text for the same faults); undefined for anything else. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string') return code;
  const message = error instanceof Error ? error.message : String(error);
  if (/No space left on device/i.test(message)) return 'ENOSPC';
  if (/Disk quota exceeded/i.test(message)) return 'EDQUOT';
  if (/Read-only file system/i.test(message)) return 'EROFS';
  if (/Is a directory/i.test(message)) return 'EISDIR';
  if (/Permission denied/i.test(message)) return 'EACCES';
  return undefined;
}

/** Words for a failed write, read or create: the errno as a sentence a user can act on. */
export function fsReason(error: unknown): FsReason {
  switch (errorCode(error)) {
    case 'ENOENT':
      return { reason: 'its folder does not exist', category: 'usage' };
    case 'ENOTDIR':
      return { reason: 'a part of its path is a file, not a folder', category: 'usage' };
    case 'EISDIR':
      return { reason: 'it is a folder', category: 'usage' };
    case 'EEXIST':
      return { reason: 'a part of its path is a file, not a folder', category: 'usage' };
    case 'ENAMETOOLONG':
      return { reason: 'the name is too long', category: 'usage' };
    case 'ELOOP':
      return { reason: 'its path has a loop of symbolic links', category: 'usage' };
    case 'ENOSPC':
      return { reason: 'the disk is full', category: 'environment' };
    case 'EDQUOT':
      return { reason: 'the disk quota is used up', category: 'environment' };
    case 'EROFS':
      return { reason: 'the file system is read-only', category: 'environment' };
    case 'EACCES':
    case 'EPERM':
      return { reason: 'permission denied', category: 'environment' };
    case 'ENXIO':
      return { reason: 'it is a pipe that nobody reads', category: 'usage' };
    case 'EMFILE':
    case 'ENFILE':
      return { reason: 'too many open files', category: 'environment' };
    default:
      return { reason: error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error), category: 'environment' };
  }
}

const OUTPUT_FAULTS = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR']);

/**
 * A write that failed for a reason of the place written to (a full disk, a read-only file system,
 * permissions, a folder in the way), from Node's error or DuckDB's text, as the error naming `path`;
 * undefined for any other error (a bug, bad input).
 */
export function outputFault(error: unknown, path: string): OutputFileError | undefined {
  if (error instanceof OutputFileError) return error;
  const code = errorCode(error);
  if (code === undefined || !OUTPUT_FAULTS.has(code)) return undefined;
  const { reason, category } = fsReason(error);
  return new OutputFileError(path, reason, {
    category,
    hint: code === 'ENOSPC' || code === 'EDQUOT' ? 'free some space (what was written so far was removed), or write somewhere else' : undefined,
    cause: error,
  });
}
