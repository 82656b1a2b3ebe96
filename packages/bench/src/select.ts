/** Which benchmarks a run covers: --filter and --shard, as pure functions over ids. */

import { extent } from './statistics.js';

export interface Shard {
  index: number;
  count: number;
}

/** Parses `i/n` (1 <= i <= n); undefined for a malformed value. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) return undefined;
  return { index, count };
}

/** A case-insensitive regular expression from --filter; undefined when it does not compile. */
export function compileFilter(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'i');
  } catch {
    return undefined;
  }
}

/**
 * Shard i of n: a contiguous slice of the ordered list, so a suite's benchmarks stay together
 * (one setup per job) and the n slices cover every item exactly once.
 */
export function shardSlice<T>(items: readonly T[], shard: Shard): T[] {
  const start = Math.floor(((shard.index - 1) * items.length) / shard.count);
  const end = Math.floor((shard.index * items.length) / shard.count);
  return items.slice(start, end);
}

/**
 * Shard i of n by whole groups (suites): each group goes to the shard with the fewest items so
 * far, largest groups first, so every shard sets up only its own suites and the n shards cover
 * every group exactly once. Deterministic: the same groups give the same assignment in every job.
 */
export function shardGroups<T>(groups: readonly { key: string; items: readonly T[] }[], shard: Shard): string[] {
  const load = Array.from({ length: shard.count }, () => 0);
  const mine: string[] = [];
  const ordered = [...groups].sort((a, b) => b.items.length - a.items.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const group of ordered) {
    const target = load.indexOf(extent(load).min);
    load[target] = (load[target] as number) + group.items.length;
    if (target === shard.index - 1) mine.push(group.key);
  }
  return mine;
}
