import { existsSync, readFileSync, statSync } from 'node:fs';
import { comparisonProblems, upgradeComparison, type ComparisonDocument } from './comparison-document.js';
import { ReportInputError } from './errors.js';

const MAKE_ONE = 'write one with `frozen-duckdb compare --base REF --json FILE`, then pass that FILE to --comparison';

/** Reads and checks a `frozen-duckdb compare --json` file; the error names the file and how to get a good one. */
export function readComparison(path: string): ComparisonDocument {
  if (!existsSync(path)) throw new ReportInputError(path, `comparison file ${path} does not exist`, MAKE_ONE);
  if (statSync(path).isDirectory()) throw new ReportInputError(path, `comparison file ${path} is a folder`, MAKE_ONE);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ReportInputError(path, `comparison file ${path} is not JSON: ${(error as Error).message}`, MAKE_ONE, error);
  }
  const problems = comparisonProblems(value);
  if (problems.length) {
    const shown = problems.slice(0, 5).join('; ') + (problems.length > 5 ? `; and ${problems.length - 5} more` : '');
    throw new ReportInputError(path, `${path} is not a frozen-duckdb comparison: ${shown}`, MAKE_ONE);
  }
  return upgradeComparison(value as ComparisonDocument);
}
