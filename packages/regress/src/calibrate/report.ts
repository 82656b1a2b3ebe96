import { median } from '@frozen-duckdb/bench';
import { formatChange, formatPercent } from '@frozen-duckdb/core';
import type { CalibrationReport } from './calibrate.js';
import type { ChangesCalibrationReport } from './calibrate-changes.js';
import { sizeClassTotals } from './changes-summary.js';

/** The calibration as a Markdown table per benchmark: injected, realized, gate and naive rates. */
export function calibrationMarkdown(report: CalibrationReport): string {
  const lines = [
    `### Gate calibration on this machine${report.cpuHog ? ' (one core kept busy by a CPU hog)' : ''}`,
    '',
    `Commit \`${report.commit.slice(0, 12)}\` against itself, ${report.trials.length} comparisons in ${(report.elapsedMs / 1000).toFixed(0)} s.`,
    '',
    '| benchmark | injected | realized (pooled) | within 3 points | gate fails | inconclusive | naive gate fails | trials |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const b of report.benchmarks) {
    for (const l of b.levels) {
      lines.push(
        `| ${b.id} | +${formatPercent(l.injected)} | ${formatChange(l.pooled)} | ${formatPercent(l.accurateRate)} | ${formatPercent(l.failRate)} | ${formatPercent(l.inconclusiveRate)} | ${formatPercent(l.naiveFailRate)} | ${l.trials} |`,
      );
    }
  }
  lines.push(
    '',
    '| all benchmarks | benchmark-trials | gate fails | inconclusive | naive gate fails | within 3 points of the pooled ratio | median distance from it |',
    '|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const t of levelTotals(report)) {
    const distance = t.medianError === undefined ? '-' : `${(t.medianError * 100).toFixed(1)} points`;
    lines.push(
      `| +${formatPercent(t.injected)} | ${t.trials} | ${t.fails} (${formatPercent(t.fails / t.trials)}) | ${t.inconclusive} | ${formatPercent(t.naive)} | ${formatPercent(t.accurate)} | ${distance} |`,
    );
  }
  lines.push('', '| benchmark | smallest slowdown caught in >= 95% of trials | gate it? |', '|---|---:|---|');
  for (const b of report.benchmarks) {
    lines.push(
      `| ${b.id} | ${b.smallestReliable === undefined ? 'none tried' : `+${formatPercent(b.smallestReliable)}`} | ${b.quarantine ? `quarantine: ${b.quarantine}` : 'yes'} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Per injected level, the counts over every benchmark: the table the README quotes. */
export function levelTotals(report: CalibrationReport) {
  const injectedLevels = [...new Set(report.benchmarks.flatMap((b) => b.levels.map((l) => l.injected)))].sort((a, b) => a - b);
  return injectedLevels.map((injected) => {
    const levels = report.benchmarks.flatMap((b) => b.levels.filter((l) => l.injected === injected));
    const trials = levels.reduce((n, l) => n + l.trials, 0);
    const weighted = (pick: (l: (typeof levels)[number]) => number | undefined) => {
      const known = levels.filter((l) => pick(l) !== undefined && l.trials > 0);
      const n = known.reduce((s, l) => s + l.trials, 0);
      return n ? known.reduce((s, l) => s + (pick(l) as number) * l.trials, 0) / n : undefined;
    };
    return {
      injected,
      trials,
      fails: Math.round(levels.reduce((n, l) => n + l.failRate * l.trials, 0)),
      inconclusive: Math.round(levels.reduce((n, l) => n + l.inconclusiveRate * l.trials, 0)),
      naive: weighted((l) => l.naiveFailRate),
      accurate: weighted((l) => l.accurateRate),
      medianError: medianDistance(report, injected),
    };
  });
}

/** Median over every benchmark-trial at a level of |estimate - that benchmark's pooled ratio|. */
function medianDistance(report: CalibrationReport, injected: number): number | undefined {
  const pooled = new Map(report.benchmarks.map((b) => [b.id, b.levels.find((l) => l.injected === injected)?.pooled]));
  const distances = report.trials
    .filter((t) => t.injected === injected)
    .flatMap((t) => t.benchmarks)
    .flatMap((b) => {
      const truth = pooled.get(b.id);
      return b.estimate && truth !== undefined ? [Math.abs(b.estimate.ratio - truth)] : [];
    });
  return distances.length ? median(distances) : undefined;
}

const points = (error: number | undefined) => (error === undefined ? '-' : `${error >= 0 ? '+' : ''}${(error * 100).toFixed(1)}`);
const spread = (sd: number | undefined) => (sd === undefined ? '-' : (sd * 100).toFixed(1));

/** The calibration on real changes as Markdown: per change, then per size class of the truth. */
export function changesCalibrationMarkdown(report: ChangesCalibrationReport): string {
  if (report.summaries.every((s) => s.trials === 0)) return truthsMarkdown(report);
  const lines = [
    `### Gate calibration on real changes${report.cpuHog ? ' (one core kept busy by a CPU hog)' : ''}`,
    '',
    `${report.changes.length} changes from \`${report.corpus}\`, ${report.summaries.reduce((n, s) => n + s.trials, 0)} comparisons in ${(report.elapsedMs / 1000).toFixed(0)} s. ` +
      'The truth is each change measured without the gate: both suites in one process, alternating batches for a long time, in several processes (95% interval over processes).',
    '',
    '| change | truth | truth interval | gate fails | inconclusive | estimate - truth, mean (points) | spread (sd) | trials |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const s of [...report.summaries].sort((a, b) => a.truth.ratio - b.truth.ratio)) {
    lines.push(
      `| ${s.name} | ${formatChange(s.truth.ratio)} | ${formatChange(s.truth.low)} to ${formatChange(s.truth.high)} | ${formatPercent(s.failRate)} | ${formatPercent(s.inconclusiveRate)} | ${points(s.meanError)} | ${spread(s.errorSd)} | ${s.trials} |`,
    );
  }
  lines.push('', '| truth | changes | comparisons | gate fails | inconclusive | estimate - truth, mean (points) |', '|---|---:|---:|---:|---:|---:|');
  for (const c of sizeClassTotals(report.summaries)) {
    lines.push(
      `| ${c.label} | ${c.changes} | ${c.trials} | ${c.fails} (${formatPercent(c.trials ? c.fails / c.trials : undefined)}) | ${c.inconclusive} | ${points(c.meanError)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Only the truths (`--truth-only`): each change's size measured without the gate. */
function truthsMarkdown(report: ChangesCalibrationReport): string {
  const lines = [
    '### Real changes measured without the gate',
    '',
    `${report.changes.length} changes from \`${report.corpus}\`: both suites in one process, alternating batches, in several processes (95% interval over processes).`,
    '',
    '| change | truth | truth interval | processes | rounds | iterations per batch | measured |',
    '|---|---:|---:|---:|---:|---:|---|',
  ];
  for (const c of [...report.changes].sort((a, b) => a.truth.ratio - b.truth.ratio)) {
    const t = c.truth;
    lines.push(
      `| ${c.name} | ${formatChange(t.ratio)} | ${formatChange(t.low)} to ${formatChange(t.high)} | ${t.processes} | ${t.rounds} | ${t.iterations} | ${c.truthMeasured ? 'now' : `stored, ${t.measuredAt.slice(0, 10)}`} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
