import { InputFileError, readInput } from '@frozen-duckdb/files';
import { comparisonProblems, upgradeComparison, type ComparisonDocument } from './comparison-document.js';
import { ReportInputError } from './errors.js';

const MAKE_ONE = 'write one with `frozen-duckdb compare --base REF --json FILE`, then pass that FILE to --comparison';

/** Reads and checks a `frozen-duckdb compare --json` file (or a pipe); the error names the file and how to get a good one. */
export async function readComparison(path: string): Promise<ComparisonDocument> {
  let text: string;
  try {
    text = (await readInput(path, 'comparison file')).toString('utf8');
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    throw new ReportInputError(path, error.message, MAKE_ONE, error);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ReportInputError(path, `comparison file ${path} is not JSON: ${(error as Error).message.replace(/\s+/g, ' ').slice(0, 200)}`, MAKE_ONE, error);
  }
  const problems = comparisonProblems(value);
  if (problems.length) {
    const shown = problems.slice(0, 5).join('; ') + (problems.length > 5 ? `; and ${problems.length - 5} more` : '');
    throw new ReportInputError(path, `${path} is not a frozen-duckdb comparison: ${shown}`, MAKE_ONE);
  }
  return upgradeComparison(value as ComparisonDocument);
}
