import { median } from '@frozen-duckdb/bench';
import { studentTCdf, studentTQuantile } from '../src/stats/student-t.js';
import { blockLogRatio, combineEstimates, pairedEstimate, roundsFloor, unevenRounds } from '../src/stats/paired.js';
import { MAX_ROUNDS_SCALE, roundCount, roundsScale } from '../src/ab/paired-run.js';
import { decide, gateRule } from '../src/stats/decide.js';
import { verdictReason, verdictWhy } from '../src/report/verdict-words.js';
import { DEFAULT_THRESHOLD, suiteMeanThreshold, thresholdFor } from '../src/gate/threshold.js';
import { seededRandom } from '@frozen-duckdb/core';
import { normal, NOISY, scaledModel, simulateBlock, simulateGate, simulateRun } from './simulate.js';
import { digamma, tetragamma, trigamma, trigammaInverse } from '../src/stats/polygamma.js';
import { fitVariancePrior, moderateVariance, PRIOR_MAX_DF } from '../src/stats/moderated.js';
import { decideOpen, runPrior } from '../src/stats/decide-run.js';

describe("Student's t", () => {
  it.each([
    [1, 12.7062],
    [2, 4.3027],
    [4, 2.7764],
    [10, 2.2281],
    [30, 2.0423],
    [1000, 1.9623],
  ])('97.5%% quantile at df=%d is %d', (df, expected) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, 3);
  });

  it('is symmetric and inverts its CDF', () => {
    expect(studentTQuantile(0.025, 5)).toBeCloseTo(-studentTQuantile(0.975, 5), 10);
    expect(studentTCdf(studentTQuantile(0.9, 3), 3)).toBeCloseTo(0.9, 9);
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 12);
  });

  it('refuses impossible arguments', () => {
    expect(() => studentTQuantile(1, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
  });
});

describe('paired estimate', () => {
  it('recovers an exact ratio from noiseless rounds', () => {
    const block = [
      { base: 10, candidate: 12 },
      { base: 20, candidate: 24 },
    ];
    const e = pairedEstimate([block, block, block]);
    expect(e.ratio).toBeCloseTo(1.2, 12);
    expect(e.low).toBeCloseTo(1.2, 12);
    expect(e.blocks).toBe(3);
    expect(e.rounds).toBe(6);
  });

  it('ignores one disturbed round in a block', () => {
    const block = [
      { base: 10, candidate: 10 },
      { base: 10, candidate: 30 },
      { base: 10, candidate: 10 },
    ];
    expect(pairedEstimate([block, block]).ratio).toBeCloseTo(1, 12);
  });

  it('cancels the cost of running second when rounds say their order', () => {
    // Whichever side runs second is 6% slower; the true ratio is 1.10; three rounds, two base-first.
    const round = (baseFirst: boolean) => ({ base: baseFirst ? 10 : 10 * 1.06, candidate: baseFirst ? 11 * 1.06 : 11, baseFirst });
    const block = [round(true), round(false), round(true)];
    expect(Math.exp(blockLogRatio(block))).toBeCloseTo(1.1, 12);
    // Without the order, the median of the rounds keeps the base-first bias.
    const unordered = block.map(({ base, candidate }) => ({ base, candidate }));
    expect(Math.exp(blockLogRatio(unordered))).toBeCloseTo(1.1 * 1.06, 12);
  });

  it('takes the median of each order, so one disturbed round still cannot move a block', () => {
    const block = [
      { base: 10, candidate: 10, baseFirst: true },
      { base: 10, candidate: 40, baseFirst: true },
      { base: 10, candidate: 10, baseFirst: true },
      { base: 10, candidate: 10, baseFirst: false },
      { base: 10, candidate: 10, baseFirst: false },
      { base: 10, candidate: 10, baseFirst: false },
    ];
    expect(blockLogRatio(block)).toBeCloseTo(0, 12);
  });

  it.each([1.0, 1.1, 1.25])('95%% intervals cover a true ratio of %d about 95%% of the time', (truth) => {
    const random = seededRandom(42);
    let covered = 0;
    const trials = 2000;
    for (let i = 0; i < trials; i++) {
      const blocks = Array.from({ length: 6 }, () => simulateBlock(random, { ...NOISY, outlierRate: 0 }, truth, 5));
      const e = pairedEstimate(blocks);
      if (e.low <= truth && truth <= e.high) covered += 1;
    }
    expect(covered / trials).toBeGreaterThan(0.93);
    expect(covered / trials).toBeLessThan(0.975);
  });

  it('combines benchmarks into a geometric mean with a wider df-aware interval', () => {
    const random = seededRandom(7);
    const a = pairedEstimate(Array.from({ length: 4 }, () => simulateBlock(random, NOISY, 1.1, 5)));
    const b = pairedEstimate(Array.from({ length: 4 }, () => simulateBlock(random, NOISY, 1.0, 5)));
    const suite = combineEstimates([a, b]);
    expect(suite.ratio).toBeCloseTo(Math.sqrt(a.ratio * b.ratio), 12);
    expect(suite.low).toBeLessThan(suite.ratio);
    expect(suite.df).toBeGreaterThan(2);
    expect(suite.priorDf).toBeUndefined();
  });

  it("never gives an interval narrower than the rounds' own noise allows, however well the blocks agree", () => {
    // Six blocks whose rounds scatter by ±40% around +20% and whose medians agree exactly.
    const block = [-0.2, 0, 0.2, 0.4, 0.6].map((l) => ({ base: 10, candidate: 10 * Math.exp(l) }));
    const e = pairedEstimate(Array.from({ length: 6 }, () => block));
    expect(e.ratio).toBeCloseTo(Math.exp(0.2), 10);
    const floor = roundsFloor(Array.from({ length: 6 }, () => block.map((r) => Math.log(r.candidate / r.base))));
    expect(floor).toBeGreaterThan(0);
    expect(e.logSe).toBeCloseTo(Math.sqrt(floor / 6), 12);
    expect(decide(e, gateRule(0.1)).decision).not.toBe('regressed');
  });

  it('judges a geometric mean of moderated estimates as moderated: decided after two blocks like its parts', () => {
    const random = seededRandom(8);
    const prior = { df: 4, variance: 0.0004, fittedTo: 20 };
    const parts = Array.from({ length: 6 }, () => pairedEstimate([simulateBlock(random, NOISY, 1, 8), simulateBlock(random, NOISY, 1, 8)], 0.95, prior));
    const suite = combineEstimates(parts);
    expect(suite.priorDf).toBe(4);
    expect(decide(suite, gateRule(0.1), true).basis).not.toBe('too-few-pairs');
    expect(combineEstimates([...parts, pairedEstimate([simulateBlock(random, NOISY, 1, 8), simulateBlock(random, NOISY, 1, 8)])]).priorDf).toBeUndefined();
  });
});

