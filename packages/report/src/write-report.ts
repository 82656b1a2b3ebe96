import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '@frozen-duckdb/bench';
import { ReportInputError } from './errors.js';

/** Writes the page whole or not at all (temp file in the same folder, then rename), creating the folder. */
export function writeReport(path: string, page: string): void {
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new ReportInputError(path, `--html ${path} is a folder`, 'pass a file name, e.g. --html reports/bench.html');
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, page);
}
