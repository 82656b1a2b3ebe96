import type { CompareResult } from '../ab/compare.js';
import { gateOutcome } from '../ab/outcome.js';
import { formatChange, formatPercent, formatTime } from '@frozen-duckdb/core';
import { contentionLine } from './verdict-words.js';
import { diagnosisMarkdown } from './diagnosis-markdown.js';
import { INSTRUCTION_HEADER, instructionNotes, instructionRows } from './instruction-words.js';

const ICON: Record<string, string> = {
  ok: 'ok',
  faster: 'faster',
  regressed: '**regressed**',
  inconclusive: 'inconclusive',
  error: 'error',
  skipped: 'skipped',
};

/** A comparison as Markdown, for a pull-request comment or $GITHUB_STEP_SUMMARY. */
export function comparisonMarkdown(result: CompareResult): string {
  const { outcome, summary } = gateOutcome(result);
  const lines = [
    `### Benchmarks: ${outcome === 'pass' ? 'pass' : outcome === 'fail' ? 'regression' : 'inconclusive'}`,
    '',
    `Base \`${result.baseCommit.slice(0, 12)}\`, candidate \`${result.candidateCommit.slice(0, 12)}\`${result.candidateDirty ? ' (with uncommitted changes)' : ''}, measured side by side in ${result.blocks} pair(s) of fresh processes, ${(result.elapsedMs / 1000).toFixed(0)} s.`,
    '',
    '| benchmark | base | candidate | change | 95% interval | threshold | verdict |',
    '|---|---:|---:|---:|---|---:|---|',
  ];
  for (const b of result.benchmarks) {
    const interval = b.estimate ? `${formatChange(b.estimate.low)} to ${formatChange(b.estimate.high)}` : '-';
    lines.push(
      `| ${b.id} | ${formatTime(b.baseMs)} | ${formatTime(b.candidateMs)} | ${formatChange(b.estimate?.ratio)} | ${interval} | ${formatPercent(b.threshold)} | ${ICON[b.status] ?? b.status} |`,
    );
  }
  for (const b of result.added) lines.push(`| ${b.id} | - | new | - | - | - | new |`);
  for (const b of result.removed) lines.push(`| ${b.id} | removed | - | - | - | - | missing |`);
  if (result.suite) {
    const e = result.suite.estimate;
    lines.push(
      `| *geometric mean* | | | ${formatChange(e.ratio)} | ${formatChange(e.low)} to ${formatChange(e.high)} | | ${ICON[result.suite.verdict.decision] ?? result.suite.verdict.decision} |`,
    );
  }
  if (result.instructions) {
    lines.push('', `| ${INSTRUCTION_HEADER.join(' | ')} |`, '|---|---:|---:|---:|---:|---|');
    for (const row of instructionRows(result.instructions)) lines.push(`| ${row.join(' | ')} |`);
    lines.push('', ...instructionNotes(result.instructions));
  }
  const contention = contentionLine(result.contention);
  lines.push('', ...(contention ? [`${contention[0]?.toUpperCase()}${contention.slice(1)}.`, ''] : []), summary, '', ...diagnosisMarkdown(result.diagnoses));
  return lines.join('\n');
}
