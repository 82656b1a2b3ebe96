import { seededRandom } from '@frozen-duckdb/core';

/** Draws from the project's seeded generator: the same seed gives the same cases, so a failure can be replayed. */
export class Random {
  /** A float in [0, 1). */
  readonly next: () => number;

  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A string of `length` characters drawn from `alphabet` (code points, so emoji stay whole). */
  string(length: number, alphabet: string): string {
    const chars = [...alphabet];
    let out = '';
    for (let i = 0; i < length; i++) out += this.pick(chars);
    return out;
  }
}

/** The seed of a run: RELIABILITY_SEED when set (to replay), else a fixed one. */
export function seedFromEnv(fallback: number): number {
  const text = process.env['RELIABILITY_SEED'];
  const seed = text === undefined ? NaN : Number(text);
  return Number.isInteger(seed) ? seed : fallback;
}
