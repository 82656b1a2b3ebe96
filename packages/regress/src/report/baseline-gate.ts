import chalk from 'chalk';
import type { BaselineGate } from '../gate/against-baseline.js';
import { formatChange } from '@frozen-duckdb/core';

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

/** The baseline gate as terminal lines: one per benchmark that is not plainly ok, then the verdict. */
export function baselineGateConsole(gate: BaselineGate): string {
  const lines = [
    `baseline: ${gate.screening.sameMachine ? 'same machine' : 'another machine'}; this run x${gate.screening.normalization.toFixed(2)} overall, divided out of each ratio` +
      (gate.screening.sentinels.length ? `; ${gate.screening.sentinels.length} typical benchmarks checked side by side for that shift` : ''),
  ];
  for (const row of gate.rows) {
    if (row.status === 'ok' && row.screened === 'ok') continue;
    lines.push(`  ${(COLOR[row.status] ?? String)(row.status.padEnd(12))} ${row.id}: ${change(row)}; ${row.reason}`);
  }
  const colour = gate.outcome === 'pass' ? chalk.green : gate.outcome === 'fail' ? chalk.red.bold : chalk.yellow;
  lines.push(colour(gate.summary), '');
  return lines.join('\n');
}

/** The baseline gate as Markdown (PR comment, $GITHUB_STEP_SUMMARY). */
export function baselineGateMarkdown(gate: BaselineGate): string {
  const lines = [
    `### Benchmarks against the baseline: ${gate.outcome}`,
    '',
    '| benchmark | change | verdict | why |',
    '|---|---|---|---|',
    ...gate.rows.map((r) => `| ${r.id} | ${change(r)} | ${r.status === 'regressed' ? '**regressed**' : r.status} | ${r.reason} |`),
    '',
    gate.summary,
    '',
  ];
  return lines.join('\n');
}
