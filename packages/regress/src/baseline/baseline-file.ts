import { existsSync, readFileSync } from 'node:fs';
import { BASELINE_FILE } from '@frozen-duckdb/bench';
import { pathKind, writeFileAtomic } from '@frozen-duckdb/files';
import { BaselineError } from '../errors.js';
import { baselineProblems, type Baseline } from './schema.js';

const RECORD = 'record a new one with `npx nx run benchmarks:bench-record` (or `frozen-duckdb baseline record`)';

/** Reads and validates a baseline; undefined when the file does not exist. Never modifies it. */
export function readBaseline(path: string): Baseline | undefined {
  if (!existsSync(path)) return undefined;
  // A folder or a pipe by that name would fail to read, or block: the baseline is a file.
  const kind = pathKind(path);
  if (kind !== 'file') throw new BaselineError(path, `is a ${kind}, not a file`, `move it away, then ${RECORD}`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new BaselineError(path, `cannot be read (${(error as Error).message})`, 'check its permissions');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BaselineError(
      path,
      text.trim() === '' ? 'is empty' : 'is not valid JSON (truncated or edited by hand?)',
      `restore it with \`git checkout -- ${BASELINE_FILE}\`, or ${RECORD}`,
    );
  }
  const problems = baselineProblems(parsed);
  if (problems.length > 0) {
    throw new BaselineError(path, `is not a frozen-duckdb baseline: ${problems.slice(0, 3).join('; ')}`, RECORD);
  }
  return parsed as Baseline;
}

/**
 * Writes a baseline atomically: a failure leaves the old file as it was. Callers that measure
 * first hold `withFileLock(path, ...)` around measuring and writing, so two recorders cannot race.
 */
export function writeBaseline(path: string, baseline: Baseline): void {
  const problems = baselineProblems(baseline);
  if (problems.length > 0) throw new Error(`internal: refusing to write an invalid baseline: ${problems.join('; ')}`);
  writeFileAtomic(path, `${JSON.stringify(baseline, null, 2)}\n`);
}
