import type { SampleStats } from './statistics.js';

/** Words a reporter shows beside a number that should not be read at face value. */
export type Warning = 'noisy' | 'bimodal' | 'few-samples' | 'process-spread' | 'sub-microsecond';

export const WARNING_TEXT: Record<Warning, string> = {
  noisy: 'the middle half of the samples spans more than 20% of the median: compare with care',
  bimodal: 'samples fall into two groups (bimodality coefficient > 0.555 without outliers): something alternates',
  'few-samples': 'fewer than 5 samples: the median is rough',
  'process-spread': 'medians of separate processes differ by more than 10%: one process is not enough',
  'sub-microsecond': 'median under 1 microsecond: timer and harness cost dominate',
};

/** The warnings for one benchmark's pooled samples and its per-process medians. */
export function warningsFor(stats: SampleStats, processSpread: number | undefined): Warning[] {
  const warnings: Warning[] = [];
  if (stats.n < 5) warnings.push('few-samples');
  if (stats.median > 0 && (stats.p75 - stats.p25) / stats.median > 0.2) warnings.push('noisy');
  if (stats.n >= 10 && stats.bimodality !== undefined && stats.bimodality > 0.555) warnings.push('bimodal');
  if (processSpread !== undefined && processSpread > 1.1) warnings.push('process-spread');
  if (stats.median < 0.001) warnings.push('sub-microsecond');
  return warnings;
}
