import chalk from 'chalk';
import type { BaselineGate } from '../gate/against-baseline.js';
import { formatChange } from '@frozen-duckdb/core';
import { diagnosisConsole } from './diagnosis-console.js';
import { diagnosisMarkdown } from './diagnosis-markdown.js';

const COLOR: Record<string, (s: string) => string> = {
  ok: chalk.green,
  faster: chalk.cyan,
  regressed: chalk.red.bold,
  inconclusive: chalk.yellow,
  new: chalk.blue,
  missing: chalk.magenta,
  failed: chalk.red,
};

function change(row: BaselineGate['rows'][number]): string {
  const e = row.confirmed?.estimate;
  if (e) return `${formatChange(e.ratio)} [${formatChange(e.low)}, ${formatChange(e.high)}] side by side`;
  return row.ratio === undefined ? '-' : `${formatChange(row.ratio)} vs baseline`;
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
    gate.summary,
    '',
    ...diagnosisMarkdown(gate.confirmation?.diagnoses),
  ];
  return lines.join('\n');
}
