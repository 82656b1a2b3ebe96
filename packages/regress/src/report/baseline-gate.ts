import chalk from 'chalk';
import type { BaselineGate } from '../gate/against-baseline.js';
import { formatChange, formatCount, formatPercent } from '@frozen-duckdb/core';
import { diagnosisConsole } from './diagnosis-console.js';
import { diagnosisMarkdown } from './diagnosis-markdown.js';
import { instructionChange } from './instruction-words.js';

const COLOR: Record<string, (s: string) => string> = {
  ok: chalk.green,
  faster: chalk.cyan,
  regressed: chalk.red.bold,
  inconclusive: chalk.yellow,
  new: chalk.blue,
  missing: chalk.magenta,
  failed: chalk.red,
  fewer: chalk.cyan,
  unrecorded: chalk.blue,
};

function change(row: BaselineGate['rows'][number]): string {
  const e = row.confirmed?.estimate;
  if (e) return `${formatChange(e.ratio)} [${formatChange(e.low)}, ${formatChange(e.high)}] side by side`;
  return row.ratio === undefined ? '-' : `${formatChange(row.ratio)} vs baseline`;
}

type CountRow = NonNullable<BaselineGate['counts']>['rows'][number];

function countChange(row: CountRow): string {
  if (row.ratio === undefined) return row.current === undefined ? '-' : `${formatCount(Math.round(row.current))} per call`;
  const counts = `${formatCount(Math.round(row.baseline ?? 0))} -> ${formatCount(Math.round(row.current ?? 0))}`;
  return `${instructionChange(row.ratio)} (${counts}) ${row.sideBySide ? 'side by side' : 'vs baseline'}`;
}

/** What the instruction counts were judged against; undefined when the run did not count. */
function countsHeadline(gate: BaselineGate): string | undefined {
  const counts = gate.counts;
  if (!counts) return undefined;
  if (counts.screening.recorded === 0)
    return 'instructions: the baseline has no counts, so they are shown, not gated (record them: `baseline record --measure instructions`)';
  const counted = counts.rows.filter((r) => r.current !== undefined).length;
  return `instructions: ${counted} benchmarks counted, ${counts.screening.recorded} in the baseline, limit ${formatPercent(counts.screening.threshold)}${gate.screening.sameMachine ? '' : " (the baseline's counts are from another machine: suspects are counted again side by side)"}`;
}

/** Which shift was divided out of which ratios, and how many sentinels checked them. */
export function shifts(screening: BaselineGate['screening']): string {
  const own = Object.entries(screening.suites).filter(([, s]) => s.scope === 'suite');
  const bySuite = own.map(([name, s]) => `${name} x${s.shift.toFixed(2)}`).join(', ');
  const rest = Object.values(screening.suites).some((s) => s.scope === 'run');
  const parts = [
    own.length ? `each suite's shift divided out of its ratios (${bySuite})` : '',
    rest || !own.length ? `the run's x${screening.normalization.toFixed(2)} for ${own.length ? 'suites of fewer than 4 benchmarks' : 'every ratio'}` : '',
  ].filter(Boolean);
  const sentinels = screening.sentinels.length ? `; ${screening.sentinels.length} typical benchmarks of slower suites checked side by side` : '';
  return `${parts.join('; ')}${sentinels}`;
}

/** The baseline gate as terminal lines: one per benchmark that is not plainly ok, then the verdict. */
export function baselineGateConsole(gate: BaselineGate): string {
  const lines = [`baseline: ${gate.screening.sameMachine ? 'same machine' : 'another machine'}; ${shifts(gate.screening)}`];
  for (const row of gate.rows) {
    if (row.status === 'ok' && row.screened === 'ok') continue;
    lines.push(`  ${(COLOR[row.status] ?? String)(row.status.padEnd(12))} ${row.id}: ${change(row)}; ${row.reason}`);
  }
  const headline = countsHeadline(gate);
  if (headline) lines.push(headline);
  for (const row of gate.counts?.rows ?? []) {
    if (row.status === 'ok' && row.screened === 'ok') continue;
    if (gate.counts?.screening.recorded === 0 && row.status === 'unrecorded') continue;
    lines.push(`  ${(COLOR[row.status] ?? String)(row.status.padEnd(12))} ${row.id}: instructions ${countChange(row)}; ${row.reason}`);
  }
  const colour = gate.outcome === 'pass' ? chalk.green : gate.outcome === 'fail' ? chalk.red.bold : chalk.yellow;
  lines.push(colour(gate.summary), ...diagnosisConsole(gate.confirmation?.diagnoses), '');
  return lines.join('\n');
}

/** The baseline gate as Markdown (PR comment, $GITHUB_STEP_SUMMARY). */
export function baselineGateMarkdown(gate: BaselineGate): string {
  const lines = [
    `### Benchmarks against the baseline: ${gate.outcome}`,
    '',
    `Baseline from ${gate.screening.sameMachine ? 'the same kind of machine' : 'another kind of machine'}: ${shifts(gate.screening)}.`,
    '',
    '| benchmark | change | verdict | why |',
    '|---|---|---|---|',
    ...gate.rows.map((r) => `| ${r.id} | ${change(r)} | ${r.status === 'regressed' ? '**regressed**' : r.status} | ${r.reason} |`),
    '',
    ...countsMarkdown(gate),
    gate.summary,
    '',
    ...diagnosisMarkdown(gate.confirmation?.diagnoses),
  ];
  return lines.join('\n');
}

/** The instruction counts' table for Markdown: every benchmark with a count or a reason. */
function countsMarkdown(gate: BaselineGate): string[] {
  const headline = countsHeadline(gate);
  if (!headline || !gate.counts) return [];
  return [
    headline.replace(/^instructions: /, 'Instruction counts: '),
    '',
    '| benchmark | instructions | verdict | why |',
    '|---|---|---|---|',
    ...gate.counts.rows.map((r) => `| ${r.id} | ${countChange(r)} | ${r.status === 'regressed' ? '**regressed**' : r.status} | ${r.reason} |`),
    '',
  ];
}
