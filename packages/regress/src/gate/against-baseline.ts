import { formatChange, formatPercent } from '@frozen-duckdb/core';
import type { BenchResults } from '@frozen-duckdb/bench';
import { compare, type CompareOptions, type CompareResult } from '../ab/compare.js';
import { listSome, type GateOutcome } from '../ab/outcome.js';
import type { Baseline } from '../baseline/schema.js';
import { screen, type Screening, type ScreenStatus } from '../baseline/screen.js';
import { screenCounts, type CountScreening, type CountScreenStatus } from '../baseline/screen-counts.js';
import { instructionChange } from '../report/instruction-words.js';
import { Repository } from '../git/repository.js';
import { comparisonWhy } from '../report/verdict-words.js';
import { isTimingNeutral } from './timing-neutral.js';

export type FinalStatus = Exclude<ScreenStatus, 'suspect'> | 'regressed' | 'inconclusive';

export interface GateRow {
  id: string;
  screened: ScreenStatus;
  status: FinalStatus;
  /** Screening ratio (current / baseline, normalized when machines differ). */
  ratio: number | undefined;
  /** The side-by-side estimate for suspects that were confirmed. */
  confirmed: CompareResult['benchmarks'][number] | undefined;
  reason: string;
}

export type FinalCountStatus = Exclude<CountScreenStatus, 'suspect'> | 'regressed' | 'inconclusive';

/** One benchmark's instruction count judged against the baseline (`--measure instructions`). */
export interface CountGateRow {
  id: string;
  screened: CountScreenStatus;
  status: FinalCountStatus;
  /** The screening's counts and ratio (this run against the baseline), or the side-by-side ones for suspects. */
  baseline?: number;
  current?: number;
  ratio?: number;
  sideBySide: boolean;
  reason: string;
}

export interface BaselineGate {
  rows: GateRow[];
  screening: Screening;
  /** The instruction counts' screening and verdicts, when the run counted them. */
  counts?: { screening: CountScreening; rows: CountGateRow[] };
  confirmation: CompareResult | undefined;
  outcome: GateOutcome;
  summary: string;
}

