import { detectChangePoints, rank, bestInterval } from '../src/change-points.js';

// A deterministic noise source, so every series here is the same on every run.
function noise(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** `n` medians around `level`, multiplied by log-normal-ish noise of relative size `cv`. */
function series(levels: [number, number][], cv: number, seed: number): number[] {
  const random = noise(seed);
  return levels.flatMap(([level, n]) => Array.from({ length: n }, () => level * Math.exp(cv * (random() + random() + random() - 1.5) * 2)));
}

describe('detectChangePoints', () => {
  it('finds a 30% step at the first run after it', () => {
    const values = series(
      [
        [1, 15],
        [1.3, 15],
      ],
      0.05,
      1,
    );
    const shifts = detectChangePoints(values);
    expect(shifts.map((s) => s.index)).toEqual([15]);
    expect(shifts[0]?.ratio).toBeGreaterThan(1.2);
    expect(shifts[0]?.ratio).toBeLessThan(1.4);
    expect(shifts[0]?.pValue).toBeLessThan(0.01);
  });

  it('finds a step at its index across many seeds and positions', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const at = 4 + 3 * seed;
      const values = series(
        [
          [5, at],
          [4, 25 - at],
        ],
        0.02,
        seed,
      );
      expect(detectChangePoints(values).map((s) => s.index)).toEqual([at]);
    }
  });

  it('finds two shifts, up then back down', () => {
    const values = series(
      [
        [1, 12],
        [1.5, 12],
        [1, 12],
      ],
      0.04,
      7,
    );
    expect(detectChangePoints(values).map((s) => s.index)).toEqual([12, 24]);
  });

  it('names nothing in flat noisy series', () => {
    for (let seed = 1; seed <= 20; seed++) {
      expect(detectChangePoints(series([[2, 40]], 0.15, seed))).toEqual([]);
    }
  });

  it('is not moved by single wild runs (a noisy machine)', () => {
    const values = series([[1, 30]], 0.03, 3);
    values[10] = 3;
    values[20] = 2.5;
    expect(detectChangePoints(values)).toEqual([]);
  });

  it('ignores a significant shift below the minimum size', () => {
    const values = series(
      [
        [1, 20],
        [1.02, 20],
      ],
      0.002,
      5,
    );
    expect(detectChangePoints(values)).toEqual([]);
    expect(detectChangePoints(values, { minShift: 0.01 }).map((s) => s.index)).toEqual([20]);
  });

  it('needs minSegment runs on each side', () => {
    const values = [...Array(12).fill(1), 2, 2];
    expect(detectChangePoints(values, { minSegment: 3 })).toEqual([]);
    expect(detectChangePoints([1, 2, 3])).toEqual([]);
    expect(detectChangePoints([])).toEqual([]);
  });

  it('ranks ties by their average rank, and finds the interval where the ranks separate', () => {
    expect(rank([10, 20, 10, 30])).toEqual([1.5, 3, 1.5, 4]);
    expect(bestInterval(rank([1, 1, 1, 1, 5, 5, 5, 5]), 2)).toMatchObject({ i: 0, j: 4 });
    expect(bestInterval(rank([1, 1, 1, 5, 5, 5, 1, 1, 1]), 2)).toMatchObject({ i: 3, j: 6 });
  });

  it('places a step in a long series (coarse grid, then refined) at its index', () => {
    const values = series(
      [
        [10, 137],
        [12, 83],
      ],
      0.05,
      11,
    );
    expect(detectChangePoints(values).map((s) => s.index)).toEqual([137]);
  });
});
