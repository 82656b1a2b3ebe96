import { formatChange } from '@frozen-duckdb/core';
import type { BenchResults } from '@frozen-duckdb/bench';
import { compare, type CompareOptions, type CompareResult } from '../ab/compare.js';
import { gateOutcome, listSome, type GateOutcome } from '../ab/outcome.js';
import type { Baseline } from '../baseline/schema.js';
import { screen, type Screening, type ScreenStatus } from '../baseline/screen.js';
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

export interface BaselineGate {
  rows: GateRow[];
  screening: Screening;
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
  const sentinels = new Set(screening.sentinels);
  const suspects = screening.benchmarks.filter((b) => b.status === 'suspect' || sentinels.has(b.id));
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
  const regressed = rows.filter((r) => r.status === 'regressed');
  const undecided = rows.filter((r) => r.status === 'inconclusive');
  const suiteFailed = confirmation ? gateOutcome(confirmation).outcome === 'fail' && regressed.length === 0 : false;
  let outcome: GateOutcome = 'pass';
  const checked = suspects.length - sentinels.size;
  const sentinelNote = sentinels.size ? ` and ${sentinels.size} sentinel${sentinels.size === 1 ? '' : 's'} for slower suites` : '';
  let summary = `no regression against the baseline (${rows.length} benchmarks, ${checked} suspect${checked === 1 ? '' : 's'}${sentinelNote} ${confirmation ? 'confirmed side by side' : 'checked'})`;
  if (regressed.length || suiteFailed) {
    outcome = 'fail';
    summary = `regression confirmed side by side: ${regressed.map((r) => r.id).join(', ') || "the suites' geometric mean"}`;
  } else if (undecided.length) {
    outcome = 'inconclusive';
    summary = `no regression confirmed, ${undecided.length} undecided: ${listSome(undecided.map((r) => `${r.id} (${r.reason})`))}`;
  }
  return { rows, screening, confirmation, outcome, summary };
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
