import { InputFileError } from './errors.js';

// DuckDB's file readers (read_csv, read_parquet, read_json, COPY ... FROM) expand these as a glob: *, ?, [...].
const GLOB_CHARACTERS = /[*?[]/;

/** Whether DuckDB would take `path` as a pattern rather than one file's name. */
export function isGlobPattern(path: string): boolean {
  return GLOB_CHARACTERS.test(path);
}

/**
 * The path as a DuckDB reader must be given it to read exactly that file or folder: each glob character
 * as a one-character class (`*` -> `[*]`, `[` -> `[[]`). Quote the result with quoteLiteral.
 */
export function literalReaderPath(path: string): string {
  return path.replace(/[*?[]/g, (c) => `[${c}]`);
}

/**
 * The path a reader gets for a user's argument: the pattern itself when the command was asked to
 * expand it (`--glob`), else the literal path. A name that does not exist but looks like a pattern
 * is refused with the flag that would expand it, instead of being read as one.
 */
export function readerPath(path: string, options: { glob?: boolean; exists: boolean; name: string; globFlag?: string }): string {
  if (options.glob) return path;
  if (!options.exists && isGlobPattern(path)) {
    throw new InputFileError(path, `${options.name} ${path} does not exist (it looks like a pattern, and patterns are not expanded)`, {
      hint: options.globFlag ? `pass ${options.globFlag} to read every file it matches, or name one file` : 'name one existing file or folder',
    });
  }
  return literalReaderPath(path);
}
