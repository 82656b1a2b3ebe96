import { textTable } from '@frozen-duckdb/bench';
import { formatChange, formatTime } from '@frozen-duckdb/core';
import type { MachineSummary } from './history.js';
import type { TrendSeries } from './trends.js';

const short = (commit: string) => (/^[0-9a-f]{13,}$/.test(commit) ? commit.slice(0, 12) : commit);
const date = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** A machine in one line: hash, CPU, cores, OS, Node, DuckDB. */
export function machineLine(m: MachineSummary): string {
  return `${m.hash} (${m.cpuModel}, ${m.cores} cores, ${m.os}, node ${m.node}, DuckDB ${m.duckdb}; ${m.runs} run${m.runs === 1 ? '' : 's'}, last ${date(m.lastRun)})`;
}

/** Trends as text: per series the last `limit` points with their change, then its change points. */
export function trendsText(series: readonly TrendSeries[], limit: number): string {
  const out: string[] = [];
  for (const s of series) {
    const shown = s.points.slice(-limit);
    const from = s.points.length - shown.length;
    out.push(
      `${s.benchmarkId}  ${[s.profile, s.config].filter(Boolean).join(' ')}, ${s.points.length} run${s.points.length === 1 ? '' : 's'}${from ? ` (last ${shown.length} shown)` : ''}`,
    );
    const shifted = new Set(s.changePoints.map((c) => c.index));
    const rows = shown.map((p, i) => [
      `${short(p.commit)}${p.dirty ? '+dirty' : ''}`,
      date(p.createdAt),
      p.kind,
      formatTime(p.medianMs),
      p.change === null ? '' : formatChange(1 + p.change),
      shifted.has(from + i) ? '<- shift' : '',
    ]);
    out.push(...textTable(rows, { header: ['commit', 'date (UTC)', 'run', 'median', 'change', ''] }).map((line) => `  ${line}`));
    if (s.changePoints.length === 0) {
      out.push(`  no shift found${s.points.length < 6 ? ' (a shift needs a few runs on each side)' : ''}`);
    }
    for (const c of s.changePoints) {
      out.push(
        `  shift at ${short(c.commit)} (${date(c.createdAt)}, after ${short(c.previousCommit)}): ` +
          `${formatTime(c.before)} -> ${formatTime(c.after)} (${formatChange(c.ratio)}, p=${c.pValue.toFixed(3)})`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}
