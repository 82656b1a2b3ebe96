import { FrozenDuckDBError } from '@frozen-duckdb/core/errors';

type Category = 'usage' | 'environment';

/** A file or folder the user named that cannot be used as asked: which one, why, and what to do instead. */
export class FileArgumentError extends FrozenDuckDBError {
  readonly path: string;

  constructor(path: string, message: string, options: { hint: string; category?: Category; cause?: unknown }) {
    super(message, { category: options.category ?? 'usage', hint: options.hint, ...(options.cause === undefined ? {} : { cause: options.cause }) });
    this.path = path;
  }
}

/** An output that cannot be written where it was asked: a folder, a missing folder, a read-only place, a full disk. */
export class OutputFileError extends FileArgumentError {
  constructor(path: string, reason: string, options: { hint?: string; category?: Category; cause?: unknown } = {}) {
    const category = options.category ?? 'environment';
    super(path, `cannot write ${path}: ${reason}`, {
      category,
      hint: options.hint ?? (category === 'usage' ? 'pass a file path in a folder that exists' : 'free some space or choose a folder you can write to'),
      ...(options.cause === undefined ? {} : { cause: options.cause }),
    });
  }
}

/** Outputs that exist already, for a command whose --force replaces them. */
export class OutputExistsError extends FileArgumentError {
  readonly paths: string[];

  constructor(paths: string[]) {
    const shown = paths.slice(0, 3).join(', ') + (paths.length > 3 ? ` and ${paths.length - 3} more` : '');
    super(paths[0] ?? '', `output exists already: ${shown}`, { hint: 'pass --force to replace it, or choose another output' });
    this.paths = paths;
  }
}

/** An output that is one of the command's inputs, or another of its outputs: writing it would lose data. */
export class OutputAliasError extends FileArgumentError {}

/** An input that cannot be read as given: missing, a folder, a device, a pipe that gave nothing, a pattern. */
export class InputFileError extends FileArgumentError {}

/** Another live process holds the lock on a file this one writes. */
export class LockedError extends FileArgumentError {
  constructor(path: string, holder: string) {
    super(path, `${path} is being written by another process (${holder})`, {
      hint: `wait for it to finish; if no such process runs any more, delete ${path}.lock`,
    });
  }
}