export type ConfirmOptions = Omit<CompareOptions, 'base' | 'useMergeBase' | 'filter'> & {
  /** The run selected part of the suites (--filter, --shard): what it did not select is not missing. */
  partial?: boolean;
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The gate against `.performance_baseline`: screen the run, then confirm every suspect side by
 * side against the baseline's own commit before anything fails. When nothing that can change a
 * timing differs from that commit (only the baseline file, prose or CI configuration changed),
 * suspects are noise by construction and pass without a comparison.
 */
export async function gateAgainstBaseline(results: BenchResults, baseline: Baseline, options: ConfirmOptions): Promise<BaselineGate> {
  const screening = screen(results, baseline, options.thresholds);
  const countScreening = options.instructions ? screenCounts(results, baseline, options.instructions.threshold) : undefined;
  const sentinels = new Set(screening.sentinels);
  const countSuspects = new Set(countScreening?.benchmarks.filter((b) => b.status === 'suspect').map((b) => b.id));
  const suspects = screening.benchmarks.filter((b) => b.status === 'suspect' || sentinels.has(b.id) || countSuspects.has(b.id));
  let confirmation: CompareResult | undefined;
  let sameCode = false;
  if (suspects.length) {
    const repo = await Repository.open(options.projectDir);
    sameCode = (await repo.changedSince(baseline.commit)).every(isTimingNeutral);
    if (!sameCode) {
      confirmation = await compare({
        ...options,
        // Confirmed against the same thresholds the screening used, the baseline's recorded ones included.
        thresholds: { flag: options.thresholds.flag, recorded: baseline.benchmarks },
        // Counted side by side only where the counts were suspect.
        ...(options.instructions && countSuspects.size ? {} : { instructions: undefined }),
        base: baseline.commit,
        useMergeBase: false,
        filter: new RegExp(`^(${suspects.map((s) => escape(s.id)).join('|')})$`),
      });
    }
  }
  const screened = options.partial ? screening.benchmarks.filter((s) => s.status !== 'missing') : screening.benchmarks;
  const rows: GateRow[] = screened.map((s) => {
    const confirmed = confirmation?.benchmarks.find((b) => b.id === s.id);
    const row = { id: s.id, screened: s.status, ratio: s.ratio, confirmed };
    const sentinel = sentinels.has(s.id);
    // Timed side by side only because its count was suspect: a confirmed slowdown counts, anything else leaves the screening's word.
    if (s.status !== 'suspect' && !sentinel && countSuspects.has(s.id) && confirmed?.status === 'regressed')
      return {
        ...row,
        status: 'regressed',
        reason: `timed side by side (its instruction count was suspect) in ${confirmed.blocks.length} process pairs: ${comparisonWhy(confirmed)}`,
      };
    if (s.status !== 'suspect' && !sentinel) return { ...row, status: s.status, reason: screenReason(s.status) };
    // Sentinels are picked among the benchmarks that screened ok.
    if (sentinel && (sameCode || !confirmed)) return { ...row, status: 'ok', reason: screenReason('ok') };
    if (sameCode) return { ...row, status: 'ok', reason: "no code changed since the baseline's commit: the difference is noise" };
    if (!confirmed) return { ...row, status: 'inconclusive', reason: 'not present on the baseline commit any more' };
    const status: FinalStatus =
      confirmed.status === 'regressed' ? 'regressed' : ['inconclusive', 'error', 'skipped'].includes(confirmed.status) ? 'inconclusive' : 'ok';
    const shift = screening.suites[s.suite];
    const why = sentinel
      ? `${shift?.scope === 'suite' ? `suite ${s.suite}` : 'the whole run'} was ${formatChange(shift?.shift ?? screening.normalization)} against the baseline, checked`
      : 'side by side';
    return { ...row, status, reason: `${why} in ${confirmed.blocks.length} process pairs: ${comparisonWhy(confirmed)}` };
  });
  const counts = countScreening && { screening: countScreening, rows: countRows(countScreening, confirmation, sameCode) };
  const regressed = rows.filter((r) => r.status === 'regressed');
  const countsRegressed = counts?.rows.filter((r) => r.status === 'regressed') ?? [];
  const undecided = [...rows.filter((r) => r.status === 'inconclusive'), ...(counts?.rows.filter((r) => r.status === 'inconclusive') ?? [])];
  const suiteFailed = confirmation?.suite?.verdict.decision === 'regressed' && regressed.length === 0;
  let outcome: GateOutcome = 'pass';
  const checked = screening.benchmarks.filter((b) => b.status === 'suspect').length;
  const sentinelNote = sentinels.size ? ` and ${sentinels.size} sentinel${sentinels.size === 1 ? '' : 's'} for slower suites` : '';
  const countNote = countSuspects.size
    ? `, ${countSuspects.size} instruction count${countSuspects.size === 1 ? '' : 's'} past ${formatPercent(countScreening?.threshold ?? 0)}`
    : '';
  let summary = `no regression against the baseline (${rows.length} benchmarks, ${checked} suspect${checked === 1 ? '' : 's'}${sentinelNote}${countNote} ${confirmation ? 'confirmed side by side' : 'checked'})`;
  if (regressed.length || suiteFailed || countsRegressed.length) {
    outcome = 'fail';
    const names = [
      ...regressed.map((r) => r.id),
      ...(suiteFailed ? ["the suites' geometric mean"] : []),
      ...countsRegressed.map((r) => `${r.id} (instructions ${instructionChange(r.ratio)})`),
    ];
    summary = `regression confirmed side by side: ${names.join(', ')}`;
  } else if (undecided.length) {
    outcome = 'inconclusive';
    summary = `no regression confirmed, ${undecided.length} undecided: ${listSome(undecided.map((r) => `${r.id} (${r.reason})`))}`;
  }
  return { rows, screening, confirmation, outcome, summary, ...(counts ? { counts } : {}) };
}

/** Each screened count's final status: a suspect is decided by the counts of both commits side by side. */
function countRows(screening: CountScreening, confirmation: CompareResult | undefined, sameCode: boolean): CountGateRow[] {
  return screening.benchmarks.map((s): CountGateRow => {
    const screened = { id: s.id, screened: s.status, ...pick(s), sideBySide: false };
    if (s.status !== 'suspect') return { ...screened, status: s.status, reason: countReason(s.status, s.reason) };
    if (sameCode)
      return { ...screened, status: 'ok', reason: "no code changed since the baseline's commit: the count differs by machine or library, not by code" };
    const verdict = confirmation?.instructions?.verdicts.find((v) => v.id === s.id);
    if (!verdict) return { ...screened, status: 'inconclusive', reason: 'not present on the baseline commit any more' };
    const counted = { id: s.id, screened: s.status, ...pick(verdict), sideBySide: true };
    if (verdict.decision === 'regressed') return { ...counted, status: 'regressed', reason: 'counted side by side against the baseline commit' };
    if (verdict.decision === 'ok' || verdict.decision === 'fewer')
      return { ...counted, status: 'ok', reason: `side by side within the threshold: this run's difference is the machine's or the library's` };
    return { ...counted, status: 'inconclusive', reason: `not counted side by side: ${verdict.reason ?? verdict.decision}` };
  });
}

function pick(counts: { baseline?: number; current?: number; candidate?: number; base?: number; ratio?: number }): {
  baseline?: number;
  current?: number;
  ratio?: number;
} {
  const baseline = counts.baseline ?? counts.base;
  const current = counts.current ?? counts.candidate;
  return {
    ...(baseline !== undefined ? { baseline } : {}),
    ...(current !== undefined ? { current } : {}),
    ...(counts.ratio !== undefined ? { ratio: counts.ratio } : {}),
  };
}

function countReason(status: Exclude<CountScreenStatus, 'suspect'>, reason: string | undefined): string {
  switch (status) {
    case 'ok':
      return 'within the instruction threshold of the baseline';
    case 'fewer':
      return 'fewer instructions than the baseline (never a failure)';
    case 'unrecorded':
      return 'the baseline has no count for it (record with --measure instructions)';
    case 'uncounted':
      return reason ?? 'not counted';
  }
}

function screenReason(status: ScreenStatus): string {
  switch (status) {
    case 'ok':
      return 'within the threshold of the baseline';
    case 'faster':
      return 'faster than the baseline in this run (one run: not confirmed, and never a failure)';
    case 'new':
      return 'not in the baseline';
    case 'missing':
      return 'in the baseline but not run';
    case 'failed':
      return 'the benchmark failed in this run';
    case 'suspect':
      return 'past the threshold in this run';
  }
}