describe('rounds per block', () => {
  const options = { roundsPerBlock: 8, targetBatchMs: 50 };
  it('gives a fast benchmark every round and a long one about the same time', () => {
    expect(roundCount(undefined, options)).toBe(8);
    expect(roundCount(5, options)).toBe(8);
    expect(roundCount(50, options)).toBe(8);
    expect(roundCount(100, options)).toBe(4);
    expect(roundCount(150, options)).toBe(3);
  });

  it('keeps 3 rounds for a median, and 2 (one per order) for a benchmark far over the batch target', () => {
    expect(roundCount(200, options)).toBe(3);
    expect(roundCount(201, options)).toBe(2);
    expect(roundCount(5000, options)).toBe(2);
    expect(roundCount(5000, { roundsPerBlock: 1, targetBatchMs: 50 })).toBe(1);
  });
});

describe('decisions', () => {
  const rule = gateRule(0.1);
  const estimate = (ratio: number, low: number, high: number, blocks = 4) => ({
    ratio,
    low,
    high,
    confidence: 0.95,
    logSe: 0.01,
    df: blocks - 1,
    blocks,
    rounds: blocks * 5,
  });

  it('passes when the whole interval is under the threshold, fails when it is over', () => {
    expect(decide(estimate(1.02, 0.95, 1.09), rule).decision).toBe('ok');
    expect(decide(estimate(1.3, 1.2, 1.4), rule).decision).toBe('regressed');
    expect(decide(estimate(0.7, 0.6, 0.8), rule).decision).toBe('faster');
  });

  it('asks for more when the interval spans the threshold, and is inconclusive when the budget is spent', () => {
    expect(decide(estimate(1.12, 0.97, 1.29), rule).decision).toBe('continue');
    const last = decide(estimate(1.12, 0.97, 1.29), rule, true);
    expect(last.decision).toBe('inconclusive');
    expect(verdictReason(last, estimate(1.12, 0.97, 1.29))).toMatch(/budget ran out/);
  });

  it('passes at the end of the budget when the estimate is within the threshold', () => {
    const last = decide(estimate(1.05, 0.97, 1.14), rule, true);
    expect(last.decision).toBe('ok');
    expect(verdictWhy(last, estimate(1.05, 0.97, 1.14))).toMatch(/not shown slower/);
    // Significantly slower, but by less than the threshold: within the contract, so it passes.
    const slower = decide(estimate(1.08, 1.01, 1.16), rule, true);
    expect(slower.decision).toBe('ok');
    expect(verdictWhy(slower, estimate(1.08, 1.01, 1.16))).toMatch(/by less than the threshold/);
    expect(decide(estimate(1.11, 1.01, 1.2), rule, true).decision).toBe('inconclusive');
  });

  it('decides on the point estimate once the interval is narrow and enough pairs ran', () => {
    expect(decide(estimate(1.12, 1.09, 1.15, 6), rule).decision).toBe('regressed');
    expect(decide(estimate(1.095, 1.07, 1.12, 6), rule).decision).toBe('ok');
    expect(decide(estimate(1.12, 1.09, 1.15, 5), rule).decision).toBe('continue');
  });

  it('never decides on fewer process pairs than the rule asks for', () => {
    expect(decide(estimate(2, 1.9, 2.1, 2), rule).decision).toBe('continue');
    expect(decide(estimate(2, 1.9, 2.1, 2), rule, true).decision).toBe('inconclusive');
  });
});

