import chalk from 'chalk';
import type { CompareResult } from '../ab/compare.js';
import { gateOutcome } from '../ab/outcome.js';
import { textTable } from '@frozen-duckdb/bench';
import { formatChange, formatPercent, formatTime } from '@frozen-duckdb/core';
import { contentionLine } from './verdict-words.js';
import { diagnosisConsole } from './diagnosis-console.js';
import { INSTRUCTION_HEADER, instructionNotes, instructionRows } from './instruction-words.js';

const COLOR: Record<string, (s: string) => string> = {
  ok: chalk.green,
  faster: chalk.cyan,
  regressed: chalk.red.bold,
  inconclusive: chalk.yellow,
  error: chalk.red,
  new: chalk.blue,
  missing: chalk.magenta,
  skipped: chalk.dim,
};

/** A comparison as a terminal table. */
export function comparisonConsole(result: CompareResult): string {
  const rows: string[][] = result.benchmarks.map((b) => [
    b.id,
    formatTime(b.baseMs),
    formatTime(b.candidateMs),
    formatChange(b.estimate?.ratio),
    b.estimate ? `${formatChange(b.estimate.low)}..${formatChange(b.estimate.high)}` : '-',
    formatPercent(b.threshold),
    (COLOR[b.status] ?? String)(b.status),
  ]);
  for (const b of result.added) rows.push([b.id, '-', '', '', '', '', COLOR.new!('new')]);
  for (const b of result.removed) rows.push([b.id, '', '-', '', '', '', COLOR.missing!('missing')]);
  if (result.suite) {
    const e = result.suite.estimate;
    rows.push([
      'geometric mean',
      '',
      '',
      formatChange(e.ratio),
      `${formatChange(e.low)}..${formatChange(e.high)}`,
      '',
      (COLOR[result.suite.verdict.decision] ?? String)(result.suite.verdict.decision),
    ]);
  }
  const header = ['benchmark', 'base', 'candidate', 'change', '95% interval', 'limit', 'verdict'];
  const { outcome, summary } = gateOutcome(result);
  const colour = outcome === 'pass' ? chalk.green : outcome === 'fail' ? chalk.red.bold : chalk.yellow;
  return [
    `base ${result.baseCommit.slice(0, 12)} vs candidate ${result.candidateCommit.slice(0, 12)}${result.candidateDirty ? ' + uncommitted changes' : ''}: ${result.blocks} process pair(s), ${(result.elapsedMs / 1000).toFixed(1)} s`,
    ...textTable(rows, { header, rule: true }),
    '',
    ...(contentionLine(result.contention) ? [chalk.yellow(contentionLine(result.contention))] : []),
    ...(result.instructions
      ? [
          ...textTable(
            instructionRows(result.instructions).map((row) => [...row.slice(0, 5), (COLOR[row[5]?.split(':')[0] ?? ''] ?? String)(row[5] ?? '')]),
            { header: INSTRUCTION_HEADER, rule: true },
          ),
          ...instructionNotes(result.instructions).map((line) => chalk.dim(line)),
          '',
        ]
      : []),
    colour(summary),
    ...diagnosisConsole(result.diagnoses),
    '',
  ].join('\n');
}
