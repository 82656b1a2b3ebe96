/** A diagnosis in words: the sentences the console and Markdown share. Pure. */
import { formatCount, formatTime, treeLines } from '@frozen-duckdb/core';
import type { Diagnosis, SideProfile } from '../diagnose/diagnose.js';
import type { Contributor, DiffNode, PlanDiff, QueryDiff } from '../diagnose/plan-diff.js';
import type { FunctionDiff } from '../diagnose/cpu-diff.js';

const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

const rowsText = (base: number | undefined, candidate: number | undefined) =>
  base === undefined || candidate === undefined || base === candidate
    ? `${formatCount(candidate ?? base ?? 0)} rows`
    : `${formatCount(base)} -> ${formatCount(candidate)} rows`;

/** One operator that added time: `ORDER_BY (added): 3.90 ms, 30,000 rows`, `SEQ_SCAN t: 1 ms -> 2 ms (+1 ms), 10 -> 20 rows`. */
export function contributorText(c: Contributor): string {
  if (c.change === 'added') return `${c.label} (added): ${formatTime(c.candidateMs)}, ${rowsText(undefined, c.rows.candidate)}`;
  return `${c.label}: ${formatTime(c.baseMs)} -> ${formatTime(c.candidateMs)} (+${formatTime(c.candidateMs - c.baseMs)}), ${rowsText(c.rows.base, c.rows.candidate)}`;
}

/** How long each side's profiled call took and how much of it DuckDB's statements took. */
export function sidesText(base: SideProfile, candidate: SideProfile): string {
  const side = (s: SideProfile) => `${formatTime(s.duckdbMs)} in ${plural(s.statements, 'statement')} of a ${formatTime(s.wallMs)} call`;
  return `DuckDB ${side(base)} -> ${side(candidate)}`;
}

/** One function whose own time grew: `formatRows 1.20 ms -> 4.50 ms per call (src/x.ts:12)`. */
export function functionText(f: FunctionDiff): string {
  const where = f.file ? ` (${f.file}${f.line > 0 ? `:${f.line}` : ''})` : '';
  return `${f.name} ${formatTime(f.baseMs)} -> ${formatTime(f.candidateMs)} per call${where}`;
}

/** The candidate's tree of one statement, each operator with its time (the base's beside it) and rows; added ones marked. */
export function diffTreeLines(query: QueryDiff): string[] {
  return treeLines(query.candidate, (n: DiffNode) => {
    const time = n.other ? `${formatTime(n.other.ms)} -> ${formatTime(n.ms)}` : formatTime(n.ms);
    return `${n.label}  ${time}  ${rowsText(n.other?.rows, n.rows)}${n.change === 'added' ? '  [added]' : ''}`;
  });
}

/** Operators only the base ran, in one statement. */
export function removedLabels(query: QueryDiff): string[] {
  const walk = (nodes: DiffNode[]): string[] => nodes.flatMap((n) => [...(n.change === 'removed' ? [n.label] : []), ...walk(n.children)]);
  return walk(query.base);
}

/** The statement the diagnosis points at: the top contributor's, else the one whose latency grew most. */
export function keyQuery(plan: PlanDiff): QueryDiff | undefined {
  const top = plan.top[0];
  if (top) return plan.queries[top.query];
  return [...plan.queries].sort((a, b) => b.candidateMs - b.baseMs - (a.candidateMs - a.baseMs))[0];
}

/** What changed about a statement, when its text or its join order did. */
export function queryChangeText(query: QueryDiff): string[] {
  const lines: string[] = [];
  if (query.change === 'changed') lines.push(`statement changed: ${query.baseQuery ?? ''} -> ${query.query}`);
  if (query.change === 'added') lines.push(`statement only the candidate runs: ${query.query}`);
  if (query.change === 'removed') lines.push(`statement only the base runs: ${query.query}`);
  if (query.joinOrder) lines.push(`join order changed: ${query.joinOrder.base.join(', ')} -> ${query.joinOrder.candidate.join(', ')}`);
  const removed = removedLabels(query);
  if (removed.length) lines.push(`operators removed: ${removed.join(', ')}`);
  return lines;
}

/**
 * Whether the JavaScript profile leads: DuckDB shows nothing that got slower, or the benchmark is mostly
 * JavaScript and its sampled JavaScript time grew more than DuckDB's statements did.
 */
export function javascriptLeads(d: Diagnosis): boolean {
  if ((d.plan?.top.length ?? 0) === 0) return true;
  const duckdb = (d.candidate?.duckdbMs ?? 0) - (d.base?.duckdbMs ?? 0);
  const js = (d.cpu?.candidateMs ?? 0) - (d.cpu?.baseMs ?? 0);
  return Boolean(d.javascript) && js > duckdb;
}
