import { formatTime } from '@frozen-duckdb/core';
import type { Diagnosis } from '../diagnose/diagnose.js';
import { contributorText, diffTreeLines, functionText, javascriptLeads, keyQuery, queryChangeText, sidesText } from './diagnosis-words.js';

/** Pipes and backticks would break a table cell or a code span. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/`/g, "'");

/** A collapsed section per diagnosed benchmark, for a pull-request comment; nothing when there is none. */
export function diagnosisMarkdown(diagnoses: readonly Diagnosis[] | undefined): string[] {
  const lines: string[] = [];
  for (const d of diagnoses ?? []) {
    lines.push('<details>', `<summary>Why ${cell(d.id)} ${d.reason === 'regressed' ? 'is slower' : 'differs'}</summary>`, '');
    if (d.error || !d.base || !d.candidate || !d.plan || !d.cpu) {
      lines.push(`No diagnosis: ${cell(d.error ?? 'no profile')}.`, '', '</details>', '');
      continue;
    }
    lines.push(`Each side ran the benchmark once more under DuckDB's profiler: ${sidesText(d.base, d.candidate)}.`, '');
    if (d.plan.top.length) {
      lines.push('Operators that added the most time:', '');
      d.plan.top.forEach((c, i) => lines.push(`${i + 1}. \`${cell(contributorText(c))}\``));
      lines.push('');
    }
    const query = keyQuery(d.plan);
    if (query) {
      lines.push(...queryChangeText(query).map((l) => `- ${cell(l)}`), '');
      lines.push('```', ...diffTreeLines(query), '```', '');
    }
    if (javascriptLeads(d) && d.cpu.slower.length) {
      lines.push(`JavaScript, own time per call (${formatTime(d.cpu.baseMs)} -> ${formatTime(d.cpu.candidateMs)} sampled):`, '');
      lines.push(...d.cpu.slower.map((f) => `- \`${cell(functionText(f))}\``), '');
    }
    lines.push('</details>', '');
  }
  return lines;
}
