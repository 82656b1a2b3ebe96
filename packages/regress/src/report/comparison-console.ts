import chalk from 'chalk';
import type { CompareResult } from '../ab/compare.js';
import { gateOutcome } from '../ab/outcome.js';
import { duration, percent } from './format.js';
import { contentionLine } from './verdict-words.js';

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
    duration(b.baseMs),
    duration(b.candidateMs),
    percent(b.estimate?.ratio),
    b.estimate ? `${percent(b.estimate.low)}..${percent(b.estimate.high)}` : '-',
    `${(b.threshold * 100).toFixed(0)}%`,
    (COLOR[b.status] ?? String)(b.status),
  ]);
  for (const b of result.added) rows.push([b.id, '-', '', '', '', '', COLOR.new!('new')]);
  for (const b of result.removed) rows.push([b.id, '', '-', '', '', '', COLOR.missing!('missing')]);
  if (result.suite) {
    const e = result.suite.estimate;
    rows.push(['geometric mean', '', '', percent(e.ratio), `${percent(e.low)}..${percent(e.high)}`, '', (COLOR[result.suite.verdict.decision] ?? String)(result.suite.verdict.decision)]);
  }
  const header = ['benchmark', 'base', 'candidate', 'change', '95% interval', 'limit', 'verdict'];
  const visible = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '').length;
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => visible(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - visible(c))).join('  ').trimEnd();
  const { outcome, summary } = gateOutcome(result);
  const colour = outcome === 'pass' ? chalk.green : outcome === 'fail' ? chalk.red.bold : chalk.yellow;
  return [
    `base ${result.baseCommit.slice(0, 12)} vs candidate ${result.candidateCommit.slice(0, 12)}${result.candidateDirty ? ' + uncommitted changes' : ''}: ${result.blocks} process pair(s), ${(result.elapsedMs / 1000).toFixed(1)} s`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    ...(contentionLine(result.contention) ? [chalk.yellow(contentionLine(result.contention))] : []),
    colour(summary),
    '',
  ].join('\n');
}
