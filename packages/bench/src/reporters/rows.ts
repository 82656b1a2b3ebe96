import type { BenchmarkResult } from '../results.js';
import { isCounted, type InstructionResult } from '../instructions/count-suite.js';
import { formatBytes, formatCount, formatPercent, formatRatio, formatTime } from '@frozen-duckdb/core';

/** The columns the console and Markdown tables share, as plain text. */
export const TABLE_COLUMNS = ['benchmark', 'median', '± IQR', 'min … max', 'vs best', 'cpu/iter', 'peak RSS', 'DuckDB mem', 'n', 'notes'] as const;

/** One result as table cells (text only; the console reporter colours them). */
export function tableCells(r: BenchmarkResult): string[] {
  if (r.status !== 'ok' || !r.wall) {
    return [r.name, r.status.toUpperCase(), '', '', '', '', '', '', '', (r.error ?? '').split('\n')[0] ?? ''];
  }
  const w = r.wall;
  const iqr = w.median > 0 ? `±${formatPercent((w.p75 - w.p25) / 2 / w.median, 1)}` : '';
  const vs = r.vsBest !== undefined ? formatRatio(r.vsBest) : r.targetMs !== undefined ? `${formatRatio(w.median / r.targetMs)} target` : '';
  const notes: string[] = [...r.warnings];
  if (r.processSpread !== undefined) notes.unshift(`processes ${formatRatio(r.processSpread)} apart`);
  if (r.targetMs !== undefined) notes.push(w.median <= r.targetMs ? `meets ${formatTime(r.targetMs)}` : `misses ${formatTime(r.targetMs)}`);
  if (r.instructions) notes.push(instructionNote(r.instructions));
  return [
    r.name,
    formatTime(w.median),
    iqr,
    `${formatTime(w.min)} … ${formatTime(w.max)}`,
    vs,
    r.cpuMs !== undefined ? formatTime(r.cpuMs) : '',
    r.peakRssBytes !== undefined ? formatBytes(r.peakRssBytes) : '',
    r.duckdbBytes !== undefined ? formatBytes(r.duckdbBytes) : '',
    String(r.iterations ?? w.n),
    notes.join(', '),
  ];
}

/** A benchmark's instruction count (`--measure instructions`) in the notes column, or why it has none. */
export function instructionNote(result: InstructionResult): string {
  if (isCounted(result)) return `${formatCount(Math.round(result.perIteration))} instructions/call in DuckDB`;
  return 'uncounted' in result ? `instructions not counted: ${result.uncounted}` : `instructions failed: ${result.error}`;
}

/** A suite note's value, scaled when its unit is bytes or ms. */
export function formatNote(value: number, unit: string): string {
  if (unit === 'bytes') return formatBytes(value);
  if (unit === 'ms') return formatTime(value);
  return `${formatCount(value)}${unit ? ` ${unit}` : ''}`;
}