describe('the adaptive gate on a simulated noisy machine', () => {
  const rule = gateRule(0.1);
  const run = (truth: number, trials: number, seed: number) => {
    const random = seededRandom(seed);
    const results = Array.from({ length: trials }, () => simulateGate(random, NOISY, truth, rule));
    const share = (d: string) => results.filter((r) => r.verdict.decision === d).length / trials;
    const blocks = results.reduce((s, r) => s + r.blocks, 0) / trials;
    return { share, blocks, results };
  };

  it('fails identical code in at most 1% of trials', () => {
    const aa = run(1.0, 1000, 1);
    expect(aa.share('regressed')).toBeLessThanOrEqual(0.01);
    expect(aa.share('ok') + aa.share('faster')).toBeGreaterThan(0.97);
  });

  it('catches +15% in at least 95% and +20% in at least 99% of trials', () => {
    expect(run(1.15, 500, 2).share('regressed')).toBeGreaterThanOrEqual(0.95);
    expect(run(1.2, 500, 3).share('regressed')).toBeGreaterThanOrEqual(0.99);
  });

  it('stops early on clear cases and spends more on a change near the threshold', () => {
    const aa = run(1.0, 300, 4);
    const near = run(1.1, 300, 5);
    const big = run(1.5, 300, 6);
    expect(big.blocks).toBeLessThan(3.2);
    expect(aa.blocks).toBeLessThan(near.blocks);
  });

  it('estimates a +10% change without bias: the median estimate within 1 point, most within 3', () => {
    const near = run(1.1, 500, 8);
    expect(Math.abs(median(near.results.map((r) => r.ratio)) - 1.1)).toBeLessThan(0.01);
    const within = near.results.filter((r) => Math.abs(r.ratio - 1.1) <= 0.03).length / 500;
    expect(within).toBeGreaterThan(0.7);
  });
});

describe('polygamma functions', () => {
  // Closed forms: ψ(1) = -γ, ψ(1/2) = -γ - 2 ln 2, ψ₁(1) = π²/6, ψ₁(1/2) = π²/2, ψ₂(1) = -2ζ(3).
  const gamma = 0.5772156649015329;
  it.each([
    ['digamma(1)', () => digamma(1), -gamma],
    ['digamma(1/2)', () => digamma(0.5), -gamma - 2 * Math.log(2)],
    ['digamma(30)', () => digamma(30), 3.384438132685525],
    ['trigamma(1)', () => trigamma(1), Math.PI ** 2 / 6],
    ['trigamma(1/2)', () => trigamma(0.5), Math.PI ** 2 / 2],
    ['tetragamma(1)', () => tetragamma(1), -2 * 1.2020569031595942],
  ])('%s', (_name, f, expected) => {
    expect(f()).toBeCloseTo(expected, 10);
  });

  it('inverts trigamma', () => {
    for (const x of [0.05, 0.5, 1, 2.5, 10, 300]) expect(trigammaInverse(trigamma(x)) / x).toBeCloseTo(1, 8);
    expect(() => trigammaInverse(0)).toThrow(RangeError);
  });
});

