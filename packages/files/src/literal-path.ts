import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { onCleanup } from './cleanup.js';
import { InputFileError } from './errors.js';

// DuckDB's file readers (read_csv, read_parquet, read_json, COPY ... FROM) expand these as a glob: *, ?, [...].
const GLOB_CHARACTERS = /[*?[]/;

/** Whether DuckDB would take `path` as a pattern rather than one file's name. */
export function isGlobPattern(path: string): boolean {
  return GLOB_CHARACTERS.test(path);
}

let linkFolder: string | undefined;
const links = new Map<string, string>();

/**
 * A plain name for `path` (a symbolic link in a temporary folder, removed when the process ends), for a
 * path no pattern can name: DuckDB's glob takes a backslash as a separator, so `a\b*` cannot be escaped.
 */
function plainLink(path: string): string {
  const known = links.get(path);
  if (known) return known;
  if (!linkFolder) {
    const folder = mkdtempSync(join(tmpdir(), 'frozen-duckdb-paths-'));
    const remove = () => rmSync(folder, { recursive: true, force: true });
    onCleanup(remove);
    process.once('exit', remove);
    linkFolder = folder;
  }
  // The extensions stay: DuckDB tells compression (.gz, .zst) by them.
  const link = join(linkFolder, `${links.size}-${basename(path).replace(/[*?[\]\\]/g, '_')}`);
  symlinkSync(path, link);
  links.set(path, link);
  return link;
}

/**
 * The path as a DuckDB reader must be given it to read exactly that file or folder: each glob character
 * as a one-character class (`*` -> `[*]`, `[` -> `[[]`), or, where a backslash keeps that from working,
 * a plain-named link to it. Quote the result with quoteLiteral.
 */
export function literalReaderPath(path: string): string {
  if (!isGlobPattern(path)) return path;
  const target = path.includes('\\') ? plainLink(path) : path;
  if (isGlobPattern(target) && target.includes('\\')) {
    throw new InputFileError(path, `${path} cannot be named to DuckDB: its temporary folder holds both a backslash and *, ? or [`, {
      hint: 'set TMPDIR to a plain folder',
      category: 'environment',
    });
  }
  return target.replace(/[*?[]/g, (c) => `[${c}]`);
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
