import { extent, madNormal, mean, median, quantile, variance } from '../src/index.js';
import { bimodalityCoefficient, geometricMean, mad, quantileSorted, spreadRatio, summarize } from '../src/statistics.js';
import { warningsFor } from '../src/warnings.js';
import { thinSorted } from '../src/worker/measure.js';

describe('statistics', () => {
  it('extent takes a million values (Math.max(...values) overflows the stack past about 130,000), NaN ignored', () => {
    // 7i mod 10^6 runs through every number below 10^6 once.
    const values = Array.from({ length: 1_000_000 }, (_, i) => (i * 7) % 1_000_000);
    values[5] = NaN;
    expect(extent(values)).toEqual({ min: 0, max: 999_999 });
    expect(extent([])).toEqual({ min: Infinity, max: -Infinity });
    expect(spreadRatio(Array.from({ length: 500_000 }, (_, i) => 1 + (i % 3)))).toBe(3);
  });

  it('summarizes samples', () => {
    const s = summarize([5, 1, 4, 2, 3]);
    expect(s).toMatchObject({ n: 5, mean: 3, median: 3, min: 1, max: 5, p25: 2, p75: 4, mad: 1 });
    expect(s.sd).toBeCloseTo(Math.sqrt(2.5));
    expect(quantile([10, 20], 0.5)).toBe(15);
  });

  it('scores two separated groups as bimodal and one normal-ish group as not', () => {
    const twoGroups = [...Array.from({ length: 50 }, (_, i) => 10 + (i % 5) * 0.01), ...Array.from({ length: 50 }, (_, i) => 20 + (i % 5) * 0.01)];
    expect(bimodalityCoefficient(twoGroups)).toBeGreaterThan(0.555);
    // A sum of three spread sequences: one bell-shaped group.
    const oneGroup = Array.from({ length: 100 }, (_, i) => 10 + (((i * 37) % 100) + ((i * 61) % 100) + ((i * 83) % 100)) / 3000);
    expect(bimodalityCoefficient(oneGroup)).toBeLessThan(0.555);
    expect(warningsFor(summarize(twoGroups), undefined)).toEqual(expect.arrayContaining(['bimodal', 'noisy']));
    expect(warningsFor(summarize(oneGroup), 1.02)).toEqual([]);
    expect(warningsFor(summarize(oneGroup), 1.3)).toEqual(['process-spread']);
  });

  it('reports the spread between process medians', () => {
    expect(spreadRatio([10, 12, 11])).toBeCloseTo(1.2);
    expect(spreadRatio([10])).toBeUndefined();
  });

  it('thins sorted samples to evenly spaced order statistics, keeping min and max', () => {
    const sorted = Array.from({ length: 10_001 }, (_, i) => i);
    const thin = thinSorted(sorted, 101);
    expect(thin).toHaveLength(101);
    expect(thin[0]).toBe(0);
    expect(thin[100]).toBe(10_000);
    expect(thin[50]).toBe(5_000);
  });
});

describe('summary statistics', () => {
  it('computes median, quantiles, variance, MAD and geometric mean', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(variance([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(4.571428, 5);
    expect(madNormal([1, 1, 2, 2, 4, 6, 9])).toBeCloseTo(1.4826, 4);
    expect(geometricMean([1, 4])).toBeCloseTo(2, 12);
  });

  it('says its contract in its name: quantileSorted trusts the order it is given, madNormal is scaled', () => {
    expect(quantile([3, 1, 2], 0.5)).toBe(2);
    expect(quantileSorted([3, 1, 2], 0.5)).toBe(1);
    expect(mad([1, 1, 2, 2, 4, 6, 9])).toBe(1);
    expect(madNormal([1, 1, 2, 2, 4, 6, 9])).toBe(1.4826);
    expect(mean([])).toBeNaN();
    expect(variance([7])).toBe(0);
  });
});
