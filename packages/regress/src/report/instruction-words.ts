import { formatCount, formatPercent } from '@frozen-duckdb/core';
import { INSTRUCTIONS_CAVEAT } from '@frozen-duckdb/bench';
import type { InstructionComparison, InstructionVerdict } from '../measures/instruction-verdict.js';

/** A count change with two decimals: identical runs differ by hundredths of a percent. */
export function instructionChange(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return '-';
  const change = (ratio - 1) * 100;
  return `${change >= 0 ? '+' : ''}${change.toFixed(2)}%`;
}

/** A regressed instruction verdict in the gate's summary line. */
export function instructionReason(v: InstructionVerdict): string {
  return `${v.id} (instructions ${instructionChange(v.ratio)}, past ${formatPercent(v.threshold)})`;
}

/** One table row per benchmark: id, base, candidate, change, limit, verdict (the reason when there is no count). */
export function instructionRows(comparison: InstructionComparison): string[][] {
  return comparison.verdicts.map((v) => [
    v.id,
    v.base === undefined ? '-' : formatCount(Math.round(v.base)),
    v.candidate === undefined ? '-' : formatCount(Math.round(v.candidate)),
    instructionChange(v.ratio),
    formatPercent(v.threshold),
    v.reason ? `${v.decision}: ${v.reason}` : v.decision,
  ]);
}

export const INSTRUCTION_HEADER = ['benchmark', 'base instr.', 'candidate instr.', 'change', 'limit', 'instructions'];

/** The lines under the instruction table: how it was counted and what it cannot see. */
export function instructionNotes(comparison: InstructionComparison): string[] {
  const uncounted = comparison.verdicts.filter((v) => v.decision === 'uncounted').length;
  return [
    `Instructions per call inside DuckDB's C API under callgrind (threads=1, ${comparison.iterations} counted calls per side after one warm-up)${uncounted ? `; ${uncounted} benchmark(s) not countable` : ''}.`,
    INSTRUCTIONS_CAVEAT,
  ];
}
