import type { CalibrationReport } from './calibrate.js';

const pct = (x: number | undefined) => (x === undefined ? '-' : `${(x * 100).toFixed(0)}%`);
const change = (ratio: number | undefined) => (ratio === undefined ? '-' : `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}%`);

/** The calibration as a Markdown table per benchmark: injected, realized, gate and naive rates. */
export function calibrationMarkdown(report: CalibrationReport): string {
  const lines = [
    `### Gate calibration on this machine${report.cpuHog ? ' (one core kept busy by a CPU hog)' : ''}`,
    '',
    `Commit \`${report.commit.slice(0, 12)}\` against itself, ${report.trials.length} comparisons in ${(report.elapsedMs / 1000).toFixed(0)} s.`,
    '',
    '| benchmark | injected | realized | gate fails | inconclusive | naive gate fails | trials |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const b of report.benchmarks) {
    for (const l of b.levels) {
      lines.push(`| ${b.id} | +${(l.injected * 100).toFixed(0)}% | ${change(l.realized)} | ${pct(l.failRate)} | ${pct(l.inconclusiveRate)} | ${pct(l.naiveFailRate)} | ${l.trials} |`);
    }
  }
  lines.push('', '| benchmark | smallest slowdown caught in >= 95% of trials | gate it? |', '|---|---:|---|');
  for (const b of report.benchmarks) {
    lines.push(`| ${b.id} | ${b.smallestReliable === undefined ? 'none tried' : `+${(b.smallestReliable * 100).toFixed(0)}%`} | ${b.quarantine ? `quarantine: ${b.quarantine}` : 'yes'} |`);
  }
  return `${lines.join('\n')}\n`;
}
