import { formatBytes } from '@frozen-duckdb/core';
import type { BenchResults } from '../results.js';
import { INSTRUCTIONS_CAVEAT } from '../instructions/callgrind.js';
import { formatNote, TABLE_COLUMNS, tableCells } from './rows.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A Markdown report (--markdown): one table per suite with its notes, under the machine and settings. */
export function markdownReport(results: BenchResults): string {
  const f = results.fingerprint;
  const s = results.settings;
  const lines = [
    '## Benchmark results',
    '',
    `${f.cpuModel} (${f.cores} cores, ${formatBytes(f.memoryBytes)}), ${f.os.platform} ${f.os.release} ${f.os.arch}, Node ${f.node}, DuckDB ${f.duckdb ?? 'unknown'}` +
      `${f.git ? `, commit ${f.git.commit.slice(0, 12)}${f.git.dirty ? ' (dirty)' : ''}` : ''}.`,
    `Profile ${s.profile}, ${s.processes} process(es), ${s.sampling.rounds} rounds each; DuckDB ${Object.entries(s.duckdb)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}.`,
    '',
  ];
  for (const suite of results.suites) {
    const rows = results.benchmarks.filter((b) => b.suite === suite.name);
    lines.push(`### ${suite.name}`, '');
    if (suite.error) lines.push(`**${cell(suite.error.split('\n')[0] ?? '')}**`, '');
    if (suite.skipped) {
      lines.push(`*Skipped (${suite.skipped.benchmarks.length} benchmarks): ${cell(suite.skipped.reason.split('\n')[0] ?? '')}*`, '');
      continue;
    }
    lines.push(
      `| ${TABLE_COLUMNS.join(' | ')} |`,
      `|${TABLE_COLUMNS.map((_, i) => (i === 0 || i === TABLE_COLUMNS.length - 1 ? ' --- ' : ' ---: ')).join('|')}|`,
    );
    for (const r of rows) lines.push(`| ${tableCells(r).map(cell).join(' | ')} |`);
    if (suite.notes.length) lines.push('', suite.notes.map((n) => `${n.label}: ${formatNote(n.value, n.unit)}`).join('; '));
    lines.push('');
  }
  if (results.benchmarks.some((r) => r.instructions)) lines.push(`*${INSTRUCTIONS_CAVEAT}*`, '');
  return `${lines.join('\n')}`;
}