describe("a benchmark's spread moderated by the run's other benchmarks", () => {
  /** Sample variances with `df` degrees of freedom of benchmarks whose true variances follow a scaled inverse χ² prior. */
  const sampleVariances = (random: () => number, count: number, df: number, prior: { df: number; variance: number }) =>
    Array.from({ length: count }, () => {
      const chiSquare = (k: number) => Array.from({ length: k }, () => normal(random) ** 2).reduce((a, b) => a + b, 0);
      const truth = (prior.df * prior.variance) / chiSquare(prior.df);
      return { variance: (truth * chiSquare(df)) / df, df };
    });

  it("recovers a prior's degrees of freedom and scale from many benchmarks' variances", () => {
    const fitted = fitVariancePrior(sampleVariances(seededRandom(11), 20000, 2, { df: 3, variance: 0.002 }));
    expect(fitted?.df).toBeGreaterThan(2.6);
    expect(fitted?.df).toBeLessThanOrEqual(PRIOR_MAX_DF);
    expect((fitted?.variance ?? 0) / 0.002).toBeCloseTo(1, 1);
  });

  it('counts a prior for at most a few blocks, however alike the benchmarks look', () => {
    const alike = fitVariancePrior(Array.from({ length: 50 }, () => ({ variance: 0.001, df: 1 })));
    expect(alike?.df).toBe(PRIOR_MAX_DF);
    // One-degree variances sit mostly under the truth (the median of χ²₁ is 0.45): the fit corrects for it.
    const typical = 0.001 * Math.exp(-digamma(0.5) + Math.log(0.5));
    expect(alike?.variance).toBeCloseTo(typical, 12);
    const moderated = moderateVariance({ variance: 0.004, df: 1 }, alike!);
    expect(moderated.df).toBe(5);
    expect(moderated.variance).toBeCloseTo((4 * typical + 0.004) / 5, 12);
    expect(fitVariancePrior([{ variance: 0.001, df: 1 }])).toBeUndefined();
  });

  it('lets two process pairs decide a benchmark that is clear given the others, which one alone cannot', () => {
    const random = seededRandom(12);
    const judged = Array.from({ length: 12 }, () => ({
      blocks: [simulateBlock(random, NOISY, 1, 8), simulateBlock(random, NOISY, 1, 8)],
      rule: gateRule(0.1),
      verdict: undefined as ReturnType<typeof decide> | undefined,
    }));
    expect(judged.every((j) => decide(pairedEstimate(j.blocks), j.rule).decision === 'continue')).toBe(true);
    const prior = decideOpen(judged, (j) => j.verdict === undefined);
    expect(prior?.fittedTo).toBe(12);
    expect(judged.filter((j) => j.verdict?.decision === 'ok').length).toBeGreaterThanOrEqual(3);
    expect(judged.some((j) => j.verdict?.decision === 'regressed')).toBe(false);
  });

  it('borrows nothing on a busy machine, or where the worker cannot say how busy it was', () => {
    const random = seededRandom(15);
    const judged = (model: typeof NOISY) =>
      Array.from({ length: 12 }, () => ({
        blocks: [simulateBlock(random, model, 1, 8), simulateBlock(random, model, 1, 8)],
        rule: gateRule(0.1),
        verdict: undefined,
      }));
    expect(runPrior(judged(NOISY))).toBeDefined();
    expect(runPrior(judged({ ...NOISY, foreignCores: 1 }))).toBeUndefined();
    const unknown = judged(NOISY).map((j) => ({ ...j, blocks: j.blocks.map((b) => b.map(({ base, candidate }) => ({ base, candidate }))) }));
    expect(runPrior(unknown)).toBeUndefined();
    expect(decideOpen(unknown, (j) => j.verdict === undefined)).toBeUndefined();
    expect(unknown.every((j) => j.verdict === undefined)).toBe(true);
  });

  describe('whole simulated runs of benchmarks that differ threefold in noise', () => {
    const factors = [0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.3, 1.4];
    const runs = (truth: (i: number) => number, count: number, seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: count }, () =>
        simulateRun(
          random,
          factors.map((f, i) => ({ model: scaledModel(NOISY, f), truth: truth(i) })),
          gateRule(0.1),
        ),
      );
    };

    it('fails identical code in at most 1% and decides most of it at the second block', () => {
      const trials = runs(() => 1, 100, 13).flat();
      expect(trials.filter((t) => t.verdict.decision === 'regressed').length / trials.length).toBeLessThanOrEqual(0.01);
      expect(trials.filter((t) => t.blocks === 2).length / trials.length).toBeGreaterThan(0.3);
    });

    it('catches +15% in at least 95% of trials with identical code beside it', () => {
      const trials = runs((i) => (i % 2 ? 1.15 : 1), 100, 14);
      const slowed = trials.flatMap((run) => run.filter((_, i) => i % 2));
      expect(slowed.filter((t) => t.verdict.decision === 'regressed').length / slowed.length).toBeGreaterThanOrEqual(0.95);
      const same = trials.flatMap((run) => run.filter((_, i) => i % 2 === 0));
      expect(same.filter((t) => t.verdict.decision === 'regressed').length / same.length).toBeLessThanOrEqual(0.01);
    });
  });
});

