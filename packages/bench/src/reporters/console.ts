import chalk from 'chalk';
import type { BenchResults, BenchmarkResult } from '../results.js';
import { formatBytes, formatTime } from '@frozen-duckdb/core';
import { extent } from '../statistics.js';
import { textTable, type Align } from '../table.js';
import { INSTRUCTIONS_CAVEAT } from '../instructions/callgrind.js';
import { formatNote, TABLE_COLUMNS, tableCells } from './rows.js';

function colour(r: BenchmarkResult, cells: string[]): string[] {
  if (r.status !== 'ok') return cells.map((c, i) => (i === 1 ? chalk.red.bold(c) : i === cells.length - 1 ? chalk.red(c) : c));
  return cells.map((c, i) => {
    if (i === 4 && r.vsBest !== undefined) return r.vsBest < 1.0001 ? chalk.green(c) : r.vsBest > 2 ? chalk.yellow(c) : c;
    if (i === cells.length - 1 && r.warnings.length) return chalk.yellow(c);
    return c;
  });
}

/** The console table: one block per suite, units scaled, spread shown, warning words for noisy or bimodal results. */
export function consoleReport(results: BenchResults): string {
  const rows = results.benchmarks.map((r) => {
    const cells = colour(r, tableCells(r));
    return [`  ${cells[0] ?? ''}`, ...cells.slice(1)];
  });
  // Names and notes read left to right; numbers line up on the right.
  const align = TABLE_COLUMNS.map((_, i): Align => (i === 0 || i === TABLE_COLUMNS.length - 1 ? 'left' : 'right'));
  const [headerLine, ...lines] = textTable(rows, { header: TABLE_COLUMNS.map((h) => chalk.bold(h)), align });
  const f = results.fingerprint;
  const s = results.settings;
  const out = [
    chalk.dim(
      `${f.cpuModel}, ${f.cores} cores, ${formatBytes(f.memoryBytes)}; Node ${f.node}; DuckDB ${f.duckdb ?? 'unknown'} ` +
        `(${Object.entries(s.duckdb)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')}); profile ${s.profile}, ${s.processes} process(es)` +
        `${f.git ? `; commit ${f.git.commit.slice(0, 12)}${f.git.dirty ? ' dirty' : ''}` : ''}`,
    ),
    headerLine ?? '',
  ];
  for (const suite of results.suites) {
    out.push(
      chalk.cyan.bold(suite.name) + chalk.dim(` ${suite.file}`) + (suite.setupMs.length ? chalk.dim(`, setup ${formatTime(extent(suite.setupMs).max)}`) : ''),
    );
    if (suite.error) out.push(chalk.red(`  ${suite.error.split('\n')[0]}`));
    if (suite.skipped) out.push(chalk.yellow(`  skipped (${suite.skipped.benchmarks.length} benchmarks): ${suite.skipped.reason.split('\n')[0]}`));
    results.benchmarks.forEach((r, i) => {
      if (r.suite === suite.name) out.push(lines[i] ?? '');
    });
    if (suite.notes.length) out.push(chalk.dim(`  ${suite.notes.map((n) => `${n.label}: ${formatNote(n.value, n.unit)}`).join('; ')}`));
  }
  const failed = results.benchmarks.filter((r) => r.status !== 'ok').length;
  const skipped = results.suites.filter((s) => s.skipped).length;
  out.push(
    `${results.benchmarks.length} benchmarks in ${formatTime(results.durationMs)}` +
      (failed ? chalk.red(`, ${failed} failed`) : '') +
      (skipped ? chalk.yellow(`, ${skipped} suite${skipped === 1 ? '' : 's'} skipped`) : '') +
      (results.benchmarks.some((r) => r.warnings.length)
        ? chalk.dim('; noisy = middle half of samples spans > 20% of the median, bimodal = two groups of samples')
        : ''),
  );
  if (results.benchmarks.some((r) => r.instructions)) out.push(chalk.dim(INSTRUCTIONS_CAVEAT));
  return `${out.join('\n')}\n`;
}
