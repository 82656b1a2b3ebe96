import { summarizeCalibration, type CalibrationTrial } from '../src/calibrate/summarize.js';
import { calibrationMarkdown, levelTotals } from '../src/calibrate/report.js';
import type { CalibrationReport } from '../src/calibrate/calibrate.js';
import { pairedEstimate } from '../src/stats/paired.js';
import { seededRandom } from '@frozen-duckdb/core';
import { NOISY, simulatedComparison } from './simulate.js';

// Simulated trials where the injection's real effect (1.2) differs from its nominal size (+10%),
// as a busy-wait's does on this machine: the summary must report what happened, not what was asked.
function trials(): CalibrationTrial[] {
  const random = seededRandom(42);
  const out: CalibrationTrial[] = [];
  for (let t = 0; t < 40; t++) {
    for (const [injected, truth] of [
      [0, 1],
      [0.1, 1.2],
    ] as const) {
      const comparison = simulatedComparison(random, NOISY, truth);
      out.push({ injected, benchmarks: [comparison], elapsedMs: 1 });
    }
  }
  return out;
}

describe('calibration summary', () => {
  const all = trials();
  const summary = summarizeCalibration(all);
  const [bench] = summary;
  const level = (injected: number) => bench!.levels.find((l) => l.injected === injected)!;
  const at = (injected: number) => all.filter((t) => t.injected === injected).map((t) => t.benchmarks[0]!);

  it('pools every block of a level into the realized slowdown, whatever the nominal size', () => {
    expect(level(0).pooled).toBeCloseTo(pairedEstimate(at(0).flatMap((b) => b.blocks)).ratio, 12);
    expect(Math.abs(level(0).pooled! - 1)).toBeLessThan(0.02);
    // Nominal +10%, realized +20%: the pooled ratio says +20%.
    expect(Math.abs(level(0.1).pooled! - 1.2)).toBeLessThan(0.02);
  });

  it('counts how many single comparisons land within 3 points of the pooled ratio', () => {
    const pooled = level(0.1).pooled!;
    const within = at(0.1).filter((b) => Math.abs(b.estimate!.ratio - pooled) <= 0.03).length;
    expect(level(0.1).accurateRate).toBeCloseTo(within / 40, 12);
    expect(within).toBeGreaterThan(0);
    expect(within).toBeLessThan(40);
    // The median distance: half the comparisons are at least this far from the pooled ratio.
    const distances = at(0.1).map((b) => Math.abs(b.estimate!.ratio - pooled));
    const error = level(0.1).medianError!;
    expect(distances.filter((d) => d >= error - 1e-12).length).toBeGreaterThanOrEqual(20);
    expect(distances.filter((d) => d <= error + 1e-12).length).toBeGreaterThanOrEqual(20);
  });

  it('totals benchmark-trials per level for the report', () => {
    const report: CalibrationReport = { commit: 'a'.repeat(40), trials: all, benchmarks: summary, elapsedMs: 1000, cpuHog: false };
    const totals = levelTotals(report);
    expect(totals.map((t) => [t.injected, t.trials])).toEqual([
      [0, 40],
      [0.1, 40],
    ]);
    const regressed = (injected: number) => at(injected).filter((b) => b.status === 'regressed').length;
    expect(totals.map((t) => t.fails)).toEqual([regressed(0), regressed(0.1)]);
    expect(regressed(0)).toBe(0);
    expect(regressed(0.1)).toBeGreaterThan(20);
    const markdown = calibrationMarkdown(report);
    expect(markdown).toContain('| +0% | 40 | 0 (0%) |');
    expect(markdown).toContain(`| +10% | 40 | ${regressed(0.1)} (`);
    // One benchmark: the total's median distance is that benchmark's own.
    expect(totals[1]!.medianError).toBeCloseTo(level(0.1).medianError!, 12);
    expect(markdown).toContain(`${(level(0.1).medianError! * 100).toFixed(1)} points |`);
  });
});