describe('which threshold a benchmark is judged against', () => {
  it('takes the suite, then the flag, then the baseline, then the default', () => {
    const recorded = { 'a/x': { threshold: 0.15 } };
    expect(thresholdFor('a/x', 0.2, { flag: 0.05, recorded })).toEqual({ value: 0.2, source: 'suite' });
    expect(thresholdFor('a/x', undefined, { flag: 0.05, recorded })).toEqual({ value: 0.05, source: 'flag' });
    expect(thresholdFor('a/x', undefined, { recorded })).toEqual({ value: 0.15, source: 'baseline' });
    expect(thresholdFor('a/y', undefined, { recorded })).toEqual({ value: DEFAULT_THRESHOLD, source: 'default' });
  });

  it("judges a suite's mean by the flag, else its benchmarks' most common threshold", () => {
    expect(suiteMeanThreshold([0.15, 0.15, 0.1], { flag: 0.2 })).toBe(0.2);
    expect(suiteMeanThreshold([0.15, 0.15, 0.1])).toBe(0.15);
    expect(suiteMeanThreshold([0.15, 0.1])).toBe(0.1);
    expect(suiteMeanThreshold([])).toBe(DEFAULT_THRESHOLD);
  });
});

describe('rounds spoiled by contention', () => {
  // base/candidate in ms per iteration, and the CPU other processes took meanwhile (ms per iteration).
  const round = (base: number, candidate: number, baseForeignMs: number, candidateForeignMs: number, baseFirst: boolean) => ({
    base,
    candidate,
    baseForeignMs,
    candidateForeignMs,
    baseFirst,
  });

  it('flags a round in which other processes took far more of the machine during one side, and leaves it out of the block', () => {
    const block = [
      round(10, 10.1, 0.5, 0.6, true),
      round(10, 9.9, 0.6, 0.4, false),
      round(10, 16, 0.5, 14, true),
      round(10.1, 10, 0.4, 0.5, false),
      round(9.9, 10, 0.6, 0.5, true),
      round(10, 10.1, 0.3, 0.5, false),
    ];
    expect(unevenRounds(block)).toEqual([false, false, true, false, false, false]);
    const marked = block.map((r, i) => ({ ...r, ...(i === 2 ? { uneven: true } : {}) }));
    expect(Math.exp(blockLogRatio(marked))).toBeCloseTo(1, 1);
  });

  it('keeps every round when a neighbour took a core throughout: both sides met it alike', () => {
    const block = Array.from({ length: 6 }, (_, i) => round(10, 10.2, 9 + (i % 2), 9.5, i % 2 === 0));
    expect(unevenRounds(block)).toEqual(block.map(() => false));
  });

  it('cannot judge without the figures (an older worker) or with fewer than three rounds', () => {
    expect(
      unevenRounds([
        { base: 1, candidate: 2 },
        { base: 1, candidate: 1 },
        { base: 1, candidate: 1 },
      ]),
    ).toEqual([false, false, false]);
    expect(unevenRounds([round(10, 10, 0, 9, true), round(10, 10, 0, 0, false)])).toEqual([false, false]);
  });
});

describe('rounds for a suite whose setup is expensive', () => {
  const options = { roundsPerBlock: 8, targetBatchMs: 50 };
  const fast = { batchMs: 50, slow: false };

  it('keeps the usual rounds when getting ready is cheap, and raises them (up to 4x) so setup is at most 30% of the block', () => {
    // Two benchmarks: (8 rounds + 1 warm-up) x 2 sides x 50 ms = 1.8 s of measuring.
    expect(roundsScale(100, [fast, fast], options)).toBe(1);
    const scale = roundsScale(1000, [fast, fast], options);
    expect(1000 / (1000 + scale * 1800)).toBeCloseTo(0.3, 5);
    expect(roundsScale(60_000, [fast, fast], options)).toBe(MAX_ROUNDS_SCALE);
    expect(roundsScale(60_000, [], options)).toBe(1);
  });

  it("counts a very fast benchmark's batch at its measured length, not the target's", () => {
    // 1000 iterations of 5 µs: a 5 ms batch. (8 + 1) x 2 x 5 ms = 90 ms of measuring for 1 s of setup: the most rounds.
    expect(roundsScale(1000, [{ batchMs: 5, slow: false }], options)).toBe(MAX_ROUNDS_SCALE);
    expect(roundsScale(1000, [{ batchMs: 5, slow: false }, fast, fast], options)).toBeGreaterThan(roundsScale(1000, [fast, fast, fast], options));
  });
});
