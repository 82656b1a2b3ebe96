import { dirname } from 'node:path';
import { makeFolders, writeFileAtomic } from '@frozen-duckdb/files';

/** Writes the page whole or not at all (temp file in the same folder, then rename), making its folder; a failure leaves no folder it made. */
export function writeReport(path: string, page: string): void {
  const undoFolder = makeFolders(dirname(path));
  try {
    writeFileAtomic(path, page);
  } catch (error) {
    undoFolder();
    throw error;
  }
}
