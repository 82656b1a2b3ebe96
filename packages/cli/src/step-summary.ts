import chalk from 'chalk';
import { appendToFile, FileArgumentError } from '@frozen-duckdb/files';
import type { CommandContext } from './command.js';

/**
 * Appends a report to $GITHUB_STEP_SUMMARY when it is set. A summary that cannot be written is a
 * warning: the verdict (and the history record) stands.
 */
export function appendStepSummary(ctx: CommandContext, markdown: string): void {
  const path = ctx.env.GITHUB_STEP_SUMMARY;
  if (!path) return;
  try {
    appendToFile(path, markdown, '$GITHUB_STEP_SUMMARY');
  } catch (error) {
    if (!(error instanceof FileArgumentError)) throw error;
    ctx.stderr.write(`${chalk.yellow('warning:')} the step summary was not written: ${error.message}\n`);
  }
}
